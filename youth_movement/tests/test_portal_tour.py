import datetime

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import iin as iin_rules
from .common import GROUPS

# The families of static/tests/tours/youth_portal_tours.js: the tour types these IINs, built by
# tools/iin.py make(); no other test creates a member with them.
FAMILIES = {
    "kk_KZ": {
        "login": "tour.parent.kk@example.kz",
        "iins": {
            "130719693014": (datetime.date(2013, 7, 19), "female", 9301),
            "150211593022": (datetime.date(2015, 2, 11), "male", 9302),
        },
        "active": "Белсенді",
    },
    "ru_RU": {
        "login": "tour.parent.ru@example.kz",
        "iins": {
            "130823593112": (datetime.date(2013, 8, 23), "male", 9311),
            "150405693125": (datetime.date(2015, 4, 5), "female", 9312),
        },
        "active": "Активный",
    },
}


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase):
    """A family walks the portal in Chromium, in Kazakh and in Russian, and the school approves in the back office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for code in FAMILIES:
            env["res.lang"]._activate_lang(code)
        env["ir.module.module"]._load_module_terms(["youth_movement"], list(FAMILIES), overwrite=True)
        env["ir.config_parameter"].set_param("auth_signup.invitation_scope", "b2c")
        district = env["youth.district"].create(
            {
                "name": "Tour district",
                "state_id": env.ref("youth_movement.state_kz_abai").id,
            }
        )
        cls.school = env["res.partner"].create(
            {
                "name": "Tour school No. 7",
                "is_company": True,
                "youth_district_id": district.id,
                "youth_org_type_id": env.ref("youth_movement.org_type_school").id,
            }
        )
        cls.leader = new_test_user(
            env, "tour_leader", groups=GROUPS["school_leader"], youth_school_ids=[(6, 0, cls.school.ids)]
        )
        if "tour_enabled" in cls.leader._fields:
            cls.leader.tour_enabled = False
        # first of the upcoming events, so that it is on the first page of /my/events
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(hours=2)
        cls.event = env["event.event"].create(
            {
                "name": "Tour regional rally",
                "date_begin": begin,
                "date_end": begin + datetime.timedelta(hours=6),
                "youth_level": "region",
                "seats_limited": True,
                "seats_max": 30,
                "grade_min": 5,
                "grade_max": 11,
            }
        )

    def test_iins_of_the_tour(self):
        """The IINs hard-coded in the tour are valid and made by tools/iin.py."""
        for family in FAMILIES.values():
            for iin, (birth_date, sex, serial) in family["iins"].items():
                self.assertEqual(iin_rules.make(birth_date, sex, serial), iin)

    def _walk(self, lang):
        family = FAMILIES[lang]
        login = family["login"]
        self.leader.lang = lang

        self.start_tour("/web/login", f"youth_portal_signup_apply_{lang}", timeout=180)
        parent = self.env["res.users"].search([("login", "=", login)])
        self.assertEqual(parent.lang, lang, "the language chosen on the sign-up form")
        self.assertTrue(parent._is_portal())
        members = self.env["youth.member"].search([("school_id", "=", self.school.id)])
        self.assertEqual(set(members.mapped("iin")), set(family["iins"]))
        self.assertEqual(set(members.mapped("status")), {"applicant"})
        self.assertEqual(members.guardian_link_ids.guardian_id, parent.partner_id)
        self.assertEqual(set(members.consent_ids.type_id.mapped("code")), {"personal_data", "photo_video"})

        self.start_tour(
            "/odoo/action-youth_movement.youth_member_action",
            "youth_backoffice_approve_applicants",
            login="tour_leader",
            timeout=120,
        )
        self.assertEqual(set(members.mapped("status")), {"active"})

        self.start_tour("/my", "youth_portal_register_children", login=login, timeout=120)
        registrations = self.env["event.registration"].search([("event_id", "=", self.event.id)])
        self.assertEqual(registrations.youth_member_id, members, "both children registered at once")
        self.assertEqual(set(registrations.mapped("state")), {"open"})

        self.authenticate(login, login)
        page = self.url_open("/my/children")
        self.assertEqual(page.status_code, 200)
        self.assertIn(family["active"], page.text, "the portal speaks the parent's language")

    def test_family_walk_in_kazakh(self):
        """In Kazakh: sign up, apply for two children, approval by the school leader, both on one event."""
        self._walk("kk_KZ")

    def test_family_walk_in_russian(self):
        """In Russian: sign up, apply for two children, approval by the school leader, both on one event."""
        self._walk("ru_RU")
