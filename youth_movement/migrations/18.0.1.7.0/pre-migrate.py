"""18.0.1.7.0: a member stores its contact's ``active`` and ``company_id``, so that the members list's
filter and its rules read its own table (models/ir_rule.py). Make and fill them in SQL before Odoo
loads the models: it then finds the columns and does not compute them for every pupil."""

from odoo.addons.youth_movement.tools import sort_keys


def migrate(cr, version):
    sort_keys.fill_contact_columns(cr)
