from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

MANAGER = "youth_movement.youth_movement_group_regional_manager"

ROLES = [
    ("chair", "Chair"),
    ("deputy_chair", "Deputy chair"),
    ("secretary", "Secretary"),
    ("member", "Member"),
    ("permanent_invitee", "Permanent invitee"),
]


class YouthCouncilMember(models.Model):
    _name = "youth.council.member"
    _inherit = ["youth.scope.mixin"]
    _description = "Member of a coordination council"
    _order = "council_id, role_order, partner_id"

    council_id = fields.Many2one("youth.council", string="Council", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Person", required=True, ondelete="restrict", index=True)
    position = fields.Char(help="The member's office, as the minutes write it.")
    organization_id = fields.Many2one("res.partner", string="Organization", domain=[("is_company", "=", True)])
    role = fields.Selection(ROLES, required=True, default="member")
    role_order = fields.Integer(compute="_compute_role_order", store=True)
    date_from = fields.Date("Member from")
    date_to = fields.Date("Member until")
    in_term = fields.Boolean("In term", compute="_compute_in_term", search="_search_in_term")
    user_id = fields.Many2one(
        "res.users", string="User", compute="_compute_user_id", help="The internal user of the person, if any."
    )

    @api.depends("role")
    def _compute_role_order(self):
        order = [key for key, _label in ROLES]
        for member in self:
            member.role_order = order.index(member.role) if member.role in order else len(order)

    def _compute_in_term(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.in_term = member._in_term(today)

    def _search_in_term(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        today = fields.Date.context_today(self)
        domain = [
            "&",
            "|",
            ("date_from", "=", False),
            ("date_from", "<=", today),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", today),
        ]
        return domain if (operator == "=") == value else ["!"] + domain

    @api.depends("partner_id.user_ids")
    def _compute_user_id(self):
        for member in self:
            member.user_id = member.partner_id.user_ids.filtered(lambda u: not u.share)[:1]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for member in self:
            if member.date_from and member.date_to and member.date_to < member.date_from:
                raise ValidationError(
                    self.env._("The term of %(person)s ends before it starts.", person=member.partner_id.name)
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.position = self.position or self.partner_id.function
            self.organization_id = self.organization_id or self.partner_id.parent_id

    def _in_term(self, day):
        self.ensure_one()
        return (not self.date_from or self.date_from <= day) and (not self.date_to or day <= self.date_to)

    # ------------------------------------------------------------------ the council portal
    def action_youth_invite_portal(self):
        """The secretary invites members to the council portal: Odoo's portal invitation, in each
        member's language. A pupil's or a parent's contact is invited by a regional manager only: a
        login there opens the child's pages too (the same rule as for linking a child to a login)."""
        partners = self.partner_id.filtered(lambda p: not p.user_ids)
        if not partners:
            raise UserError(self.env._("These members already have a login: they open the portal with it."))
        missing = partners.filtered(lambda p: not p.email)
        if missing:
            raise UserError(self.env._("%(name)s has no e-mail address: add one to invite them.", name=missing[0].name))
        families = partners.sudo().filtered("youth_person")
        if families and not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "%(name)s is a pupil or a parent in the movement: only a regional manager may give them a login.",
                    name=families[0].name,
                )
            )
        wizard = self.env["portal.wizard"].create({"partner_ids": [Command.set(partners.ids)]})
        wizard.user_ids.action_grant_access()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Invitation sent to %(names)s.", names=", ".join(partners.mapped("name"))),
            },
        }
