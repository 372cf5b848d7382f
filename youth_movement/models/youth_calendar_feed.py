"""A person's private calendar feed (iCalendar, RFC 5545): their children's registrations for the
movement's events and the council meetings they sit in, at a secret URL they may revoke.

Like the health card, no group has access rights on the feeds: the token is read and written only by
the portal's routes (``controllers/calendar.py``), for the logged-in person's own feed."""

import datetime
import secrets

import pytz
import vobject

from odoo import api, fields, models

# how far back a feed goes: a calendar app keeps what it has already shown
PAST_DAYS = 90
MEETING_STATES = ("planned", "held", "approved", "cancelled")
REGISTRATION_STATUS = {"open": "CONFIRMED", "done": "CONFIRMED", "waitlist": "TENTATIVE", "cancel": "CANCELLED"}


class YouthCalendarFeed(models.Model):
    _name = "youth.calendar.feed"
    _description = "Private calendar feed"

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    token = fields.Char(required=True, index=True, copy=False)

    _sql_constraints = [
        ("partner_uniq", "unique(partner_id)", "A person has one calendar feed."),
        ("token_uniq", "unique(token)", "A calendar feed's token is unique."),
    ]

    @api.model
    def _youth_feed_of(self, partner):
        return self.sudo().search([("partner_id", "=", partner.id)])

    @api.model
    def _youth_renew(self, partner):
        """A new secret URL for ``partner``; the one before stops working at once."""
        feed = self._youth_feed_of(partner)
        token = secrets.token_urlsafe(32)
        if feed:
            feed.write({"token": token})
        else:
            feed = self.sudo().create({"partner_id": partner.id, "token": token})
        return feed

    @api.model
    def _youth_revoke(self, partner):
        self._youth_feed_of(partner).unlink()

    @api.model
    def _youth_by_token(self, token):
        if not isinstance(token, str) or len(token) < 32 or len(token) > 64:
            return self.browse()
        feed = self.sudo().search([("token", "=", token)], limit=1)
        # the comparison PostgreSQL made, made again in constant time
        return feed if feed and secrets.compare_digest(feed.token, token) else self.browse()

    def _youth_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/youth/calendar/{self.token}.ics"

    # ------------------------------------------------------------------ what the feed holds
    def _youth_registrations(self):
        partner = self.partner_id
        members = self.env["youth.member"]._in_care_of(partner)
        since = fields.Datetime.now() - datetime.timedelta(days=PAST_DAYS)
        return (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("youth_member_id", "in", members.ids),
                    ("event_id.youth_level", "!=", False),
                    ("event_id.date_end", ">=", since),
                    ("state", "!=", "draft"),
                ],
                order="id",
            )
        )

    def _youth_meetings(self):
        partner = self.partner_id
        since = fields.Datetime.now() - datetime.timedelta(days=PAST_DAYS)
        return (
            self.env["youth.council.meeting"]
            .sudo()
            .search(
                [
                    ("state", "in", MEETING_STATES),
                    ("stop", ">=", since),
                    "|",
                    ("participant_ids.partner_id", "=", partner.id),
                    ("council_id.member_ids.partner_id", "=", partner.id),
                ],
                order="start",
            )
        )

    def _youth_ics(self):
        """The feed as iCalendar text, in the person's language."""
        self.ensure_one()
        env = self.with_context(lang=self.partner_id.lang or self.env.lang).env
        _ = env._
        base = self.get_base_url()
        domain = base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//youth_movement//Odoo 18//EN"
        calendar.add("x-wr-calname").value = _("Youth movement: %(name)s", name=self.partner_id.name)
        calendar.add("method").value = "PUBLISH"
        now = datetime.datetime.now(pytz.utc).replace(microsecond=0)
        status_names = dict(env["event.registration"]._fields["state"]._description_selection(env))
        for registration in self._youth_registrations().with_env(env).sudo():
            event = registration.event_id
            lines = [status_names.get(registration.state, registration.state)]
            if registration.state == "waitlist":
                lines.append(_("On the waitlist, place %(place)s.", place=registration.waitlist_position))
            ticket = f"{base}/my/registrations/{registration.id}"
            vevent = _add_event(
                calendar,
                uid=f"youth-registration-{registration.id}@{domain}",
                summary=f"{event.name} · {registration.youth_member_id.name}",
                start=event.date_begin,
                stop=event.date_end,
                changed=max(registration.write_date, event.write_date),
                status=REGISTRATION_STATUS.get(registration.state, "CONFIRMED"),
                location=event.address_id.display_name,
                description="\n".join([*lines, ticket]),
                now=now,
            )
            vevent.add("url").value = ticket
        for meeting in self._youth_meetings().with_env(env).sudo():
            _add_event(
                calendar,
                uid=f"youth-council-meeting-{meeting.id}@{domain}",
                summary=f"{meeting.council_id.name}: {meeting.topic}",
                start=meeting.start,
                stop=meeting.stop,
                changed=meeting.write_date,
                status="CANCELLED" if meeting.state == "cancelled" else "CONFIRMED",
                location=meeting.venue,
                description="\n".join(f"{item.number}. {item.title}" for item in meeting.agenda_item_ids),
                now=now,
            )
        return calendar.serialize()


def _utc(value):
    return pytz.utc.localize(value.replace(microsecond=0))


def _add_event(calendar, uid, summary, start, stop, changed, status, location, description, now):
    """One VEVENT: its SEQUENCE follows its last change (in minutes), so calendar apps take the update."""
    vevent = calendar.add("vevent")
    vevent.add("uid").value = uid
    vevent.add("summary").value = summary
    vevent.add("dtstart").value = _utc(start)
    vevent.add("dtend").value = _utc(stop)
    vevent.add("dtstamp").value = now
    vevent.add("last-modified").value = _utc(changed)
    vevent.add("sequence").value = str(int(changed.timestamp()) // 60 % 2**31)
    vevent.add("status").value = status
    if location:
        vevent.add("location").value = location
    if description:
        vevent.add("description").value = description
    return vevent
