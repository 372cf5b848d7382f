"""18.0.1.1.0: one spelling, "organization". The councils', council members' and participants'
``organisation_id`` became ``organization_id``: rename the columns and the fields' records before
the models load, so that the data, the tracking values and the filters that point at the fields
are kept."""

from odoo.tools import SQL

RENAMED = [  # (model, table)
    ("youth.council", "youth_council"),
    ("youth.council.member", "youth_council_member"),
    ("youth.council.participant", "youth_council_participant"),
]
OLD, NEW = "organisation_id", "organization_id"


def migrate(cr, version):
    for model, table in RENAMED:
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            (table, OLD),
        )
        if not cr.fetchone():
            continue
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME COLUMN %s TO %s", SQL.identifier(table), SQL.identifier(OLD), SQL.identifier(NEW)
            )
        )
        cr.execute("UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s", (NEW, model, OLD))
        old_xmlid = "field_%s__%s" % (table, OLD)
        cr.execute(
            "UPDATE ir_model_data SET name = %s WHERE module = 'youth_movement' AND model = 'ir.model.fields' "
            "AND name = %s",
            ("field_%s__%s" % (table, NEW), old_xmlid),
        )
