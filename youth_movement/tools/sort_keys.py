"""The members list's own copies of its contacts' columns (related fields of ``youth.member``): the
sort keys ``school_sort_name`` and ``sort_name`` (the school's full name and the pupil's name), and
``active`` and ``company_id`` (the contact's), which its filter and its rules read; and the attendance
lines' copies of their registration's pupil's school and district, which the attendance rules read;
and the registrations' copy of their event's start, the sort key of their list."""

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


ATTENDANCE_COLUMNS_SQL = """
ALTER TABLE youth_event_attendance ADD COLUMN IF NOT EXISTS member_school_id integer,
                                   ADD COLUMN IF NOT EXISTS member_district_id integer
"""
ATTENDANCE_FILL_SQL = """
UPDATE youth_event_attendance a
   SET member_school_id = r.member_school_id, member_district_id = r.member_district_id
  FROM event_registration r
 WHERE r.id = a.registration_id
   AND (a.member_school_id IS DISTINCT FROM r.member_school_id
        OR a.member_district_id IS DISTINCT FROM r.member_district_id)
"""


def fill_attendance_scope(cr):
    """Make ``member_school_id`` and ``member_district_id`` of the attendance lines when missing and
    fill them from their registrations, in SQL: for a database upgraded to them. ``cr`` is a DB-API
    cursor."""
    cr.execute(ATTENDANCE_COLUMNS_SQL)
    cr.execute(ATTENDANCE_FILL_SQL)


REGISTRATION_COLUMNS_SQL = """
ALTER TABLE event_registration ADD COLUMN IF NOT EXISTS event_begin timestamp without time zone
"""
REGISTRATION_FILL_SQL = """
UPDATE event_registration r SET event_begin = e.date_begin
  FROM event_event e
 WHERE e.id = r.event_id AND r.event_begin IS DISTINCT FROM e.date_begin
"""


def fill_registration_sort_key(cr):
    """Make ``event_begin`` of the registrations when missing and fill it from their events, in
    SQL: for a database upgraded to it. ``cr`` is a DB-API cursor."""
    cr.execute(REGISTRATION_COLUMNS_SQL)
    cr.execute(REGISTRATION_FILL_SQL)
