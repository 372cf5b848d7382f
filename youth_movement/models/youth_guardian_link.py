from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .youth_scope_mixin import MANAGER

REPRESENTATIVE_BY_LAW = ("mother", "father", "guardian", "trustee")


class YouthGuardianLink(models.Model):
    _name = "youth.guardian.link"
    _inherit = ["youth.scope.mixin", "youth.group.order.mixin"]
    _description = "Parent or legal representative of a member"
    _order = "member_id, is_legal_representative desc, id"
    _rec_name = "guardian_id"

    member_id = fields.Many2one("youth.member", string="Child", required=True, index=True, ondelete="cascade")
    guardian_id = fields.Many2one(
        "res.partner",
        string="Parent or representative",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", False)],
    )
    relation = fields.Selection(
        [
            ("mother", "Mother"),
            ("father", "Father"),
            ("grandmother", "Grandmother"),
            ("grandfather", "Grandfather"),
            ("guardian", "Guardian"),
            ("trustee", "Trustee"),
            ("other", "Other relative"),
        ],
        required=True,
        default="mother",
    )
    is_legal_representative = fields.Boolean(
        "Legal representative",
        compute="_compute_is_legal_representative",
        store=True,
        readonly=False,
        help="Parents, guardians and trustees represent the child by law and may give consents.",
    )
    # shown on the link so that staff reach the parent without opening the contact
    phone = fields.Char(related="guardian_id.phone", readonly=False)
    email = fields.Char(related="guardian_id.email", readonly=False)
    school_id = fields.Many2one(related="member_id.school_id", store=True, index=True)
    district_id = fields.Many2one(related="member_id.district_id", store=True, index=True)

    _sql_constraints = [
        ("member_guardian_uniq", "unique(member_id, guardian_id)", "This person is already linked to the child."),
    ]

    @api.depends("relation")
    def _compute_is_legal_representative(self):
        for link in self:
            link.is_legal_representative = link.relation in REPRESENTATIVE_BY_LAW

    @api.constrains("member_id", "guardian_id")
    def _check_not_self(self):
        for link in self:
            if link.guardian_id == link.member_id.partner_id:
                raise ValidationError(self.env._("A child cannot be their own parent or representative."))

    # ------------------------------------------------------------------ who may hand a child to an account
    @api.model_create_multi
    def create(self, vals_list):
        self._youth_check_guardian_logins({vals["guardian_id"] for vals in vals_list if vals.get("guardian_id")})
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("guardian_id"):
            self._youth_check_guardian_logins({vals["guardian_id"]})
        return super().write(vals)

    def _youth_check_guardian_logins(self, partner_ids):
        """A link gives the guardian's login the child's portal pages. Staff below the regional
        manager link a child only to people without a login (a parent they record): a family with
        an account is linked through its own application in the portal, or by a regional manager."""
        if self.env.su or not partner_ids or self.env.user.has_group(MANAGER):
            return
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        if partners.with_context(active_test=False).user_ids:
            raise AccessError(
                self.env._(
                    "%(person)s has a login: only a regional manager may link a child to them. The family can "
                    "apply for the child in the portal.",
                    person=partners.filtered(lambda p: p.with_context(active_test=False).user_ids)[0].name,
                )
            )
