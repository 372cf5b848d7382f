from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import quorum


class YouthCouncil(models.Model):
    _name = "youth.council"
    _description = "Coordination council"
    _inherit = ["mail.thread", "youth.scope.mixin"]
    _order = "level desc, name"

    # identity and place
    name = fields.Char(required=True, tracking=True)
    level = fields.Selection(
        [("region", "Regional"), ("district", "District or city")],
        required=True,
        default="district",
        tracking=True,
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="Region",
        required=True,
        ondelete="restrict",
        index=True,
        compute="_compute_state_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('country_id.code', '=', 'KZ')]",
    )
    district_id = fields.Many2one(
        "youth.district",
        string="District or city",
        ondelete="restrict",
        index=True,
        tracking=True,
        help="The district or city whose council this is; empty for the regional council.",
    )
    organization_id = fields.Many2one(
        "res.partner",
        string="Organization",
        domain=[("is_company", "=", True)],
        help="The organization that keeps the council, e.g. the regional education department.",
    )
    active = fields.Boolean(default=True)
    # quorum and follow-up
    quorum_rule = fields.Selection(
        [("percent", "Share of the voting members"), ("count", "Minimum number of voting members")],
        string="Quorum rule",
        required=True,
        default="percent",
    )
    quorum_value = fields.Float(
        "Quorum threshold",
        required=True,
        default=50.0,
        help="Percent of the voting members (rounded up) or a head count, depending on the rule.",
    )
    secretary_user_id = fields.Many2one(
        "res.users",
        string="Secretary (user)",
        tracking=True,
        domain=[("share", "=", False)],
        help="Keeps the minutes and hears of overdue decisions.",
    )
    reminder_days = fields.Integer(
        "Remind before deadline (days)",
        default=3,
        help="The responsible are reminded this many days before a decision's deadline.",
    )
    # people and meetings
    member_ids = fields.One2many("youth.council.member", "council_id", string="Members")
    meeting_ids = fields.One2many("youth.council.meeting", "council_id", string="Meetings")
    decision_ids = fields.One2many("youth.council.decision", "council_id", string="Decisions")
    voting_member_count = fields.Integer("Voting members", compute="_compute_counts")
    meeting_count = fields.Integer(compute="_compute_counts")
    open_decision_count = fields.Integer("Open decisions", compute="_compute_counts")

    @api.depends("district_id")
    def _compute_state_id(self):
        for council in self:
            if council.district_id:
                council.state_id = council.district_id.state_id

    @api.depends("member_ids.role", "member_ids.date_from", "member_ids.date_to")
    def _compute_counts(self):
        meetings = dict(
            self.env["youth.council.meeting"]._read_group([("council_id", "in", self.ids)], ["council_id"], ["__count"])
        )
        decisions = dict(
            self.env["youth.council.decision"]._read_group(
                [("council_id", "in", self.ids), ("state", "in", ("open", "in_progress"))], ["council_id"], ["__count"]
            )
        )
        today = fields.Date.context_today(self)
        for council in self:
            council.voting_member_count = len(council._voting_members(today))
            council.meeting_count = meetings.get(council, 0)
            council.open_decision_count = decisions.get(council, 0)

    @api.constrains("level", "district_id")
    def _check_level(self):
        for council in self:
            if council.level == "district" and not council.district_id:
                raise ValidationError(self.env._("A district council needs its district or city."))
            if council.level == "region" and council.district_id:
                raise ValidationError(self.env._("The regional council belongs to no district."))

    @api.constrains("quorum_rule", "quorum_value")
    def _check_quorum(self):
        for council in self:
            if council.quorum_value <= 0 or (council.quorum_rule == "percent" and council.quorum_value > 100):
                raise ValidationError(
                    self.env._(
                        "The quorum of %(council)s must be a share between 0 and 100 percent or a positive count.",
                        council=council.name,
                    )
                )

    def _voting_members(self, day):
        """The members who count for the quorum on a day: voting roles, within their term."""
        self.ensure_one()
        return self.member_ids.filtered(lambda m: m.role in quorum.VOTING_ROLES and m._in_term(day))

    def _required_present(self, day):
        self.ensure_one()
        return quorum.required_present(len(self._voting_members(day)), self.quorum_rule, self.quorum_value)

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_council_meeting_action")
        action["domain"] = [("council_id", "=", self.id)]
        action["context"] = {"default_council_id": self.id}
        return action

    def action_view_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_council_decision_action")
        action["domain"] = [("council_id", "=", self.id)]
        action["context"] = {"default_council_id": self.id, "search_default_open": 1}
        return action

    # ------------------------------------------------------------------ the council portal
    @api.model
    def _portal_councils(self, partner):
        """The councils ``partner`` sits in (sudo records, already checked): the council portal's only
        way to a council."""
        today = fields.Date.context_today(self)
        members = (
            self.env["youth.council.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", today),
                ]
            )
        )
        return members.council_id
