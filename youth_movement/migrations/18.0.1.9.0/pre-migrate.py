"""18.0.1.9.0: a registration stores its event's start, the sort key of the movement's registrations
list. Make and fill it in SQL before Odoo loads the models: it then finds the column and does not
compute it for the two million registrations of a large region."""

from odoo.addons.youth_movement.tools import sort_keys


def migrate(cr, version):
    sort_keys.fill_registration_sort_key(cr)
