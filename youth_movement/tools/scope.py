"""The schools and districts of the people of the movement, as the contact rules read them."""

# (relation table, column): ``res.partner.youth_scope_school_ids`` and ``youth_scope_district_ids``
SCOPE_TABLES = (("youth_partner_scope_school_rel", "school_id"), ("youth_partner_scope_district_rel", "district_id"))


def fill_person_scope(cr):
    """Fill ``res_partner.youth_person`` and the two scope tables of every pupil's and guardian's
    contact in SQL, archived pupils included, as the ORM computes them: for a database upgraded
    to them, or filled by COPY. ``cr`` is a DB-API cursor."""
    cr.execute(
        """UPDATE res_partner p SET youth_person =
               EXISTS (SELECT 1 FROM youth_member m WHERE m.partner_id = p.id)
               OR EXISTS (SELECT 1 FROM youth_guardian_link l WHERE l.guardian_id = p.id)"""
    )
    for table, column in SCOPE_TABLES:
        cr.execute(
            f"""INSERT INTO {table} (partner_id, {column})
                SELECT partner_id, {column} FROM youth_member WHERE {column} IS NOT NULL
                UNION
                SELECT guardian_id, {column} FROM youth_guardian_link WHERE {column} IS NOT NULL
                ON CONFLICT DO NOTHING"""
        )
