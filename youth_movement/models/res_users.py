from odoo import api, fields, models


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "youth.scope.mixin"]
    # the scope of a staff user: set by regional managers and administrators only
    _youth_manager_fields = ("youth_district_ids", "youth_school_ids")

    # the scope a coordinator or a school leader covers; record rules read these
    youth_district_ids = fields.Many2many(
        "youth.district",
        "youth_district_res_users_rel",
        "user_id",
        "district_id",
        string="Covered districts",
        help="District coordinators see the members, schools and units of these districts.",
    )
    youth_school_ids = fields.Many2many(
        "res.partner",
        "youth_school_res_users_rel",
        "user_id",
        "school_id",
        string="Covered schools",
        domain=[("is_youth_school", "=", True)],
        help="School leaders see the members and units of these schools.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any("youth_district_ids" in vals or "youth_school_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "youth_district_ids" in vals or "youth_school_ids" in vals:
            # record rules are cached per user: the scope they read has changed
            self.env.registry.clear_cache()
        return res
