"""18.0.1.3.0: the contact rules read ``res_partner.youth_person`` (a pupil's or a guardian's
contact) and the schools and districts of a pupil or of a guardian's children, two relation tables
of ``res.partner``. Make them here, as Odoo would, and fill them in SQL before Odoo loads the
models: it then finds them and does not compute them record by record for the region's hundreds
of thousands of contacts (minutes on a region of 150 000 pupils)."""

from odoo.addons.youth_movement.tools import scope


def migrate(cr, version):
    cr.execute("ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS youth_person boolean")
    for table, column in scope.SCOPE_TABLES:
        # the table, primary key and index that fields.Many2many.update_db creates
        cr.execute(
            f"""CREATE TABLE IF NOT EXISTS {table} (partner_id INTEGER NOT NULL, {column} INTEGER NOT NULL,
                                                    PRIMARY KEY (partner_id, {column}));
                CREATE INDEX IF NOT EXISTS {table}_{column}_partner_id_idx ON {table} ({column}, partner_id)"""
        )
    scope.fill_person_scope(cr)
