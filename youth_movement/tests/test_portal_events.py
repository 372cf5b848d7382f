import datetime
import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_portal import FrontendLanguage, make_child, make_school


@tagged("post_install", "-at_install")
class TestPortalEvents(FrontendLanguage, HttpCase):
    """A parent registers several children for an event, sees their tickets and their history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("en_US")  # inactive where Kazakh and Russian were loaded at install
        cls.school = make_school(env, "Event school", "Event district")
        cls.parent = new_test_user(env, "ev_parent", groups="base.group_portal", name="Event Parent", lang="en_US")
        cls.stranger = new_test_user(env, "ev_stranger", groups="base.group_portal", name="Stranger", lang="en_US")

        def child(name, grade, serial):
            return make_child(env, cls.school, cls.parent.partner_id, name, grade, serial)

        cls.older = child("Older Sister", 8, 501)
        cls.younger = child("Younger Sister", 6, 502)
        cls.little = child("Little Brother", 2, 503)
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=10)
        cls.event = env["event.event"].create(
            {
                "name": "Leaders' school",
                "date_begin": begin,
                "date_end": begin + datetime.timedelta(days=1),
                "youth_level": "region",
                "seats_limited": True,
                "seats_max": 1,
                "grade_min": 5,
                "grade_max": 11,
            }
        )

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_register_two_children_seat_and_waitlist(self):
        """Two children at once: the first gets the last seat, the second the waitlist; the little one can't."""
        self.authenticate("ev_parent", "ev_parent")
        page = self.url_open("/my/events").text
        self.assertIn("Leaders&#39; school", page)
        self.assertIn("grades 5 to 11", page, "the little one is told why not")
        token = self._csrf("/my/events")
        self.url_open(
            f"/my/events/{self.event.id}/register",
            data=[("csrf_token", token), ("member_ids", self.older.id), ("member_ids", self.younger.id)],
        )
        registrations = self.env["event.registration"].search([("event_id", "=", self.event.id)])
        self.assertEqual(registrations.youth_member_id, self.older | self.younger)
        seated = registrations.filtered(lambda r: r.state == "open")
        waiting = registrations.filtered(lambda r: r.state == "waitlist")
        self.assertEqual(len(seated), 1)
        self.assertEqual(waiting.waitlist_position, 1)
        self.assertEqual(seated.partner_id, self.parent.partner_id, "partner_id is Odoo's booker")
        self.assertEqual(seated.name, seated.youth_member_id.name, "the child is the attendee")
        ticket = self.url_open(f"/my/registrations/{seated.id}").text
        self.assertIn(seated.barcode, ticket)
        self.assertIn("/report/barcode/", ticket)
        self.assertIn("place 1", self.url_open(f"/my/registrations/{waiting.id}").text)
        # cancelling the seat promotes the first in line
        self.url_open(f"/my/registrations/{seated.id}/cancel", data={"csrf_token": token})
        self.assertEqual(seated.state, "cancel")
        self.assertEqual(waiting.state, "open")

    def test_history_and_certificate(self):
        """The history shows attendance and result; the certificate downloads in the event's language."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], ["ru_RU"], overwrite=True)
        self.event.certificate_lang = "ru_RU"
        registration = self.event._youth_register(self.older, booker_partner=self.parent.partner_id)
        registration._youth_mark_attendance(self.event._youth_first_day())
        registration.result = "winner"
        self.authenticate("ev_parent", "ev_parent")
        history = self.url_open(f"/my/children/{self.older.id}/history").text
        self.assertIn("Leaders&#39; school", history)
        self.assertIn("1 / 2", history)
        response = self.url_open(f"/my/registrations/{registration.id}/certificate")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("Leaders_school_Older_Sister.pdf", response.headers["Content-Disposition"])
        # without wkhtmltopdf under test, Odoo's report renders the HTML it would print
        if not response.content.startswith(b"%PDF"):
            self.assertIn("награждается", response.content.decode(), "in the event's certificate language")
            self.assertIn("Older Sister", response.content.decode())

    @mute_logger("odoo.http")
    def test_strangers_refused(self):
        """Another family gets a refusal on every event route for these children."""
        registration = self.event._youth_register(self.older, booker_partner=self.parent.partner_id)
        registration._youth_mark_attendance(self.event._youth_first_day())
        registration.result = "participant"
        self.authenticate("ev_stranger", "ev_stranger")
        token = self._csrf("/my/events")
        for url, data in [
            (f"/my/registrations/{registration.id}", None),
            (f"/my/registrations/{registration.id}/cancel", {"csrf_token": token}),
            (f"/my/registrations/{registration.id}/certificate", None),
            (f"/my/children/{self.older.id}/history", None),
        ]:
            response = self.url_open(url, data=data)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Older Sister", response.text)
        self.url_open(
            f"/my/events/{self.event.id}/register", data=[("csrf_token", token), ("member_ids", self.younger.id)]
        )
        self.assertEqual(registration.state, "done", "untouched by the stranger")
        self.assertFalse(
            self.env["event.registration"].search(
                [("event_id", "=", self.event.id), ("youth_member_id", "=", self.younger.id)]
            )
        )
