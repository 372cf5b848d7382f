import datetime
import re
import unittest

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import iin as iin_rules


@tagged("post_install", "-at_install", "youth_website_event")
class TestWebsiteEventBeside(HttpCase):
    """Odoo's website_event beside the addon: a parent books a seat on the website for themself
    and one in our portal for their child; both registrations read as Odoo means them.

    Runs where website_event is installed (``./ym test`` installs it in a database of its own).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("website_event").state != "installed":
            raise unittest.SkipTest("website_event is not installed in this database")
        env = cls.env
        district = env["youth.district"].create(
            {"name": "Website district", "state_id": env.ref("youth_movement.state_kz_abai").id}
        )
        school = env["res.partner"].create(
            {
                "name": "Website school",
                "is_company": True,
                "youth_district_id": district.id,
                "youth_org_type_id": env.ref("youth_movement.org_type_school").id,
            }
        )
        cls.parent = new_test_user(
            env, "web_parent", groups="base.group_portal", name="Website Parent", email="web.parent@example.kz"
        )
        cls.child = env["youth.member"].create(
            {
                "name": "Website Child",
                "iin": iin_rules.make(datetime.date(2013, 4, 5), "male", 611),
                "school_id": school.id,
                "grade": 7,
                "status": "active",
            }
        )
        env["youth.guardian.link"].create(
            {"member_id": cls.child.id, "guardian_id": cls.parent.partner_id.id, "relation": "father"}
        )
        # one day in its own time zone whatever the hour the test runs at: 09:00 to 15:00 in Almaty
        today = fields.Date.today()
        begin = datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(4, 0))
        cls.event = env["event.event"].create(
            {
                "name": "Open day",
                "date_tz": "Asia/Almaty",
                "date_begin": begin,
                "date_end": begin + datetime.timedelta(hours=6),
                "youth_level": "region",
                "seats_limited": True,
                "seats_max": 3,
                "is_published": True,
            }
        )

    def _register_on_the_website(self, name, email):
        questions = self.event.question_ids
        name_question = questions.filtered(lambda q: q.question_type == "name")
        email_question = questions.filtered(lambda q: q.question_type == "email")
        response = self.url_open(
            f"/event/{self.event.id}/registration/confirm",
            data={
                f"1-name-{name_question.id}": name,
                f"1-email-{email_question.id}": email,
                "1-event_ticket_id": "0",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        return self.event.registration_ids.filtered(lambda r: r.name == name)

    def test_website_and_portal_registrations(self):
        """A website booking and a portal booking: partner_id is who booked, the attendee is named."""
        self.authenticate("web_parent", "web_parent")
        own = self._register_on_the_website("Website Parent", "web.parent@example.kz")
        page = self.url_open("/my/events").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open(
            f"/my/events/{self.event.id}/register", data=[("csrf_token", token), ("member_ids", self.child.id)]
        )
        pupil = self.event.registration_ids - own
        self.assertEqual((own.state, pupil.state), ("open", "open"))
        self.assertEqual(
            (own.partner_id, pupil.partner_id),
            (self.parent.partner_id, self.parent.partner_id),
            "partner_id is Odoo's 'Booked by' in both",
        )
        self.assertFalse(own.youth_member_id)
        self.assertEqual((pupil.youth_member_id, pupil.name), (self.child, "Website Child"))
        self.assertTrue(own.visitor_id, "website_event tracked its visitor")
        self.assertEqual(self.event.seats_taken, 2, "both hold a seat")
        self.assertFalse(own.attendance_ids, "attendance is kept for pupils only")
        self.assertEqual(len(pupil.attendance_ids), 1)
        self.assertEqual(self.env["event.registration"].fields_get(["partner_id"])["partner_id"]["string"], "Booked by")
        self.assertEqual(self.parent.partner_id.event_count, 1, "Odoo counts the booker's event once")
        self.assertIn("Website Child", self.url_open(f"/my/children/{self.child.id}/history").text)
