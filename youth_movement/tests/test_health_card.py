import datetime
import re

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import GROUPS
from .common_portal import FrontendLanguage, make_child, make_school

ALLERGY = "Peanuts: anaphylaxis, EpiPen in the bag"


@tagged("post_install", "-at_install")
class TestHealthCard(FrontendLanguage, HttpCase):
    """A parent fills the child's health card; only the event's leaders read it, near the event, and
    the parent sees every read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        env["res.lang"]._activate_lang("en_US")
        cls.school = make_school(env, "Health school", "Health district")
        cls.parent = new_test_user(env, "hc_parent", groups="base.group_portal", name="Health Parent", lang="en_US")
        cls.stranger = new_test_user(env, "hc_stranger", groups="base.group_portal", name="Stranger", lang="en_US")
        cls.child = make_child(env, cls.school, cls.parent.partner_id, "Aruzhan Health", 7, 701)
        cls.brother = make_child(env, cls.school, cls.parent.partner_id, "Timur Health", 8, 702)

        def staff(login, role, **values):
            return new_test_user(env, login, groups=GROUPS[role], name=login.replace("_", " ").title(), **values)

        cls.leader = staff("hc_leader", "school_leader", youth_school_ids=[(6, 0, cls.school.ids)], lang="en_US")
        cls.responsible = staff("hc_responsible", "district_coordinator", lang="en_US")
        cls.other_leader = staff("hc_other_leader", "school_leader", lang="en_US")
        cls.manager = staff("hc_manager", "regional_manager", lang="en_US")
        cls.admin = staff("hc_admin", "admin", lang="en_US")
        cls.camp = cls.make_event("Summer camp", days_from_now=1, offsite=True)
        cls.far = cls.make_event("Autumn forum", days_from_now=10)
        cls.other = cls.make_event("Chess day", days_from_now=1, leaders=cls.other_leader)
        cls.seat = cls.camp._youth_register(cls.child, booker_partner=cls.parent.partner_id)
        cls.seat_brother = cls.camp._youth_register(cls.brother, booker_partner=cls.parent.partner_id)
        cls.far_seat = cls.far._youth_register(cls.child, booker_partner=cls.parent.partner_id)

    @classmethod
    def make_event(cls, name, days_from_now, offsite=False, leaders=None):
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=days_from_now)
        return cls.env["event.event"].create(
            {
                "name": name,
                "date_begin": begin,
                "date_end": begin + datetime.timedelta(days=2),
                "date_tz": "Asia/Almaty",
                "youth_level": "region",
                "user_id": cls.responsible.id,
                "youth_leader_ids": [(6, 0, (leaders or cls.leader).ids)],
                "youth_is_offsite": offsite,
            }
        )

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def _card(self, member=None):
        return self.env["youth.health.card"].sudo().search([("member_id", "=", (member or self.child).id)])

    def _log(self, member=None):
        return self.env["youth.health.access"].sudo().search([("member_id", "=", (member or self.child).id)])

    def _fill(self, member=None, consent=True, **values):
        member = member or self.child
        url = f"/my/children/{member.id}/health"
        data = {
            "csrf_token": self._csrf(url),
            "allergies": ALLERGY,
            "diet": "No pork",
            "contact_name_0": "Aigerim Health",
            "contact_relation_0": "Aunt",
            "contact_phone_0": "+7 701 555 12 34",
        }
        if consent:
            data["consent"] = "on"
        data.update(values)
        return self.url_open(url, data=data)

    def _filled(self):
        self.authenticate("hc_parent", "hc_parent")
        self._fill()
        self._fill(self.brother)
        self.assertTrue(self._card() and self._card(self.brother))

    # ------------------------------------------------------------------ the family's form
    def test_no_consent_nothing_stored(self):
        """Without the health data consent the form refuses, and neither a card nor a consent is written."""
        self.authenticate("hc_parent", "hc_parent")
        page = self._fill(consent=False).text
        self.assertIn("Without this consent nothing can be stored", page)
        self.assertIn(ALLERGY, page, "what was typed is kept on the page")
        self.assertFalse(self._card())
        self.assertFalse(self.child.consent_ids.filtered(lambda c: c.type_id.code == "health_data"))

    def test_bad_input_refused_with_a_message(self):
        """No emergency contact, a phone that is no phone, too long a text: a message each, nothing stored."""
        self.authenticate("hc_parent", "hc_parent")
        for values, message in [
            ({"contact_name_0": "", "contact_relation_0": "", "contact_phone_0": ""}, "at least one person"),
            ({"contact_phone_0": "call my aunt"}, "Enter a phone number"),
            ({"allergies": "x" * 2001}, "At most 2000 characters"),
            ({"contact_name_1": "", "contact_phone_1": "+7 700 000 00 00"}, "Enter the contact"),
            ({"diet": "a\x00b"}, "not allowed"),
        ]:
            response = self._fill(**values)
            self.assertEqual(response.status_code, 200, values)
            self.assertIn(message, response.text, values)
            self.assertFalse(self._card(), values)
        self.assertFalse(self.child.consent_ids.filtered(lambda c: c.type_id.code == "health_data"))

    def test_ticket_asks_for_the_card_before_an_off_site_event(self):
        """The camp's ticket points the family to the health card; the forum at school does not."""
        self.authenticate("hc_parent", "hc_parent")
        self.assertIn(f"/my/children/{self.child.id}/health", self.url_open(f"/my/registrations/{self.seat.id}").text)
        self.assertNotIn("/health", self.url_open(f"/my/registrations/{self.far_seat.id}").text)

    def test_parent_fills_and_confirms(self):
        """The card and its consent are stored; the parent confirms it later and it counts as checked."""
        self.authenticate("hc_parent", "hc_parent")
        response = self._fill()
        self.assertIn("The health card has been saved", response.text)
        card = self._card()
        self.assertEqual(card.allergies, ALLERGY)
        self.assertEqual(card.contact_ids.mapped("phone"), ["+7 701 555 12 34"])
        self.assertEqual(card.checked_by_id, self.parent.partner_id)
        consent = self.child.consent_ids.filtered(lambda c: c.type_id.code == "health_data")
        self.assertEqual(
            (consent.state, consent.guardian_id, consent.channel), ("given", self.parent.partner_id, "portal")
        )
        card.checked_date = fields.Date.today() - datetime.timedelta(days=30)
        url = f"/my/children/{self.child.id}/health"
        self.url_open(f"{url}/confirm", data={"csrf_token": self._csrf(url)})
        self.assertGreaterEqual(card.checked_date, fields.Date.today() - datetime.timedelta(days=1))
        # a second save keeps one card and one consent
        self._fill(allergies="", diet="Vegetarian", consent=False)
        self.assertEqual(self._card(), card)
        self.assertEqual((card.allergies, card.diet), (False, "Vegetarian"))
        self.assertEqual(len(self.child.consent_ids.filtered(lambda c: c.type_id.code == "health_data")), 1)

    def test_withdrawn_consent_deletes_the_card(self):
        """Withdrawing the health data consent deletes the card; the log of its reads stays for the family."""
        self._filled()
        self.authenticate("hc_leader", "hc_leader")
        self.url_open(f"/youth/health/registration/{self.seat.id}")
        self.assertEqual(len(self._log()), 1)
        consent = self.child.consent_ids.filtered(lambda c: c.type_id.code == "health_data")
        self.authenticate("hc_parent", "hc_parent")
        url = f"/my/children/{self.child.id}"
        self.url_open(f"{url}/consent/{consent.id}/withdraw", data={"csrf_token": self._csrf(url)})
        self.assertEqual(consent.state, "withdrawn")
        self.assertFalse(self._card())
        self.assertTrue(self._card(self.brother), "the brother's consent and card are his own")
        self.assertEqual(len(self._log()), 1)

    @mute_logger("odoo.http")
    def test_other_families_refused(self):
        """Another family and the pupil with their own login get a refusal and change nothing."""
        self._filled()
        self.authenticate("hc_stranger", "hc_stranger")
        response = self.url_open(f"/my/children/{self.child.id}/health")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(ALLERGY, response.text)
        token = self._csrf("/my/children/apply")
        for url in (f"/my/children/{self.child.id}/health", f"/my/children/{self.child.id}/health/confirm"):
            response = self.url_open(url, data={"csrf_token": token, "allergies": "none", "consent": "on"})
            self.assertEqual(response.status_code, 404, url)
        self.assertEqual(self._card().allergies, ALLERGY)
        # a portal login on the leaders' routes: not found, nothing logged
        for url in (
            f"/youth/health/registration/{self.seat.id}",
            f"/youth/health/event/{self.camp.id}/sheet",
            f"/youth/health/member/{self.child.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(ALLERGY, response.text)
        self.assertFalse(self._log())

    # ------------------------------------------------------------------ who reads it, and when
    def test_leaders_read_inside_the_window_and_the_family_sees_it(self):
        """The event's leader and its responsible read the card the day before; each read is logged and
        the parent sees who read it, when and for which event."""
        self._filled()
        for login in ("hc_leader", "hc_responsible"):
            self.authenticate(login, login)
            response = self.url_open(f"/youth/health/registration/{self.seat.id}")
            self.assertEqual(response.status_code, 200, login)
            self.assertIn(ALLERGY, response.text)
            self.assertIn("+7 701 555 12 34", response.text)
            self.assertIn("no-store", response.headers["Cache-Control"])
        log = self._log()
        self.assertEqual(log.user_id, self.leader | self.responsible)
        self.assertEqual(set(log.mapped("kind")), {"card"})
        self.assertEqual(log.event_id, self.camp)
        self.authenticate("hc_parent", "hc_parent")
        page = self.url_open(f"/my/children/{self.child.id}/health").text
        self.assertIn("Hc Leader", page)
        self.assertIn("Hc Responsible", page)
        self.assertIn("Summer camp", page)
        self.assertEqual(len(self._log()), 2, "the family's own reading is not an access")

    def test_refused_outside_the_rule(self):
        """Too early, another event's leader, a manager, an administrator without a reason, a child on the
        waitlist or cancelled, after the event: refused, nothing read, nothing logged."""
        self._filled()
        cases = [
            ("hc_leader", self.far_seat, "can be read from"),
            ("hc_other_leader", self.seat, "Only the leaders"),
            ("hc_manager", self.seat, "Only the leaders"),
            ("hc_admin", self.seat, "Only the leaders"),
        ]
        for login, registration, message in cases:
            self.authenticate(login, login)
            response = self.url_open(f"/youth/health/registration/{registration.id}")
            self.assertEqual(response.status_code, 403, login)
            self.assertIn(message, response.text, login)
            self.assertNotIn(ALLERGY, response.text, login)
        self.authenticate("hc_leader", "hc_leader")
        self.seat_brother.action_youth_cancel()
        response = self.url_open(f"/youth/health/registration/{self.seat_brother.id}")
        self.assertEqual(response.status_code, 403)
        self.assertIn("no seat", response.text)
        self.camp.write(
            {
                "date_begin": self.camp.date_begin - datetime.timedelta(days=5),
                "date_end": fields.Datetime.now() - datetime.timedelta(hours=1),
            }
        )
        response = self.url_open(f"/youth/health/registration/{self.seat.id}")
        self.assertEqual(response.status_code, 403)
        self.assertIn("The event is over", response.text)
        self.assertFalse(self._log() | self._log(self.brother))

    def test_leader_from_another_school_reaches_the_cards(self):
        """A leader named on an event, who does not cover the pupils' schools, finds the participants
        on the event's page and opens a card (logged); a staff member who does not lead it is refused."""
        self._filled()
        seat = self.other._youth_register(self.child, booker_partner=self.parent.partner_id)
        self.assertFalse(self.env["event.registration"].with_user(self.other_leader).search([("id", "=", seat.id)]))
        self.assertTrue(self.other.with_user(self.other_leader).youth_is_my_event)
        self.authenticate("hc_other_leader", "hc_other_leader")
        page = self.url_open(f"/youth/health/event/{self.other.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Aruzhan Health", page.text)
        self.assertIn(f"/youth/health/registration/{seat.id}", page.text)
        self.assertNotIn(ALLERGY, page.text, "the list holds no health data")
        self.assertFalse(self._log(), "nor is it a read")
        self.assertIn(ALLERGY, self.url_open(f"/youth/health/registration/{seat.id}").text)
        self.assertEqual((self._log().user_id, self._log().event_id), (self.other_leader, self.other))
        self.authenticate("hc_leader", "hc_leader")
        self.assertFalse(self.other.with_user(self.leader).youth_is_my_event)
        response = self.url_open(f"/youth/health/event/{self.other.id}")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("Aruzhan Health", response.text)

    def test_window_follows_the_setting(self):
        """With the window set to 14 days, the leader reads the card of the forum in ten days."""
        self._filled()
        self.env["ir.config_parameter"].sudo().set_param("youth_movement.health_card_days_before", "14")
        self.authenticate("hc_leader", "hc_leader")
        response = self.url_open(f"/youth/health/registration/{self.far_seat.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(ALLERGY, response.text)
        self.assertEqual(self._log().event_id, self.far)

    def test_participant_sheet(self):
        """The off-site camp's sheet lists both children with their emergency contacts, and logs a read
        for each; an event in the school has none."""
        self._filled()
        self.authenticate("hc_leader", "hc_leader")
        response = self.url_open(f"/youth/health/event/{self.camp.id}/sheet")
        self.assertEqual(response.status_code, 200)
        for text in ("Aruzhan Health", "Timur Health", "Aigerim Health", "+7 701 555 12 34", ALLERGY):
            self.assertIn(text, response.text)
        log = self._log() | self._log(self.brother)
        self.assertEqual(set(log.mapped("kind")), {"sheet"})
        self.assertEqual(log.member_id, self.child | self.brother)
        self.authenticate("hc_other_leader", "hc_other_leader")
        self.other._youth_register(self.child, booker_partner=self.parent.partner_id)
        response = self.url_open(f"/youth/health/event/{self.other.id}/sheet")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(ALLERGY, response.text)
        response = self.url_open(f"/youth/health/event/{self.camp.id}/sheet")
        self.assertEqual(response.status_code, 403, "not a leader of the camp")
        self.assertEqual(len(self._log() | self._log(self.brother)), 2)

    def test_administrator_reads_with_a_reason(self):
        """The movement's administrator reads a card only after giving a reason, which the family sees;
        a regional manager cannot."""
        self._filled()
        self.authenticate("hc_manager", "hc_manager")
        self.assertEqual(self.url_open(f"/youth/health/member/{self.child.id}").status_code, 403)
        self.authenticate("hc_admin", "hc_admin")
        url = f"/youth/health/member/{self.child.id}"
        page = self.url_open(url).text
        self.assertNotIn(ALLERGY, page)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.assertNotIn(ALLERGY, self.url_open(url, data={"csrf_token": token, "reason": "short"}).text)
        self.assertFalse(self._log())
        reason = "The family asked us to check the card by phone"
        self.assertIn(ALLERGY, self.url_open(url, data={"csrf_token": token, "reason": reason}).text)
        self.assertEqual((self._log().kind, self._log().reason, self._log().user_id), ("admin", reason, self.admin))
        self.authenticate("hc_parent", "hc_parent")
        self.assertIn(reason, self.url_open(f"/my/children/{self.child.id}/health").text)

    # ------------------------------------------------------------------ no other way to it
    def test_no_access_rights_on_any_path(self):
        """No group, Odoo's administrators included, reads or writes a card or its log through the ORM
        (so no list, export, import or RPC); no other model has a field that leads to a card."""
        self._filled()
        system = new_test_user(self.env, "hc_system", groups="base.group_system,base.group_user")
        for user in (self.leader, self.responsible, self.manager, self.admin, system, self.parent):
            for model in ("youth.health.card", "youth.health.contact", "youth.health.access"):
                with self.assertRaises(AccessError, msg=(user.login, model)):
                    self.env[model].with_user(user).search([])
                with self.assertRaises(AccessError, msg=(user.login, model)):
                    self.env[model].with_user(user).create({})
        leading = self.env["ir.model.fields"].search(
            [("relation", "in", ("youth.health.card", "youth.health.contact", "youth.health.access"))]
        )
        self.assertEqual(
            set(leading.mapped("model")),
            {"youth.health.card", "youth.health.contact"},
            "only the card and its contacts lead to each other",
        )

    def test_not_in_exports(self):
        """The Excel workbook with every report, as the regional manager and as the camp's leader, and an
        export of the child's member record with every field, hold nothing of the card."""
        import io

        import openpyxl

        self._filled()
        for user in (self.manager, self.leader):
            wizard = (
                self.env["youth.report.wizard"]
                .with_user(user)
                .create({name: True for name in self.env["youth.report.wizard"]._fields if name.startswith("report_")})
            )
            book = openpyxl.load_workbook(io.BytesIO(wizard._render_xlsx()), data_only=True)
            cells = " ".join(
                str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value
            )
            self.assertIn("Aruzhan Health", cells, "the workbook lists the child")
            self.assertNotIn("Peanuts", cells, user.login)
            self.assertNotIn("+7 701 555 12 34", cells, user.login)
        # even Odoo's superuser: no field of a member leads to the card
        Member = self.env["youth.member"]
        exportable = [name for name, field in Member._fields.items() if not field.groups and field.type != "binary"]
        rows = Member.search([("id", "=", self.child.id)]).export_data(exportable)["datas"]
        self.assertNotIn("Peanuts", str(rows))

    def test_not_in_the_families_mails(self):
        """The event's confirmation and reminder, rendered for sending, hold nothing of the card."""
        self._filled()
        for xmlid in (
            "youth_movement.youth_event_mail_template_confirmation",
            "youth_movement.youth_event_mail_template_reminder",
        ):
            template = self.env.ref(xmlid)
            body = template._render_field("body_html", self.seat.ids)[self.seat.id]
            self.assertNotIn("Peanuts", body, xmlid)
            self.assertNotIn("Aigerim", body, xmlid)

    def test_a_leader_cannot_name_themselves_on_another_event(self):
        """The leaders an event names are written by those who may write the event: a school leader
        cannot add themselves to a regional event to read its participants' cards."""
        with self.assertRaises(AccessError):
            self.other.with_user(self.leader).write({"youth_leader_ids": [(4, self.leader.id)]})
        with self.assertRaises(AccessError):
            self.other.with_user(self.leader).write({"user_id": self.leader.id})
        self.assertEqual((self.other.youth_leader_ids, self.other.user_id), (self.other_leader, self.responsible))

    def test_only_staff_lead_events(self):
        """A leader is one of the movement's staff: a portal login or a plain employee is refused."""
        employee = new_test_user(self.env, "hc_employee", groups="base.group_user")
        for user in (self.parent, employee):
            with self.assertRaises(ValidationError):
                self.camp.youth_leader_ids = [(4, user.id)]
        self.assertEqual(self.camp.youth_leader_ids, self.leader)
