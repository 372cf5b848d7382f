"""The members list's own copies of its contacts' columns (related fields of ``youth.member``): the
sort keys ``school_sort_name`` and ``sort_name`` (the school's full name and the pupil's name), and
``active`` and ``company_id`` (the contact's), which its filter and its rules read."""

COLUMNS_SQL = """
ALTER TABLE youth_member ADD COLUMN IF NOT EXISTS school_sort_name varchar,
                         ADD COLUMN IF NOT EXISTS sort_name varchar
"""
FILL_SQL = """
UPDATE youth_member m SET school_sort_name = school.complete_name, sort_name = person.name
FROM res_partner school, res_partner person
WHERE school.id = m.school_id AND person.id = m.partner_id
  AND (m.school_sort_name IS DISTINCT FROM school.complete_name OR m.sort_name IS DISTINCT FROM person.name)
"""


def fill_sort_keys(cr):
    """Make the two columns when missing and fill them as the ORM computes them, in SQL: for a
    database upgraded to them. ``cr`` is a DB-API cursor."""
    cr.execute(COLUMNS_SQL)
    cr.execute(FILL_SQL)


CONTACT_COLUMNS_SQL = """
ALTER TABLE youth_member ADD COLUMN IF NOT EXISTS active boolean,
                         ADD COLUMN IF NOT EXISTS company_id integer
"""
CONTACT_FILL_SQL = """
UPDATE youth_member m SET active = person.active, company_id = person.company_id
FROM res_partner person
WHERE person.id = m.partner_id
  AND (m.active IS DISTINCT FROM person.active OR m.company_id IS DISTINCT FROM person.company_id)
"""


def fill_contact_columns(cr):
    """Make ``active`` and ``company_id`` when missing and fill them from the contacts, in SQL:
    for a database upgraded to them. ``cr`` is a DB-API cursor."""
    cr.execute(CONTACT_COLUMNS_SQL)
    cr.execute(CONTACT_FILL_SQL)
