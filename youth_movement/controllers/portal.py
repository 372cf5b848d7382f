import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..tools import school

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
APPLICATION_FIELDS = ("name", "iin", "district_id", "school_id", "grade", "class_letter", "relation")


class YouthPortal(CustomerPortal):
    """The family portal: thin routes over model methods. Every route finds the member among
    the people in the logged-in person's care before it reads anything with elevated rights."""

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _youth_members():
        """The members in the logged-in person's care (sudo records, already checked)."""
        return request.env["youth.member"]._in_care_of(request.env.user.partner_id)

    def _youth_member(self, member_id):
        member = self._youth_members().filtered(lambda m: m.id == member_id)
        if not member:
            raise NotFound()
        return member

    @staticmethod
    def _youth_is_representative(member):
        partner = request.env.user.partner_id
        return bool(member.guardian_link_ids.filtered(
            lambda link: link.guardian_id == partner and link.is_legal_representative
        ))

    @staticmethod
    def _youth_is_pupil():
        """A pupil with their own login: their own pages only, no applications."""
        return bool(request.env["youth.member"].sudo().search_count(
            [("partner_id", "=", request.env.user.partner_id.id)], limit=1
        ))

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "youth_children_count" in counters:
            values["youth_children_count"] = len(self._youth_members())
        return values

    # ------------------------------------------------------------------ children
    @http.route("/my/children", type="http", auth="user", website=True)
    def portal_youth_children(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "youth_children",
            "members": self._youth_members(),
            "is_pupil": self._youth_is_pupil(),
        })
        return request.render("youth_movement.portal_my_children", values)

    @http.route("/my/children/<int:member_id>", type="http", auth="user", website=True)
    def portal_youth_child(self, member_id, **kw):
        member = self._youth_member(member_id)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "youth_child",
            "member": member,
            "is_representative": self._youth_is_representative(member),
            "is_pupil": member.partner_id == request.env.user.partner_id,
            "own_login": bool(member.partner_id.user_ids),
            "login_age": school.MIN_OWN_LOGIN_AGE,
            "message": kw.get("message"),
            "error": kw.get("error"),
        })
        return request.render("youth_movement.portal_my_child", values)

    @http.route("/my/children/<int:member_id>/consent/<int:consent_id>/withdraw", type="http", auth="user",
                methods=["POST"], website=True)
    def portal_youth_consent_withdraw(self, member_id, consent_id, **kw):
        member = self._youth_member(member_id)
        if not self._youth_is_representative(member):
            raise NotFound()
        consent = member.consent_ids.filtered(lambda c: c.id == consent_id)
        if not consent:
            raise NotFound()
        if consent.type_id.is_required:
            return request.redirect(f"/my/children/{member.id}?error=consent_required")
        if consent.state == "given":
            consent.action_withdraw()
            consent.message_post(body=request.env._("Withdrawn in the portal by %(name)s.",
                                                   name=request.env.user.partner_id.name))
        return request.redirect(f"/my/children/{member.id}?message=consent_withdrawn")

    @http.route("/my/children/<int:member_id>/login", type="http", auth="user", methods=["POST"], website=True)
    def portal_youth_child_login(self, member_id, email=None, **kw):
        """A parent lets an older child have their own login, linked to the child's record."""
        member = self._youth_member(member_id)
        if not self._youth_is_representative(member) or member.partner_id.user_ids:
            raise NotFound()
        email = (email or "").strip().lower()
        if (member.age or 0) < school.MIN_OWN_LOGIN_AGE:
            return request.redirect(f"/my/children/{member.id}?error=login_age")
        if not EMAIL_RE.match(email) or len(email) > 254:
            return request.redirect(f"/my/children/{member.id}?error=login_email")
        Users = request.env["res.users"].sudo().with_context(active_test=False)
        if Users.search_count([("login", "=ilike", email)], limit=1):
            return request.redirect(f"/my/children/{member.id}?error=login_taken")
        member.partner_id.email = email
        user = Users.with_context(no_reset_password=True)._create_user_from_template({
            "login": email, "partner_id": member.partner_id.id, "lang": member.lang or request.env.user.lang,
        })
        user.action_reset_password()
        member.message_post(body=request.env._("%(parent)s gave %(child)s a portal login.",
                                               parent=request.env.user.partner_id.name, child=member.name))
        return request.redirect(f"/my/children/{member.id}?message=login_sent")

    # ------------------------------------------------------------------ application
    def _youth_application_values(self, post, errors):
        Member = request.env["youth.member"]
        return {
            "page_name": "youth_apply",
            "post": post,
            "errors": errors,
            "districts": request.env["youth.district"].sudo().search([]),
            "schools": request.env["res.partner"].sudo().search(
                [("is_youth_school", "=", True), ("youth_district_id", "!=", False)], order="name"),
            "grades": range(school.MIN_GRADE, school.MAX_GRADE + 1),
            "relations": request.env["youth.guardian.link"]._fields["relation"]._description_selection(request.env),
            "consent_types": request.env["youth.consent.type"].sudo().search([]),
            "iin_preview": Member._portal_iin_preview(post.get("iin")),
            "sexes": dict(Member._fields["sex"]._description_selection(request.env)),
        }

    @http.route("/my/children/apply", type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_youth_apply(self, **post):
        if self._youth_is_pupil():
            raise NotFound()
        post = {key: value for key, value in post.items() if isinstance(value, str)}
        errors = {}
        if request.httprequest.method == "POST":
            Member = request.env["youth.member"]
            errors = Member._portal_application_errors(post)
            if not errors:
                try:
                    member = Member._portal_apply(request.env.user.partner_id, post)
                except (UserError, ValidationError) as error:
                    errors = {"form": str(error.args[0]) if error.args else str(error)}
                else:
                    return request.redirect(f"/my/children/{member.id}?message=applied")
        values = self._prepare_portal_layout_values()
        values.update(self._youth_application_values(post, errors))
        return request.render("youth_movement.portal_youth_apply", values)


class YouthSignup(AuthSignupHome):
    """Free sign-up in Kazakh, Russian or English, with the language chosen on the form."""

    def _prepare_signup_values(self, qcontext):
        values = super()._prepare_signup_values(qcontext)
        lang = qcontext.get("lang")
        if lang and lang in [code for code, _name in request.env["res.lang"].get_installed()]:
            values["lang"] = lang
        return values

    def get_auth_signup_qcontext(self):
        qcontext = super().get_auth_signup_qcontext()
        qcontext["youth_langs"] = request.env["res.lang"].get_installed()
        qcontext.setdefault("lang", request.env.lang)
        return qcontext

    @http.route("/youth/lang/<string:code>", type="http", auth="public", website=True, sitemap=False)
    def youth_switch_lang(self, code, redirect="/web/login", **kw):
        """Switch the language of the login and sign-up pages before one has an account."""
        if code in [lang for lang, _name in request.env["res.lang"].get_installed()]:
            request.session.context = dict(request.session.context, lang=code)
            if not request.env.user._is_public():
                request.env.user.sudo().lang = code
        if not redirect.startswith("/") or redirect.startswith("//"):
            redirect = "/web/login"
        return request.redirect(redirect)
