"""The schools and districts of the people of the movement, as the contact rules read them."""

# the relation tables of ``res.partner.youth_scope_school_ids`` and ``youth_scope_district_ids``
SCOPE_TABLES = ("youth_partner_scope_school_rel", "youth_partner_scope_district_rel")

PERSON_SQL = """
UPDATE res_partner p SET youth_person =
    EXISTS (SELECT 1 FROM youth_member m WHERE m.partner_id = p.id)
    OR EXISTS (SELECT 1 FROM youth_guardian_link l WHERE l.guardian_id = p.id)
"""
SCHOOLS_SQL = """
INSERT INTO youth_partner_scope_school_rel (partner_id, school_id)
SELECT partner_id, school_id FROM youth_member WHERE school_id IS NOT NULL
UNION
SELECT guardian_id, school_id FROM youth_guardian_link WHERE school_id IS NOT NULL
ON CONFLICT DO NOTHING
"""
DISTRICTS_SQL = """
INSERT INTO youth_partner_scope_district_rel (partner_id, district_id)
SELECT partner_id, district_id FROM youth_member WHERE district_id IS NOT NULL
UNION
SELECT guardian_id, district_id FROM youth_guardian_link WHERE district_id IS NOT NULL
ON CONFLICT DO NOTHING
"""
# the tables, primary keys and indexes that Odoo's fields.Many2many.update_db creates
TABLES_SQL = """
CREATE TABLE IF NOT EXISTS youth_partner_scope_school_rel (
    partner_id INTEGER NOT NULL, school_id INTEGER NOT NULL, PRIMARY KEY (partner_id, school_id));
CREATE INDEX IF NOT EXISTS youth_partner_scope_school_rel_school_id_partner_id_idx
    ON youth_partner_scope_school_rel (school_id, partner_id);
CREATE TABLE IF NOT EXISTS youth_partner_scope_district_rel (
    partner_id INTEGER NOT NULL, district_id INTEGER NOT NULL, PRIMARY KEY (partner_id, district_id));
CREATE INDEX IF NOT EXISTS youth_partner_scope_district_rel_district_id_partner_id_idx
    ON youth_partner_scope_district_rel (district_id, partner_id);
"""


def fill_person_scope(cr):
    """Fill ``res_partner.youth_person`` and the two scope tables of every pupil's and guardian's
    contact in SQL, archived pupils included, as the ORM computes them: for a database upgraded
    to them, or filled by COPY. ``cr`` is a DB-API cursor."""
    for statement in (PERSON_SQL, SCHOOLS_SQL, DISTRICTS_SQL):
        cr.execute(statement)
