import datetime

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import CouncilCase

LANGS = ("kk_KZ", "ru_RU")
VOTED = {"kk_KZ": "жақтап 1", "ru_RU": "за 1"}


@tagged("post_install", "-at_install")
class TestCouncilTour(CouncilCase, HttpCase):
    """In Chromium, in Kazakh and in Russian: the secretary invites a partner → the partner opens the pack,
    answers, votes between meetings and reports progress with a file → the secretary sees it on the
    decision → the protocol shows the vote (static/tests/tours/youth_council_tours.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for code in LANGS:
            env["res.lang"]._activate_lang(code)
        env["ir.module.module"]._load_module_terms(["youth_movement"], list(LANGS), overwrite=True)
        cls.secretary = cls.users["district_coordinator"]
        if "tour_enabled" in cls.secretary._fields:
            cls.secretary.tour_enabled = False

    def _walk(self, lang):
        env = self.env
        self.secretary.lang = lang
        partner = env["res.partner"].create(
            {"name": "Гүлнар Ахметова", "email": f"gulnar.{lang}@example.kz", "lang": lang, "parent_id": self.org.id}
        )
        env["youth.council.member"].create({"council_id": self.council.id, "partner_id": partner.id, "role": "member"})
        past = self.make_meeting(topic="Results", day="2026-01-28", protocol_lang=lang)
        past.action_add_members()
        self.hold(past)
        decision = env["youth.council.decision"].create(
            {
                "council_id": self.council.id,
                "meeting_id": past.id,
                "text": "Lend books to the camps",
                "partner_ids": [(6, 0, partner.ids)],
                "deadline": fields.Date.today() + datetime.timedelta(days=20),
            }
        )
        vote = env["youth.council.vote"].create(
            {
                "decision_id": decision.id,
                "mode": "remote",
                "date_close": fields.Datetime.now() + datetime.timedelta(days=5),
            }
        )
        vote.action_open()
        upcoming = self.make_meeting(topic="Summer camps", start=fields.Datetime.now() + datetime.timedelta(days=4))
        env["youth.council.agenda.item"].create({"meeting_id": upcoming.id, "title": "Camps of 2027"})
        upcoming.action_add_members()
        upcoming.action_plan()

        self.start_tour(
            f"/odoo/action-youth_movement.youth_council_action/{self.council.id}",
            f"youth_council_invite_{lang}",
            login=self.secretary.login,
        )
        user = partner.user_ids
        self.assertTrue(user and user._is_portal())
        self.assertEqual(user.lang, lang)
        user.password = "gulnar-pass-1"

        self.start_tour("/my/councils", f"youth_council_partner_{lang}", login=user.login)
        line = upcoming.participant_ids.filtered(lambda p: p.partner_id == partner)
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(vote.ballot_ids.filtered(lambda b: b.partner_id == partner).choice, "for")
        report = decision.progress_ids
        self.assertIn("120", report.text)
        self.assertEqual(report.attachment_ids.name, "books.txt")

        self.start_tour(
            f"/odoo/action-youth_movement.youth_council_decision_action/{decision.id}",
            f"youth_council_secretary_sees_{lang}",
            login=self.secretary.login,
        )
        vote.action_close()
        html = env["ir.actions.report"]._render_qweb_html("youth_movement.report_youth_council_meeting", past.ids)[0]
        self.assertIn(VOTED[lang], html.decode())

    def test_council_portal_in_kazakh(self):
        self._walk("kk_KZ")

    def test_council_portal_in_russian(self):
        self._walk("ru_RU")
