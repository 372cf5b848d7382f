from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import quorum
from .youth_council_member import ROLES


class YouthCouncilParticipant(models.Model):
    _name = "youth.council.participant"
    _inherit = ["youth.scope.mixin"]
    _description = "Participant of a council meeting"
    _order = "meeting_id, role_order, name, id"

    meeting_id = fields.Many2one(
        "youth.council.meeting", string="Meeting", required=True, ondelete="cascade", index=True
    )
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting status")
    member_id = fields.Many2one(
        "youth.council.member",
        string="Council member",
        ondelete="restrict",
        index=True,
        domain="[('council_id', '=', parent.council_id)]",
        help="Empty for an invited guest.",
    )
    kind = fields.Selection([("member", "Council member"), ("guest", "Guest")], compute="_compute_kind", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        compute="_compute_from_member",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
    )
    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    position = fields.Char(compute="_compute_from_member", store=True, readonly=False, precompute=True)
    organization_id = fields.Many2one(
        "res.partner",
        string="Organization",
        compute="_compute_from_member",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("is_company", "=", True)],
    )
    role = fields.Selection(
        ROLES + [("guest", "Guest")], compute="_compute_from_member", store=True, readonly=False, precompute=True
    )
    role_order = fields.Integer(compute="_compute_role_order", store=True)
    is_voting = fields.Boolean("Votes", compute="_compute_kind", store=True)
    state = fields.Selection(
        [("invited", "Invited"), ("confirmed", "Confirmed"), ("present", "Present"), ("absent", "Absent")],
        default="invited",
        required=True,
    )
    absence_reason = fields.Char()

    _sql_constraints = [
        ("member_uniq", "unique(meeting_id, member_id)", "A council member is listed once per meeting."),
    ]

    @api.depends("member_id", "member_id.role")
    def _compute_kind(self):
        for participant in self:
            participant.kind = "member" if participant.member_id else "guest"
            participant.is_voting = participant.member_id.role in quorum.VOTING_ROLES

    @api.depends("member_id")
    def _compute_from_member(self):
        for participant in self.filtered("member_id"):
            member = participant.member_id
            participant.partner_id = member.partner_id
            participant.position = member.position
            participant.organization_id = member.organization_id
            participant.role = member.role
        for participant in self.filtered(lambda p: not p.member_id and not p.role):
            participant.role = "guest"

    @api.depends("partner_id")
    def _compute_name(self):
        for participant in self.filtered("partner_id"):
            participant.name = participant.partner_id.name

    @api.depends("role")
    def _compute_role_order(self):
        order = [key for key, _label in ROLES] + ["guest"]
        for participant in self:
            participant.role_order = order.index(participant.role) if participant.role in order else len(order)

    @api.constrains("member_id", "meeting_id")
    def _check_member_council(self):
        for participant in self.filtered("member_id"):
            if participant.member_id.council_id != participant.meeting_id.council_id:
                raise ValidationError(
                    self.env._("%(person)s is not a member of this council.", person=participant.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        meeting_ids = {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        meetings = self.env["youth.council.meeting"].browse(meeting_ids)
        meetings._youth_check_unlocked()
        participants = super().create(vals_list)
        participants.meeting_id.filtered(lambda m: m.state == "planned")._youth_sync_calendar()
        return participants

    def write(self, vals):
        self.meeting_id._youth_check_unlocked()
        res = super().write(vals)
        if "partner_id" in vals or "member_id" in vals:
            self.meeting_id.filtered(lambda m: m.state == "planned")._youth_sync_calendar()
        return res

    def unlink(self):
        meetings = self.meeting_id
        meetings._youth_check_unlocked()
        res = super().unlink()
        meetings.filtered(lambda m: m.state == "planned")._youth_sync_calendar()
        return res

    def action_present(self):
        self.write({"state": "present", "absence_reason": False})

    def action_absent(self):
        self.write({"state": "absent"})
