from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models import youth_health_card as health
from ..tools import school
from . import replica

APPLICATION_FIELDS = ("name", "iin", "district_id", "school_id", "grade", "class_letter", "relation")


class YouthPortal(CustomerPortal):
    """The family portal: thin routes over model methods. Every route finds the member among
    the people in the logged-in person's care before it reads anything with elevated rights."""

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _youth_members():
        """The members in the logged-in person's care (sudo records, already checked), but for their
        own applications the school has not accepted: those are listed as what the family sent
        (:meth:`_youth_applications`), like an application with an IIN on file, and open nothing."""
        partner = request.env.user.partner_id
        members = request.env["youth.member"]._in_care_of(partner)
        return members - members._portal_undecided(partner)

    @staticmethod
    def _youth_applications():
        """The logged-in person's applications the school has not accepted, as rows of their list."""
        return request.env["youth.member"]._portal_applications(request.env.user.partner_id)

    def _youth_member(self, member_id):
        member = self._youth_members().filtered(lambda m: m.id == member_id)
        if not member:
            replica.not_found(NotFound())
        return member

    @staticmethod
    def _youth_is_representative(member):
        partner = request.env.user.partner_id
        return bool(
            member.guardian_link_ids.filtered(lambda link: link.guardian_id == partner and link.is_legal_representative)
        )

    @staticmethod
    def _youth_is_pupil():
        """A pupil with their own login: their own pages only, no applications."""
        return bool(
            request.env["youth.member"]
            .sudo()
            .search_count([("partner_id", "=", request.env.user.partner_id.id)], limit=1)
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "youth_children_count" in counters:
            values["youth_children_count"] = len(self._youth_members()) + len(self._youth_applications())
        if "youth_registration_count" in counters:
            values["youth_registration_count"] = (
                request.env["event.registration"]
                .sudo()
                .search_count(
                    [
                        ("youth_member_id", "in", self._youth_members().ids),
                        ("state", "in", ("open", "waitlist")),
                        ("event_id.date_end", ">=", fields.Datetime.now()),
                    ]
                )
            )
        return values

    @http.route(readonly=replica.family_json)
    def counters(self, counters, **kw):
        """Odoo's counters of /my, read on the primary right after the family wrote, like the pages."""
        return super().counters(counters, **kw)

    def _youth_registration(self, registration_id):
        """A registration of a member in the user's care (sudo), or 404."""
        registration = request.env["event.registration"].sudo().browse(registration_id).exists()
        if not registration or registration.youth_member_id not in self._youth_members():
            replica.not_found(NotFound())
        return registration

    # ------------------------------------------------------------------ events
    @http.route(
        ["/my/events", "/my/events/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_events(self, page=1, **kw):
        """Upcoming events, and for each child in care: registered, waitlisted, may come or why not."""
        members = self._youth_members().filtered(lambda m: m.status in school.IN_MOVEMENT)
        Event = request.env["event.event"].sudo()
        domain = [("youth_level", "!=", False), ("date_end", ">=", fields.Datetime.now())]
        pager = portal_pager(url="/my/events", total=Event.search_count(domain), page=page, step=self._items_per_page)
        events = Event.search(domain, order="date_begin", limit=self._items_per_page, offset=pager["offset"])
        registrations = (
            request.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "in", events.ids),
                    ("youth_member_id", "in", members.ids),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        taken = {(r.event_id.id, r.youth_member_id.id): r for r in registrations}
        rows = []
        for event in events:
            children = []
            for member in members:
                registration = taken.get((event.id, member.id))
                reason = False if registration else event._youth_audience_problem(member)
                children.append({"member": member, "registration": registration, "reason": reason})
            rows.append(
                {
                    "event": event,
                    "children": children,
                    "can_register": any(not c["registration"] and not c["reason"] for c in children),
                }
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_events",
                "rows": rows,
                "pager": pager,
                "members": members,
                "applied": not members and any(a["status"] == "applicant" for a in self._youth_applications()),
                "message": kw.get("message"),
                "error": kw.get("error"),
                "problems": request.session.pop("youth_portal_problems", []) if kw.get("error") == "some" else [],
            }
        )
        return request.render("youth_movement.portal_my_events", values)

    @http.route("/my/events/<int:event_id>/register", type="http", auth="user", methods=["POST"], website=True)
    def portal_youth_event_register(self, event_id, **post):
        """Register one or several children at once; each gets a seat or a place on the waitlist."""
        event = request.env["event.event"].sudo().browse(event_id).exists()
        if not event or not event.youth_level:
            raise NotFound()
        in_care = self._youth_members()
        wanted = request.httprequest.form.getlist("member_ids")
        chosen = in_care.filtered(lambda m: str(m.id) in wanted)
        if not chosen:
            return request.redirect("/my/events?error=no_child")
        problems = []
        # the seats as the families before this one committed them: waits for them, then reads
        event._youth_seat_turn()
        for member in chosen:
            try:
                with request.env.cr.savepoint():
                    event._youth_register(member, booker_partner=request.env.user.partner_id)
            except UserError as error:
                problems.append(str(error.args[0]) if error.args else str(error))
        if problems:
            request.session["youth_portal_problems"] = problems
            return request.redirect("/my/events?error=some")
        return request.redirect("/my/events?message=registered")

    @http.route(
        "/my/registrations/<int:registration_id>/cancel", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_youth_registration_cancel(self, registration_id, **kw):
        registration = self._youth_registration(registration_id)
        if registration.state in ("open", "waitlist") and registration.event_id.date_begin > fields.Datetime.now():
            registration.action_youth_cancel()
            return request.redirect("/my/events?message=cancelled")
        return request.redirect("/my/events?error=not_cancellable")

    @http.route(
        "/my/registrations/<int:registration_id>", type="http", auth="user", website=True, readonly=replica.family_page
    )
    def portal_youth_ticket(self, registration_id, **kw):
        registration = self._youth_registration(registration_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_ticket",
                "registration": registration,
                "can_cancel": registration.state in ("open", "waitlist")
                and registration.event_id.date_begin > fields.Datetime.now(),
            }
        )
        return request.render("youth_movement.portal_youth_ticket", values)

    @http.route(
        "/my/registrations/<int:registration_id>/certificate",
        type="http",
        auth="user",
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_certificate(self, registration_id, **kw):
        """The certificate as a PDF, through the portal's own report rendering, once the
        registration is known to be of a child in the user's care (it prints in the event's
        certificate language, see the report's template)."""
        registration = self._youth_registration(registration_id)
        if not registration.result:
            raise NotFound()
        return self._show_report(
            registration, "pdf", "youth_movement.action_report_youth_event_certificate", download=True
        )

    @http.route(
        "/my/children/<int:member_id>/history", type="http", auth="user", website=True, readonly=replica.family_page
    )
    def portal_youth_history(self, member_id, **kw):
        member = self._youth_member(member_id)
        registrations = (
            request.env["event.registration"]
            .sudo()
            .search([("youth_member_id", "=", member.id), ("state", "!=", "cancel")])
            .sorted(lambda r: r.event_id.date_begin, reverse=True)
        )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "youth_history", "member": member, "registrations": registrations})
        return request.render("youth_movement.portal_youth_history", values)

    # ------------------------------------------------------------------ children
    @http.route("/my/children", type="http", auth="user", website=True, readonly=replica.family_page)
    def portal_youth_children(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_children",
                "members": self._youth_members(),
                "applications": self._youth_applications(),
                "is_pupil": self._youth_is_pupil(),
                "message": kw.get("message"),
            }
        )
        return request.render("youth_movement.portal_my_children", values)

    def _youth_render_child(self, member, **extra):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_child",
                "member": member,
                "is_representative": self._youth_is_representative(member),
                "is_pupil": member.partner_id == request.env.user.partner_id,
                "own_login": bool(member.partner_id.user_ids),
                "login_age": school.MIN_OWN_LOGIN_AGE,
                "login_error": False,
                "login_email": "",
            }
        )
        values.update(extra)
        return request.render("youth_movement.portal_my_child", values)

    @http.route("/my/children/<int:member_id>", type="http", auth="user", website=True, readonly=replica.family_page)
    def portal_youth_child(self, member_id, **kw):
        member = self._youth_member(member_id)
        return self._youth_render_child(member, message=kw.get("message"), error=kw.get("error"))

    @http.route(
        "/my/children/<int:member_id>/consent/<int:consent_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
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
            consent.message_post(
                body=request.env._("Withdrawn in the portal by %(name)s.", name=request.env.user.partner_id.name)
            )
        return request.redirect(f"/my/children/{member.id}?message=consent_withdrawn")

    @http.route("/my/children/<int:member_id>/login", type="http", auth="user", methods=["POST"], website=True)
    def portal_youth_child_login(self, member_id, email=None, **kw):
        """A parent lets an older child have their own login, linked to the child's record; a
        refusal (age, e-mail address) comes back on the child's page, beside the form."""
        member = self._youth_member(member_id)
        if not self._youth_is_representative(member) or member.partner_id.user_ids:
            raise NotFound()
        email = email.strip() if isinstance(email, str) else ""
        try:
            # the refusal speaks the page's language, whatever the record's environment was
            member.with_context(lang=request.env.lang)._portal_grant_login(request.env.user.partner_id, email)
        except UserError as error:
            return self._youth_render_child(
                member, login_error=str(error.args[0]) if error.args else str(error), login_email=email
            )
        return request.redirect(f"/my/children/{member.id}?message=login_sent")

    # ------------------------------------------------------------------ application
    def _youth_application_values(self, post, errors):
        Member = request.env["youth.member"]
        return {
            "page_name": "youth_apply",
            "post": post,
            "errors": errors,
            "districts": request.env["youth.district"].sudo().search([]),
            "schools": request.env["res.partner"]
            .sudo()
            .search([("is_youth_school", "=", True), ("youth_district_id", "!=", False)], order="name"),
            "grades": range(school.MIN_GRADE, school.MAX_GRADE + 1),
            "relations": request.env["youth.guardian.link"]._fields["relation"]._description_selection(request.env),
            # health data is consented to on the health card, where its use is explained
            "consent_types": request.env["youth.consent.type"].sudo().search([("code", "!=", health.CONSENT_CODE)]),
            "iin_preview": Member._portal_iin_preview(post.get("iin")),
        }

    @http.route("/my/children/apply/iin", type="json", auth="user", readonly=True)
    def portal_youth_iin_preview(self, iin=None, **kw):
        """What the application form shows beside the IIN as it is typed: the birth date and sex the
        number encodes, or nothing when it is not a valid IIN. It reads the number only and looks
        nothing up, so it tells nobody whether a child is known."""
        preview = request.env["youth.member"]._portal_iin_preview(iin if isinstance(iin, str) else None)
        if not preview:
            return None
        return {"birth_date": format_date(request.env, preview["birth_date"]), "sex": preview["sex"]}

    @http.route(
        "/my/children/apply",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_apply(self, **post):
        if self._youth_is_pupil():
            raise NotFound()
        post = {key: value for key, value in post.items() if isinstance(value, str)}
        errors = {}
        if request.httprequest.method == "POST":
            Member = request.env["youth.member"]
            partner = request.env.user.partner_id
            errors = Member._portal_application_errors(post, partner)
            if not errors:
                try:
                    Member._portal_apply(partner, post)
                except (UserError, ValidationError) as error:
                    errors = {"form": str(error.args[0]) if error.args else str(error)}
                else:
                    # one answer whether the IIN was new or on file (then a claim for the school):
                    # the portal never tells a family whether a child is a member
                    return request.redirect("/my/children?message=applied")
        values = self._prepare_portal_layout_values()
        values.update(self._youth_application_values(post, errors))
        return request.render("youth_movement.portal_youth_apply", values)


class YouthSignup(AuthSignupHome):
    """Free sign-up in Kazakh, Russian or English, with the language chosen on the form."""

    def _prepare_signup_values(self, qcontext):
        # Odoo's form asks for these in the browser only: a post without them would end in an
        # error page (no name) or in an account nobody can log in to (no password)
        _ = request.env._
        if not (qcontext.get("name") or "").strip():
            raise UserError(_("Enter your name."))
        if not (qcontext.get("login") or "").strip():
            raise UserError(_("Enter your e-mail address."))
        if not qcontext.get("password"):
            raise UserError(_("Choose a password."))
        # PostgreSQL refuses a NUL character in text: refuse it on the form, not with an error page
        if any("\x00" in (qcontext.get(key) or "") for key in ("login", "name", "password", "confirm_password")):
            raise UserError(_("The form holds a character that is not allowed."))
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

    @http.route()
    def web_login(self, *args, **kw):
        """After a login or a sign-up, the portal pages speak the person's language: the portal
        follows the ``frontend_lang`` cookie before the session, so the cookie follows the user."""
        response = super().web_login(*args, **kw)
        if request.params.get("login_success") and request.session.uid:
            lang = request.env["res.users"].sudo().browse(request.session.uid).lang
            if lang:
                request.future_response.set_cookie("frontend_lang", lang)
        return response

    @http.route("/youth/lang/<string:code>", type="http", auth="public", website=True, sitemap=False)
    def youth_switch_lang(self, code, redirect="/web/login", **kw):
        """Switch the language of the login and sign-up pages before one has an account, and of
        the portal pages after (the ``frontend_lang`` cookie, set last, wins over this request's)."""
        if code in [lang for lang, _name in request.env["res.lang"].get_installed()]:
            request.session.context = dict(request.session.context, lang=code)
            request.future_response.set_cookie("frontend_lang", code)
            if not request.env.user._is_public():
                request.env.user.sudo().lang = code
        if not redirect.startswith("/") or redirect.startswith("//"):
            redirect = "/web/login"
        return request.redirect(redirect)
