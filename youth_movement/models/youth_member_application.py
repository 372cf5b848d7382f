from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from ..tools import iin as iin_rules
from ..tools import school

NAME_MAX = 128


class YouthMember(models.Model):
    """Membership applications: made by a parent in the portal, decided by staff."""

    _inherit = "youth.member"

    # ------------------------------------------------------------------ the portal form
    @api.model
    def _portal_application_errors(self, post):
        """Check a posted application; return ``{field: message}`` (empty when it is right).

        Nothing here tells anything about another child: a taken IIN gets the same message
        whoever holds it.
        """
        _ = self.env._
        errors = {}
        name = (post.get("name") or "").strip()
        if not name:
            errors["name"] = _("Enter the child's full name.")
        elif len(name) > NAME_MAX:
            errors["name"] = _("The name is too long.")
        value = iin_rules.normalize(post.get("iin"))
        try:
            iin_rules.check(value)
        except iin_rules.IinError as error:
            errors["iin"] = self._iin_error_message(iin_rules.IinError(error.code, value[:12]))
        else:
            if self.sudo().with_context(active_test=False).search_count([("iin", "=", value)], limit=1):
                errors["iin"] = _("This IIN is already registered. Please contact the school.")
        district = self._portal_record("youth.district", post.get("district_id"))
        if not district:
            errors["district_id"] = _("Choose the district or city.")
        school_partner = self._portal_record("res.partner", post.get("school_id"))
        if not school_partner or not school_partner.is_youth_school:
            errors["school_id"] = _("Choose the school.")
        elif district and school_partner.youth_district_id != district:
            errors["school_id"] = _("This school is not in the chosen district.")
        grade = self._portal_int(post.get("grade"))
        if grade is None or not school.MIN_GRADE <= grade <= school.MAX_GRADE:
            errors["grade"] = _("Choose a grade from %(min)s to %(max)s.", min=school.MIN_GRADE, max=school.MAX_GRADE)
        if len((post.get("class_letter") or "").strip()) > 4:
            errors["class_letter"] = _("The class is one letter, as in 7 «Б».")
        relations = dict(self.env["youth.guardian.link"]._fields["relation"].selection)
        if post.get("relation") not in relations:
            errors["relation"] = _("Say who you are to the child.")
        for consent_type in self.env["youth.consent.type"].sudo().search([("is_required", "=", True)]):
            if not post.get("consent_%s" % consent_type.code):
                errors["consent_%s" % consent_type.code] = _("This consent is required to apply.")
        return errors

    @api.model
    def _portal_iin_preview(self, value):
        """Birth date and sex read from a typed IIN, to show beside the field; None if invalid."""
        try:
            born, sex = iin_rules.check(value)
        except iin_rules.IinError:
            return None
        sexes = dict(self._fields["sex"]._description_selection(self.env))
        return {"birth_date": born, "sex": sexes[sex]}

    @api.model
    def _portal_record(self, model, value):
        record_id = self._portal_int(value)
        if not record_id or record_id <= 0 or record_id > 2**31 - 1:
            return self.env[model]
        return self.env[model].sudo().browse(record_id).exists()

    @staticmethod
    def _portal_int(value):
        try:
            return int(str(value).strip())
        except (TypeError, ValueError):
            return None

    @api.model
    def _portal_apply(self, parent, post):
        """Create the applicant, the parent link and the consents from a checked application.

        ``parent`` is the logged-in person's partner; the caller has checked the form with
        :meth:`_portal_application_errors`. All or nothing: an error leaves no record behind.
        """
        errors = self._portal_application_errors(post)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        Member = self.sudo()
        with self.env.cr.savepoint():
            member = Member.create({
                "name": post["name"].strip(),
                "iin": post["iin"],
                "school_id": int(post["school_id"]),
                "grade": int(post["grade"]),
                "class_letter": (post.get("class_letter") or "").strip() or False,
                "status": "applicant",
                "applied_by_id": parent.id,
                "lang": parent.lang,
            })
            self.env["youth.guardian.link"].sudo().create({
                "member_id": member.id, "guardian_id": parent.id, "relation": post["relation"],
                "is_legal_representative": post["relation"] in ("mother", "father", "guardian", "trustee"),
            })
            given = self.env["youth.consent.type"].sudo().search([]).filtered(
                lambda consent_type: post.get("consent_%s" % consent_type.code)
            )
            self.env["youth.consent"].sudo().create([{
                "member_id": member.id, "guardian_id": parent.id, "type_id": consent_type.id,
                "version": consent_type.version, "channel": "portal",
            } for consent_type in given])
        member.message_post(body=self.env._("Application made in the portal by %(parent)s.", parent=parent.name))
        return member

    # ------------------------------------------------------------------ staff decisions
    def action_approve_application(self):
        applicants = self.filtered(lambda m: m.status == "applicant")
        applicants.action_activate()
        applicants._notify_family("youth_movement.mail_template_application_approved")

    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject the application"),
            "res_model": "youth.member.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_ids": self.ids},
        }

    def _reject_application(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the family the reason of the rejection."))
        if self.filtered(lambda m: m.status != "applicant"):
            raise UserError(self.env._("Only applications can be rejected."))
        self.write({"status": "rejected", "rejection_reason": reason.strip(), "unit_id": False})
        self._notify_family("youth_movement.mail_template_application_rejected")

    def _notify_family(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for member in self.filtered("applied_by_id"):
            template.sudo().send_mail(member.id, email_layout_xmlid="mail.mail_notification_light")

