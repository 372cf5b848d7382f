"""The health and emergency card: the family fills it in the portal, the leaders of an event read it
near the event, an administrator with a reason; each read is logged before anything is shown.

No group has access rights on the card (``models/youth_health_card.py``): these routes are the only
way to it, and each checks who asks before it reads with elevated rights. None is ``readonly``: a read
is logged, which is a write, so they are served on the primary, never on a read replica."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..const import ADMIN
from ..models import youth_health_card as health
from .portal import YouthPortal

NO_STORE = [("Cache-Control", "no-store"), ("X-Robots-Tag", "noindex")]


def _private(response):
    """A page with a child's health data is kept by no cache and no search engine."""
    for header, value in NO_STORE:
        response.headers[header] = value
    return response


class YouthHealthPortal(YouthPortal):
    # ------------------------------------------------------------------ the family
    def _youth_health_values(self, member, post=None, errors=None, **extra):
        Card = request.env["youth.health.card"]
        card = Card.sudo().search([("member_id", "=", member.id)])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_health",
                "member": member,
                "card": card,
                "contacts": card.contact_ids,
                "rows": range(health.CONTACT_ROWS),
                "post": post,
                "errors": errors or {},
                "consent": Card._youth_consent(member),
                "consent_type": request.env["youth.consent.type"].sudo().search([("code", "=", health.CONSENT_CODE)]),
                "accesses": request.env["youth.health.access"]
                .sudo()
                .search([("member_id", "=", member.id)], limit=100),
                "message": extra.get("message"),
            }
        )
        return values

    def _youth_health_member(self, member_id):
        """A child in the user's care whose legal representative the user is, or 404."""
        member = self._youth_member(member_id)
        if not self._youth_is_representative(member):
            raise NotFound()
        return member

    @http.route("/my/children/<int:member_id>/health", type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_youth_health(self, member_id, **post):
        member = self._youth_health_member(member_id)
        post = {key: value for key, value in post.items() if isinstance(value, str)}
        errors = {}
        if request.httprequest.method == "POST":
            Card = request.env["youth.health.card"]
            errors = Card._portal_form_errors(post, bool(Card._youth_consent(member)))
            if not errors:
                try:
                    Card._portal_save(member, request.env.user.partner_id, post)
                except UserError as error:
                    errors = {"form": str(error.args[0]) if error.args else str(error)}
                else:
                    return request.redirect(f"/my/children/{member.id}/health?message=saved")
        values = self._youth_health_values(member, post if errors else None, errors, message=post.get("message"))
        if not request.env.user.share:
            # a legal representative with a staff login: their reads are logged as anyone's
            values["card"]._youth_log_read("card")
        return _private(request.render("youth_movement.portal_youth_health", values))

    @http.route("/my/children/<int:member_id>/health/confirm", type="http", auth="user", methods=["POST"], website=True)
    def portal_youth_health_confirm(self, member_id, **kw):
        member = self._youth_health_member(member_id)
        card = request.env["youth.health.card"].sudo().search([("member_id", "=", member.id)])
        if not card:
            return request.redirect(f"/my/children/{member.id}/health")
        card._portal_confirm(request.env.user.partner_id)
        return request.redirect(f"/my/children/{member.id}/health?message=confirmed")

    # ------------------------------------------------------------------ the event's leaders
    @staticmethod
    def _youth_staff_only():
        if request.env.user.share:
            raise NotFound()

    def _youth_refused(self, reason):
        response = request.render("youth_movement.youth_health_refused", {"reason": reason})
        response.status_code = 403
        return _private(response)

    @http.route("/youth/health/registration/<int:registration_id>", type="http", auth="user")
    def youth_health_card(self, registration_id, **kw):
        """A participant's card, for a leader of the event, from a few days before it to its end."""
        self._youth_staff_only()
        registration = request.env["event.registration"].sudo().browse(registration_id).exists()
        if not registration:
            raise NotFound()
        Card = request.env["youth.health.card"]
        problem = Card._youth_reader_problem(request.env.user, registration)
        if problem:
            return self._youth_refused(problem)
        card = Card.sudo().search([("member_id", "=", registration.youth_member_id.id)])
        if card:
            card._youth_log_read("card", event=registration.event_id)
        values = {"event": registration.event_id, "entries": [(registration.youth_member_id, card)], "sheet": False}
        return _private(request.render("youth_movement.youth_health_cards", values))

    @http.route("/youth/health/event/<int:event_id>", type="http", auth="user")
    def youth_health_participants(self, event_id, **kw):
        """The participants of an event, for its leaders within the window: who has a card, each
        opened on its own (and logged); the leaders need not cover the pupils' schools to lead them."""
        self._youth_staff_only()
        event = request.env["event.event"].sudo().browse(event_id).exists()
        if not event or not event.youth_level:
            raise NotFound()
        problem = request.env["youth.health.card"]._youth_leader_problem(request.env.user, event)
        if problem:
            return self._youth_refused(problem)
        registrations = event.registration_ids.filtered(
            lambda r: r.youth_member_id and r.state in ("open", "done")
        ).sorted(lambda r: r.youth_member_id.name or "")
        with_card = set(
            request.env["youth.health.card"]
            .sudo()
            .search([("member_id", "in", registrations.youth_member_id.ids)])
            .member_id.ids
        )
        values = {"event": event, "registrations": registrations, "with_card": with_card}
        return _private(request.render("youth_movement.youth_health_participants", values))

    @http.route("/youth/health/event/<int:event_id>/sheet", type="http", auth="user")
    def youth_health_sheet(self, event_id, **kw):
        """The printable participant sheet of an off-site event: every child with a seat, their
        emergency contacts and what the leaders must know, within the same window."""
        self._youth_staff_only()
        event = request.env["event.event"].sudo().browse(event_id).exists()
        if not event or not event.youth_level:
            raise NotFound()
        if not event.youth_is_offsite:
            return self._youth_refused(request.env._("Participant sheets are printed for off-site events only."))
        registrations = event.registration_ids.filtered(lambda r: r.youth_member_id and r.state in ("open", "done"))
        Card = request.env["youth.health.card"]
        problem = Card._youth_leader_problem(request.env.user, event) or (
            not registrations and request.env._("Nobody has a seat at this event yet.")
        )
        if problem:
            return self._youth_refused(problem)
        registrations = registrations.sorted(lambda r: r.youth_member_id.name or "")
        cards = Card.sudo().search([("member_id", "in", registrations.youth_member_id.ids)])
        cards._youth_log_read("sheet", event=event)
        by_member = {card.member_id: card for card in cards}
        entries = [(r.youth_member_id, by_member.get(r.youth_member_id, Card)) for r in registrations]
        return _private(
            request.render("youth_movement.youth_health_cards", {"event": event, "entries": entries, "sheet": True})
        )

    @http.route("/youth/health/member/<int:member_id>", type="http", auth="user", methods=["GET", "POST"])
    def youth_health_admin(self, member_id, reason=None, **kw):
        """An administrator of the movement reads a card outside an event, with a reason that the
        family sees in the log."""
        self._youth_staff_only()
        if not request.env.user.has_group(ADMIN):
            raise Forbidden()
        member = request.env["youth.member"].sudo().browse(member_id).exists()
        if not member:
            raise NotFound()
        reason = reason.strip() if isinstance(reason, str) else ""
        if request.httprequest.method != "POST" or len(reason) < 10 or len(reason) > 500 or "\x00" in reason:
            values = {"member": member, "reason": reason, "error": request.httprequest.method == "POST"}
            return _private(request.render("youth_movement.youth_health_reason", values))
        card = request.env["youth.health.card"].sudo().search([("member_id", "=", member.id)])
        if card:
            card._youth_log_read("admin", reason=reason)
        values = {"event": False, "entries": [(member, card)], "sheet": False}
        return _private(request.render("youth_movement.youth_health_cards", values))
