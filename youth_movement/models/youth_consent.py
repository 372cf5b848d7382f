from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import timezone
from . import youth_health_card as health_card


class YouthConsent(models.Model):
    _name = "youth.consent"
    _description = "Consent given for a member"
    _inherit = ["mail.thread", "youth.scope.mixin", "youth.group.order.mixin"]
    _order = "date_given desc, id desc"

    member_id = fields.Many2one("youth.member", string="Child", required=True, index=True, ondelete="cascade")
    guardian_id = fields.Many2one(
        "res.partner",
        string="Given by",
        required=True,
        index=True,
        ondelete="restrict",
        help="The parent or legal representative who gave the consent.",
    )
    type_id = fields.Many2one("youth.consent.type", string="Consent", required=True, ondelete="restrict")
    version = fields.Char(required=True, tracking=True, help="Version of the text that was accepted.")
    # dates in the movement's zone (Almaty for a user with none), as the consent's withdrawal: Odoo's
    # context_today takes UTC for such a user, a day behind Almaty's after 18:00 UTC
    date_given = fields.Date(
        "Given on", required=True, default=lambda self: timezone.today_in(self.env.user.tz), tracking=True
    )
    channel = fields.Selection(
        [("paper", "Signed paper"), ("portal", "Portal"), ("email", "E-mail"), ("in_person", "In person")],
        required=True,
        default="paper",
    )
    withdrawn_date = fields.Date("Withdrawn on", tracking=True, copy=False)
    state = fields.Selection(
        [("given", "Given"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    school_id = fields.Many2one(related="member_id.school_id", store=True, index=True)
    district_id = fields.Many2one(related="member_id.district_id", store=True, index=True)

    @api.depends("withdrawn_date")
    def _compute_state(self):
        for consent in self:
            consent.state = "withdrawn" if consent.withdrawn_date else "given"

    @api.depends("type_id", "member_id")
    def _compute_display_name(self):
        for consent in self:
            consent.display_name = "%s – %s" % (consent.type_id.name or "", consent.member_id.name or "")

    @api.constrains("guardian_id", "member_id")
    def _check_guardian(self):
        for consent in self:
            links = consent.member_id.guardian_link_ids.filtered(lambda link: link.is_legal_representative)
            if consent.guardian_id not in links.guardian_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a legal representative of %(child)s and cannot give consent for them.",
                        person=consent.guardian_id.name,
                        child=consent.member_id.name,
                    )
                )

    @api.constrains("date_given", "withdrawn_date")
    def _check_dates(self):
        for consent in self:
            if consent.withdrawn_date and consent.withdrawn_date < consent.date_given:
                raise ValidationError(self.env._("A consent cannot be withdrawn before it was given."))

    @api.onchange("type_id")
    def _onchange_type_id(self):
        self.version = self.type_id.version

    @api.model_create_multi
    def create(self, vals_list):
        types = self.env["youth.consent.type"].browse([v["type_id"] for v in vals_list if v.get("type_id")])
        versions = {consent_type.id: consent_type.version for consent_type in types}
        for vals in vals_list:
            if not vals.get("version") and vals.get("type_id"):
                vals["version"] = versions[vals["type_id"]]
        return super().create(vals_list)

    def action_withdraw(self):
        if self.filtered(lambda c: c.state == "withdrawn"):
            raise UserError(self.env._("This consent has already been withdrawn."))
        self.write({"withdrawn_date": timezone.today_in(self.env.user.tz)})

    def write(self, vals):
        result = super().write(vals)
        if vals.get("withdrawn_date"):
            self._youth_forget_health_data()
        return result

    def unlink(self):
        health = self.filtered(lambda c: c.type_id.code == health_card.CONSENT_CODE)
        members = health.member_id
        result = super().unlink()
        still = self.env["youth.health.card"]._youth_consent
        self.env["youth.health.card"]._youth_forget(members.exists().filtered(lambda m: not still(m)))
        return result

    def _youth_forget_health_data(self):
        """Without a given consent to health data, a child's health card is not kept."""
        members = self.filtered(lambda c: c.type_id.code == health_card.CONSENT_CODE).member_id
        still = self.env["youth.health.card"]._youth_consent
        self.env["youth.health.card"]._youth_forget(members.filtered(lambda m: not still(m)))
