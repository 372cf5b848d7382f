import datetime

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUPS
from .common_portal import make_child, make_school

LANGS = ("kk_KZ", "ru_RU")


@tagged("post_install", "-at_install")
class TestHealthTour(HttpCase):
    """In Chromium, in Kazakh and in Russian: the parent fills the card, the leader of tomorrow's camp
    opens it, the parent sees who read it (static/tests/tours/youth_health_tours.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for code in LANGS:
            env["res.lang"]._activate_lang(code)
        env["ir.module.module"]._load_module_terms(["youth_movement"], list(LANGS), overwrite=True)
        cls.school = make_school(env, "Tour health school", "Tour health district")
        cls.leader = new_test_user(
            env,
            "tour_health_leader",
            groups=GROUPS["school_leader"],
            name="Тур Жетекші",
            youth_school_ids=[(6, 0, cls.school.ids)],
        )
        if "tour_enabled" in cls.leader._fields:
            cls.leader.tour_enabled = False
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=1)
        cls.camp = env["event.event"].create(
            {
                "name": "Tour summer camp",
                "date_begin": begin,
                "date_end": begin + datetime.timedelta(days=3),
                "youth_level": "region",
                "youth_is_offsite": True,
                "youth_leader_ids": [(6, 0, cls.leader.ids)],
            }
        )

    def _walk(self, lang, serial):
        login = f"tour_health_parent_{lang}"
        parent = new_test_user(self.env, login, groups="base.group_portal", name=f"Parent {lang}", lang=lang)
        child = make_child(self.env, self.school, parent.partner_id, f"Child {lang}", 7, serial)
        self.camp._youth_register(child, booker_partner=parent.partner_id)
        self.leader.lang = lang

        self.start_tour("/my/children", f"youth_health_fill_{lang}", login=login, timeout=120)
        card = self.env["youth.health.card"].sudo().search([("member_id", "=", child.id)])
        self.assertIn("EpiPen", card.allergies)
        self.assertEqual(card.contact_ids.phone, "+7 701 555 12 34")

        self.start_tour(
            f"/odoo/action-youth_movement.youth_event_action/{self.camp.id}",
            f"youth_health_leader_{lang}",
            login="tour_health_leader",
        )
        self.start_tour(
            f"/youth/health/event/{self.camp.id}",
            f"youth_health_card_read_{lang}",
            login="tour_health_leader",
        )
        log = self.env["youth.health.access"].sudo().search([("member_id", "=", child.id)])
        self.assertEqual((log.user_id, log.event_id, log.kind), (self.leader, self.camp, "card"))

        self.start_tour(f"/my/children/{child.id}/health", f"youth_health_log_{lang}", login=login)

    def test_health_card_in_kazakh(self):
        self._walk("kk_KZ", 951)

    def test_health_card_in_russian(self):
        self._walk("ru_RU", 952)
