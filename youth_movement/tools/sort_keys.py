"""The members list's sort keys: ``youth_member.school_sort_name`` and ``sort_name``, stored copies of
the school's full name and of the pupil's name (related fields of ``youth.member``)."""

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
