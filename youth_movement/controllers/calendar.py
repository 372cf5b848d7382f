"""The family's (and a council member's) private calendar feed: the portal page that shows, renews
or revokes its secret URL, and the feed itself, read by calendar apps without a login."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from . import replica
from .health import YouthHealthPortal


class YouthCalendarPortal(YouthHealthPortal):
    @http.route("/my/calendar", type="http", auth="user", website=True, readonly=replica.family_page)
    def portal_youth_calendar(self, **kw):
        feed = request.env["youth.calendar.feed"]._youth_feed_of(request.env.user.partner_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_calendar",
                "feed_url": feed._youth_url() if feed else False,
                "feed": feed,
                "message": kw.get("message"),
            }
        )
        response = request.render("youth_movement.portal_youth_calendar", values)
        response.headers["Cache-Control"] = "no-store"
        return response

    @http.route("/my/calendar/renew", type="http", auth="user", methods=["POST"], website=True)
    def portal_youth_calendar_renew(self, **kw):
        request.env["youth.calendar.feed"]._youth_renew(request.env.user.partner_id)
        return request.redirect("/my/calendar?message=renewed")

    @http.route("/my/calendar/revoke", type="http", auth="user", methods=["POST"], website=True)
    def portal_youth_calendar_revoke(self, **kw):
        request.env["youth.calendar.feed"]._youth_revoke(request.env.user.partner_id)
        return request.redirect("/my/calendar?message=revoked")

    @http.route("/youth/calendar/<string:token>.ics", type="http", auth="public", methods=["GET"], readonly=True)
    def youth_calendar_feed(self, token, **kw):
        """The feed of whoever holds the secret URL: a revoked or unknown token finds nothing."""
        feed = request.env["youth.calendar.feed"]._youth_by_token(token)
        if not feed:
            replica.not_found(NotFound())
        return request.make_response(
            feed._youth_ics(),
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", 'inline; filename="youth-movement.ics"'),
                ("Cache-Control", "private, max-age=900"),
                ("X-Robots-Tag", "noindex"),
            ],
        )
