"""18.0.1.3.0: the contact rules read ``res_partner.youth_person`` (a pupil's or a guardian's
contact) and the schools and districts of a pupil or of a guardian's children, two relation tables
of ``res.partner``. Make them here, as Odoo would, and fill them in SQL before Odoo loads the
models: it then finds them and does not compute them record by record for the region's hundreds
of thousands of contacts (minutes on a region of 150 000 pupils, 38 s this way)."""

from odoo.addons.youth_movement.tools import scope


def migrate(cr, version):
    cr.execute("ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS youth_person boolean")
    scope.create_scope_tables(cr)
    scope.fill_person_scope(cr)
