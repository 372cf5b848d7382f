"""18.0.1.3.0: the planner's statistics for the columns and tables pre-migrate filled."""


def migrate(cr, version):
    cr.execute("ANALYZE res_partner, youth_partner_scope_school_rel, youth_partner_scope_district_rel")
