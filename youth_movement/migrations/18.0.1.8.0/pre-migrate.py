"""18.0.1.8.0: an attendance line stores its pupil's school and district, which the attendance rules
read on the line itself. Make and fill them in SQL before Odoo loads the models: it then finds the
columns and does not compute them for the two million lines of a large region."""

from odoo.addons.youth_movement.tools import sort_keys


def migrate(cr, version):
    sort_keys.fill_attendance_scope(cr)
