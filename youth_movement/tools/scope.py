"""The schools and districts of the people of the movement, as the contact rules read them."""

from psycopg2 import sql

# (relation table, column) of ``res.partner.youth_scope_school_ids`` and ``youth_scope_district_ids``
SCOPES = (("youth_partner_scope_school_rel", "school_id"), ("youth_partner_scope_district_rel", "district_id"))

PERSON_SQL = """
UPDATE res_partner p SET youth_person =
    EXISTS (SELECT 1 FROM youth_member m WHERE m.partner_id = p.id)
    OR EXISTS (SELECT 1 FROM youth_guardian_link l WHERE l.guardian_id = p.id)
"""
FILL_SQL = sql.SQL("""
INSERT INTO {table} (partner_id, {column})
SELECT partner_id, {column} FROM youth_member WHERE {column} IS NOT NULL
UNION
SELECT guardian_id, {column} FROM youth_guardian_link WHERE {column} IS NOT NULL
ON CONFLICT DO NOTHING
""")
# the table, primary key and index that Odoo's fields.Many2many.update_db creates
TABLE_SQL = sql.SQL("""
CREATE TABLE IF NOT EXISTS {table} (partner_id INTEGER NOT NULL, {column} INTEGER NOT NULL,
                                    PRIMARY KEY (partner_id, {column}));
CREATE INDEX IF NOT EXISTS {index} ON {table} ({column}, partner_id);
""")


def _statements(template):
    for table, column in SCOPES:
        yield template.format(
            table=sql.Identifier(table),
            column=sql.Identifier(column),
            index=sql.Identifier(f"{table}_{column}_partner_id_idx"),
        )


def create_scope_tables(cr):
    """The two relation tables, before Odoo's models would make them (a migration)."""
    for statement in _statements(TABLE_SQL):
        cr.execute(statement)


def fill_person_scope(cr):
    """Fill ``res_partner.youth_person`` and the two scope tables of every pupil's and guardian's
    contact in SQL, archived pupils included, as the ORM computes them: for a database upgraded
    to them, or filled by COPY. ``cr`` is a DB-API cursor."""
    cr.execute(PERSON_SQL)
    for statement in _statements(FILL_SQL):
        cr.execute(statement)
    # statistics now, not at autovacuum's next pass: the access check of a page of pupils reads
    # these tables for 80 contacts, and a planner that believes them empty hashes every contact
    # (234 ms instead of 1 ms per page at 150 000 pupils: bench/README.md)
    for table, _column in SCOPES:
        cr.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
