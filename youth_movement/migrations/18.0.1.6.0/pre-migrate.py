"""18.0.1.6.0: the members list sorts on two stored copies, the school's full name and the pupil's
name (``youth_member.school_sort_name``, ``sort_name``), so that an index gives a page. Make and fill
them in SQL before Odoo loads the models: it then finds the columns and does not compute them
record by record for every pupil of the region."""

from odoo.addons.youth_movement.tools import sort_keys


def migrate(cr, version):
    sort_keys.fill_sort_keys(cr)
