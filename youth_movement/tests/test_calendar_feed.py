import datetime
import re

import vobject

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_portal import FrontendLanguage, make_child, make_school


@tagged("post_install", "-at_install")
class TestCalendarFeed(FrontendLanguage, HttpCase):
    """A family's private calendar feed: its children's registrations, its council meetings, at a URL
    that only it knows and may revoke."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        env["res.lang"]._activate_lang("en_US")
        cls.school = make_school(env, "Feed school", "Feed district")
        cls.parent = new_test_user(env, "cf_parent", groups="base.group_portal", name="Feed Parent", lang="en_US")
        cls.stranger = new_test_user(env, "cf_stranger", groups="base.group_portal", name="Feed Stranger", lang="en_US")
        cls.child = make_child(env, cls.school, cls.parent.partner_id, "Alua Feed", 7, 801)
        cls.strangers_child = make_child(env, cls.school, cls.stranger.partner_id, "Other Feed", 7, 802)
        begin = fields.Datetime.now().replace(microsecond=0, second=0) + datetime.timedelta(days=5)

        def event(name, seats=0):
            return env["event.event"].create(
                {
                    "name": name,
                    "date_begin": begin,
                    "date_end": begin + datetime.timedelta(hours=4),
                    "youth_level": "region",
                    "seats_limited": bool(seats),
                    "seats_max": seats,
                }
            )

        cls.olympiad = event("Robotics olympiad")
        cls.full = event("Drama studio", seats=1)
        cls.seat = cls.olympiad._youth_register(cls.child, booker_partner=cls.parent.partner_id)
        cls.full._youth_register(cls.strangers_child, booker_partner=cls.stranger.partner_id)
        cls.waiting = cls.full._youth_register(cls.child, booker_partner=cls.parent.partner_id)
        council = env["youth.council"].create(
            {
                "name": "Regional council",
                "level": "region",
                "state_id": env.ref("youth_movement.state_kz_abai").id,
                "member_ids": [(0, 0, {"partner_id": cls.parent.partner_id.id, "role": "member"})],
            }
        )
        cls.meeting = env["youth.council.meeting"].create(
            {"council_id": council.id, "topic": "Summer programme", "start": begin, "venue": "Hall 2"}
        )
        cls.meeting.state = "planned"

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def _make_link(self, login):
        self.authenticate(login, login)
        self.url_open("/my/calendar/renew", data={"csrf_token": self._csrf("/my/calendar")})
        page = self.url_open("/my/calendar").text
        return re.search(r"(/youth/calendar/[A-Za-z0-9_-]+\.ics)", page).group(1)

    def _read(self, path):
        self.authenticate(None, None)  # a calendar app has no session
        return self.url_open(path)

    def _events(self, path):
        response = self._read(path)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        calendar = vobject.readOne(response.text)
        return {vevent.uid.value: vevent for vevent in calendar.vevent_list}

    def test_feed_holds_the_childrens_events_and_the_meetings(self):
        """Both registrations (one on the waitlist), with time, place and status, and the council meeting."""
        path = self._make_link("cf_parent")
        events = self._events(path)
        seat = next(v for uid, v in events.items() if f"registration-{self.seat.id}@" in uid)
        waiting = next(v for uid, v in events.items() if f"registration-{self.waiting.id}@" in uid)
        meeting = next(v for uid, v in events.items() if f"meeting-{self.meeting.id}@" in uid)
        self.assertEqual(len(events), 3)
        self.assertEqual(seat.summary.value, "Robotics olympiad · Alua Feed")
        self.assertEqual(seat.dtstart.value.replace(tzinfo=None), self.olympiad.date_begin)
        self.assertEqual(seat.status.value, "CONFIRMED")
        self.assertEqual(waiting.status.value, "TENTATIVE")
        self.assertIn("place 1", waiting.description.value)
        self.assertEqual(meeting.summary.value, "Regional council: Summer programme")
        self.assertEqual(meeting.location.value, "Hall 2")
        self.assertNotIn("Other Feed", self._read(path).text, "another family's child is not in it")

    def test_feed_follows_changes(self):
        """A moved event, a cancelled registration and a cancelled meeting show in the next read."""
        path = self._make_link("cf_parent")
        before = self._events(path)
        self.olympiad.date_begin += datetime.timedelta(hours=2)
        self.olympiad.flush_recordset()
        self.env.cr.execute(
            "UPDATE event_event SET write_date = write_date + interval '2 minutes' WHERE id = %s", [self.olympiad.id]
        )
        self.olympiad.invalidate_recordset()
        self.waiting.action_youth_cancel()
        self.meeting.state = "cancelled"
        after = self._events(path)
        uid = next(uid for uid in after if f"registration-{self.seat.id}@" in uid)
        self.assertEqual(after[uid].dtstart.value.replace(tzinfo=None), self.olympiad.date_begin)
        self.assertGreater(int(after[uid].sequence.value), int(before[uid].sequence.value))
        statuses = {uid.split("@")[0]: v.status.value for uid, v in after.items()}
        self.assertEqual(statuses[f"youth-registration-{self.waiting.id}"], "CANCELLED")
        self.assertEqual(statuses[f"youth-council-meeting-{self.meeting.id}"], "CANCELLED")

    @mute_logger("odoo.http")
    def test_tokens_are_private_and_revocable(self):
        """Each family has its own feed; a renewed link kills the old one, a revoked one is gone, a made-up
        one finds nothing."""
        parents = self._make_link("cf_parent")
        strangers = self._make_link("cf_stranger")
        self.assertNotEqual(parents, strangers)
        text = self._read(strangers).text
        self.assertIn("Other Feed", text)
        self.assertNotIn("Alua Feed", text)
        self.assertNotIn("Summer programme", text)
        renewed = self._make_link("cf_parent")
        self.assertEqual(self._read(parents).status_code, 404)
        self.assertEqual(self._read(renewed).status_code, 200)
        self.authenticate("cf_parent", "cf_parent")
        self.url_open("/my/calendar/revoke", data={"csrf_token": self._csrf("/my/calendar")})
        self.assertEqual(self._read(renewed).status_code, 404)
        self.assertEqual(self._read(strangers).status_code, 200, "the other family's link still works")
        for made_up in ("/youth/calendar/x.ics", "/youth/calendar/%s.ics" % ("A" * 43), "/youth/calendar/%25.ics"):
            self.assertEqual(self._read(made_up).status_code, 404, made_up)
        self.assertFalse(
            self.env["youth.calendar.feed"].sudo().search([("partner_id", "=", self.parent.partner_id.id)])
        )

    def test_tokens_out_of_reach(self):
        """No group reads or writes the tokens through the ORM, not even Odoo's administrators."""
        self._make_link("cf_parent")
        admin = new_test_user(self.env, "cf_system", groups="base.group_system,base.group_user")
        for user in (self.parent, admin):
            with self.assertRaises(AccessError):
                self.env["youth.calendar.feed"].with_user(user).search([]).mapped("token")
