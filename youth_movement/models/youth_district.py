from odoo import api, fields, models


class YouthDistrict(models.Model):
    _name = "youth.district"
    _description = "District or city of a region"
    _order = "state_id, kind desc, name"

    # identity
    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in numbering and reports.")
    kind = fields.Selection(
        [("city", "City of regional significance"), ("district", "District")],
        required=True,
        default="district",
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="Region",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('country_id.code', '=', 'KZ')]",
    )
    active = fields.Boolean(default=True)
    user_ids = fields.Many2many(
        "res.users",
        "youth_district_res_users_rel",
        "district_id",
        "user_id",
        string="Coordinators",
    )
    # counters
    school_ids = fields.One2many(
        "res.partner", "youth_district_id", string="Schools", domain=[("is_youth_school", "=", True)]
    )
    school_count = fields.Integer(compute="_compute_counts")
    member_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("name_state_uniq", "unique(name, state_id)", "A region cannot have two districts of the same name."),
    ]

    @api.depends("school_ids")
    def _compute_counts(self):
        schools = dict(
            self.env["res.partner"]._read_group(
                [("youth_district_id", "in", self.ids), ("is_youth_school", "=", True)],
                ["youth_district_id"],
                ["__count"],
            )
        )
        members = dict(
            self.env["youth.member"]._read_group(
                [("district_id", "in", self.ids), ("status", "=", "active")],
                ["district_id"],
                ["__count"],
            )
        )
        for district in self:
            district.school_count = schools.get(district, 0)
            district.member_count = members.get(district, 0)

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_member_action")
        action["domain"] = [("district_id", "=", self.id)]
        action["context"] = {"default_status": "active"}
        return action

    def action_view_schools(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_school_action")
        action["domain"] = [("youth_district_id", "=", self.id), ("is_youth_school", "=", True)]
        return action
