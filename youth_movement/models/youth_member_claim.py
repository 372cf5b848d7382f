from odoo import api, fields, models
from odoo.exceptions import UserError

from ..const import STAFF
from ..tools import iin as iin_rules
from ..tools import timezone
from .youth_guardian_link import REPRESENTATIVE_BY_LAW

# what the family sent and whom it concerns: set when the claim is made, never edited
FAMILY_FIELDS = {
    "partner_id",
    "member_id",
    "name",
    "iin",
    "school_id",
    "grade",
    "class_letter",
    "relation",
    "consent_type_ids",
    "consent_versions",
}


class YouthMemberClaim(models.Model):
    """A family's application for a child whose IIN is on file already.

    The portal must not tell a family whether a child is a member, so an application with a
    taken IIN is answered as any other (``youth.member._portal_apply``) and recorded here for
    the staff who cover the child. They accept it (the family becomes a parent of the child) or
    refuse it (the family is told, as for a rejected application). The family's portal shows the
    claim as an application under review, from what they typed, until it is accepted.
    """

    _name = "youth.member.claim"
    _description = "Application for a child already on file"
    _inherit = ["mail.thread", "mail.activity.mixin", "youth.scope.mixin"]
    _order = "create_date desc, id desc"

    # who applies, and what they typed
    partner_id = fields.Many2one(
        "res.partner",
        string="Applied by",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        help="The parent who applied in the portal.",
    )
    # named as the family typed the child's name (in mails and activities too), never as on file
    name = fields.Char("Child's name as typed", required=True, readonly=True)
    iin = fields.Char("IIN", size=12, required=True, readonly=True, groups=STAFF)
    school_id = fields.Many2one("res.partner", string="School given", required=True, readonly=True, ondelete="restrict")
    grade = fields.Integer("Grade given", required=True, readonly=True, aggregator=False)
    class_letter = fields.Char("Class given", size=4, readonly=True)
    relation = fields.Selection(selection="_selection_relation", string="Relation given", required=True, readonly=True)
    consent_type_ids = fields.Many2many("youth.consent.type", string="Consents given", readonly=True)
    # {consent kind id: version of the text the family accepted}, for the consents made on acceptance
    consent_versions = fields.Json("Versions of the consent texts", readonly=True)
    # the child on file, and who covers it
    member_id = fields.Many2one(
        "youth.member", string="Child on file", required=True, readonly=True, index=True, ondelete="cascade"
    )
    member_status = fields.Selection(related="member_id.status", string="Status of the child")
    member_school_id = fields.Many2one(
        related="member_id.school_id", store=True, index=True, string="School of the child"
    )
    member_district_id = fields.Many2one(
        related="member_id.district_id", store=True, index=True, string="District of the child"
    )
    member_guardian_link_ids = fields.One2many(related="member_id.guardian_link_ids", string="Parents on file")
    first_applicant_id = fields.Many2one(
        related="member_id.applied_by_id",
        string="First applicant",
        help="Who applied for the child in the portal before this family, while the application is undecided.",
    )
    # the decision
    state = fields.Selection(
        [("open", "To settle"), ("accepted", "Accepted"), ("refused", "Refused")],
        string="Status",
        required=True,
        default="open",
        readonly=True,
        tracking=True,
        index=True,
    )
    refusal_reason = fields.Text("Reason given to the family", readonly=True, tracking=True)
    note = fields.Text("Internal notes", help="What staff checked, seen by staff only.")

    @api.model
    def _selection_relation(self):
        return self.env["youth.guardian.link"]._fields["relation"]._description_selection(self.env)

    # ------------------------------------------------------------------ CRUD
    def write(self, vals):
        if not self.env.su and FAMILY_FIELDS.union(("state", "refusal_reason")) & set(vals):
            raise UserError(self.env._("A claim is what the family sent: accept it or refuse it."))
        return super().write(vals)

    # ------------------------------------------------------------------ actions
    def action_accept(self):
        """Make the family a parent of the child on file, with the consents they gave. A rejected
        application on file becomes this family's application, for the school to decide again."""
        self._check_settle()
        for claim in self.sudo():
            member = claim.member_id
            if member.status == "rejected":
                if member.applied_by_id and member.applied_by_id != claim.partner_id:
                    # they were told the reason already: it stays in their portal, without a new mail
                    claim._give_way(member.applied_by_id, member.rejection_reason, notify=False)
                member.write({"status": "applicant", "rejection_reason": False, "applied_by_id": claim.partner_id.id})
            claim._link_family()
        self.sudo().write({"state": "accepted"})
        self._close_activities()
        self._notify_family("youth_movement.mail_template_claim_accepted")

    def action_open_refuse_wizard(self, replace=False):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Accept instead of the first applicant")
            if replace
            else self.env._("Refuse the application"),
            "res_model": "youth.member.claim.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_claim_ids": self.ids, "default_replace": replace},
        }

    def action_open_replace_wizard(self):
        return self.action_open_refuse_wizard(replace=True)

    # ------------------------------------------------------------------ business
    def _check_settle(self):
        """Only open claims are settled, by staff who may change the child on file."""
        if self.filtered(lambda claim: claim.state != "open"):
            raise UserError(self.env._("This claim has been settled already."))
        self.check_access("write")
        self.member_id.check_access("write")

    def _refuse(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the family the reason of the refusal."))
        self._check_settle()
        self.sudo().write({"state": "refused", "refusal_reason": reason.strip()})
        self._close_activities()
        self._notify_family("youth_movement.mail_template_claim_refused")

    def _accept_instead_of_first_applicant(self, reason):
        """Settle a claim on an undecided portal application of another family: this family becomes
        the child's applicant and parent, and the first family's application is refused with
        ``reason`` (:meth:`_give_way`)."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the first family the reason of the refusal."))
        self._check_settle()
        for claim in self.sudo():
            member = claim.member_id
            first = member.applied_by_id
            if member.status != "applicant" or not first or first == claim.partner_id:
                raise UserError(
                    self.env._("%(name)s has no undecided application of another family to replace.", name=claim.name)
                )
            claim._give_way(first, reason.strip())
            member.applied_by_id = claim.partner_id
        self.action_accept()

    def _give_way(self, first, reason, notify=True):
        """The family ``first`` applied for the child on file before this one, and is not the
        child's family: their link and consents go, and what they had sent stays in their portal
        as a refused application with ``reason``, told to them (``notify``) as any refusal is."""
        self.ensure_one()
        member = self.member_id.sudo()
        link = member.guardian_link_ids.filtered(lambda line: line.guardian_id == first)
        consents = member.consent_ids.filtered(lambda c: c.guardian_id == first and c.state == "given")
        refused = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "partner_id": first.id,
                    "member_id": member.id,
                    "name": member.name,
                    "iin": member.iin,
                    "school_id": member.school_id.id,
                    "grade": member.grade,
                    "class_letter": member.class_letter,
                    "relation": link[:1].relation or "other",
                    "consent_type_ids": [(6, 0, consents.type_id.ids)],
                    "consent_versions": {str(c.type_id.id): c.version for c in consents},
                    "state": "refused",
                    "refusal_reason": reason,
                }
            )
        )
        consents.action_withdraw()
        link.unlink()
        member.message_post(
            body=self.env._(
                "The application of %(first)s gave way to the one of %(family)s.",
                first=first.name,
                family=self.partner_id.name,
            )
        )
        if notify:
            refused._notify_family("youth_movement.mail_template_claim_refused")

    def _link_family(self):
        """Link the family to the child, with the consents they gave, as the system.

        The caller has checked that the staff member may change the child (:meth:`_check_settle`).
        Linking a child to a partner with a login may be reserved to regional managers, but an
        accepted claim is the family's own request, which the staff member has only confirmed:
        so the link is made with sudo, after that check.
        """
        self.ensure_one()
        member = self.member_id.sudo()
        link = member.guardian_link_ids.filtered(lambda line: line.guardian_id == self.partner_id)
        if not link:
            link = (
                self.env["youth.guardian.link"]
                .sudo()
                .create(
                    {
                        "member_id": member.id,
                        "guardian_id": self.partner_id.id,
                        "relation": self.relation,
                        "is_legal_representative": self.relation in REPRESENTATIVE_BY_LAW,
                    }
                )
            )
        if not link.is_legal_representative:
            return
        given = member.consent_ids.filtered(lambda c: c.guardian_id == self.partner_id and c.state == "given")
        versions = self.consent_versions or {}
        self.env["youth.consent"].sudo().create(
            [
                {
                    "member_id": member.id,
                    "guardian_id": self.partner_id.id,
                    "type_id": consent_type.id,
                    "version": versions.get(str(consent_type.id)) or consent_type.version,
                    "channel": "portal",
                    "date_given": timezone.to_local(self.create_date, self.env.user.tz).date(),
                }
                for consent_type in self.consent_type_ids - given.type_id
            ]
        )
        member.message_post(
            body=self.env._(
                "%(family)s linked to the child: their application in the portal was accepted.",
                family=self.partner_id.name,
            )
        )

    def _close_activities(self):
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])

    def _notify_family(self, template_xmlid):
        self.env["youth.member"]._send_family_mail(template_xmlid, self)

    @api.model
    def _portal_claim(self, parent, member, post):
        """Record a checked application whose IIN ``member`` holds, and tell the staff who cover
        the child. The family is answered as for any application (the caller's business)."""
        given = (
            self.env["youth.consent.type"]
            .sudo()
            .search([])
            .filtered(lambda consent_type: post.get("consent_%s" % consent_type.code))
        )
        claim = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "partner_id": parent.id,
                    "member_id": member.id,
                    "name": post["name"].strip(),
                    "iin": iin_rules.normalize(post["iin"]),
                    "school_id": int(post["school_id"]),
                    "grade": int(post["grade"]),
                    "class_letter": (post.get("class_letter") or "").strip() or False,
                    "relation": post["relation"],
                    "consent_type_ids": [(6, 0, given.ids)],
                    "consent_versions": {str(consent_type.id): consent_type.version for consent_type in given},
                }
            )
        )
        claim.message_post(body=self.env._("Application made in the portal by %(parent)s.", parent=parent.name))
        claim._schedule_activities()
        self.env["youth.member"]._send_family_mail("youth_movement.mail_template_claim_received", claim)
        return claim

    def _schedule_activities(self):
        """A to-do for the school leaders of the child's school, or else the coordinators of its
        district, or else the regional managers."""
        managers = self.env.ref("youth_movement.youth_movement_group_regional_manager").sudo().users
        for claim in self.sudo():
            school = claim.member_id.school_id
            users = school.youth_user_ids or school.youth_district_id.user_ids or managers
            for user in users.filtered(lambda u: u.active and not u.share):
                # in the language of the staff member, not of the family whose request made it
                env = claim.with_context(lang=user.lang).env
                claim.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=env._("Settle the application of %(family)s", family=claim.partner_id.name),
                    note=env._(
                        "A family applied in the portal for a child whose IIN is on file: "
                        "accept them as the child's parent, or refuse."
                    ),
                )

    def _portal_row(self, ranges):
        """The claim as the family's portal shows it: as an application, from what they typed."""
        self.ensure_one()
        return self.env["youth.member"]._portal_application_row(
            self.name,
            self.school_id,
            self.grade,
            self.class_letter,
            "applicant" if self.state == "open" else "rejected",
            self.refusal_reason,
            self.create_date,
            ranges,
        )
