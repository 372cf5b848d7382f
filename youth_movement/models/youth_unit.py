from odoo import api, fields, models
from odoo.exceptions import ValidationError


class YouthUnit(models.Model):
    _name = "youth.unit"
    _description = "Unit of the movement in a school"
    _inherit = ["mail.thread", "youth.scope.mixin"]
    _order = "school_id, tier_id, name"

    name = fields.Char(required=True, tracking=True)
    school_id = fields.Many2one(
        "res.partner",
        string="School",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_youth_school", "=", True)],
        tracking=True,
    )
    district_id = fields.Many2one(related="school_id.youth_district_id", store=True, index=True)
    tier_id = fields.Many2one("youth.tier", string="Tier", required=True, ondelete="restrict", tracking=True)
    leader_id = fields.Many2one(
        "res.partner",
        string="Leader",
        domain=[("is_company", "=", False)],
        tracking=True,
        help="The unit leader (тәлімгер / вожатый).",
    )
    member_ids = fields.One2many("youth.member", "unit_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count")
    color = fields.Integer(related="tier_id.color")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_school_uniq", "unique(name, school_id)", "A school cannot have two units of the same name."),
    ]

    @api.depends("member_ids.status")
    def _compute_member_count(self):
        counts = dict(
            self.env["youth.member"]._read_group(
                [("unit_id", "in", self.ids), ("status", "=", "active")],
                ["unit_id"],
                ["__count"],
            )
        )
        for unit in self:
            unit.member_count = counts.get(unit, 0)

    @api.depends("name", "school_id")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = "%s (%s)" % (unit.name, unit.school_id.name) if unit.school_id else unit.name

    @api.constrains("school_id", "tier_id")
    def _check_members_fit(self):
        for unit in self:
            misfit = unit.member_ids.filtered(
                lambda m, unit=unit: m.school_id != unit.school_id or m.tier_id != unit.tier_id
            )
            if misfit:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s has members of another school or tier: %(members)s.",
                        unit=unit.name,
                        members=", ".join(misfit[:5].mapped("name")),
                    )
                )

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_member_action")
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id, "default_school_id": self.school_id.id}
        return action
