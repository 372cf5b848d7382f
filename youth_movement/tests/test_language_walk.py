"""The language walk: a family and a district coordinator go their daily way in Chromium, in Kazakh
and in Russian; every string they can see is collected (static/tests/walk/youth_walk.js) and those
still in English are counted (tools/language_walk.py). The family path must have none, the staff
path at most 1 % of its strings."""

import datetime
import json
import logging

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open

from ..tools import language_walk
from .common import GROUPS

_logger = logging.getLogger(__name__)
MARK = "youth-walk-page "
STAFF_SHARE = 0.01


class WalkHandler(logging.Handler):
    """Keeps what the walk logs in the browser's console (Odoo logs it through the test's logger)."""

    def __init__(self, seen):
        super().__init__(logging.INFO)
        self.seen = seen

    def emit(self, record):
        message = record.getMessage()
        if message.startswith(MARK):
            self.seen.append(json.loads(message[len(MARK) :]))


def action(xmlid, view_type=None, record=None, ready=None, actions=()):
    """A back-office page: the action opened in the web client, on a view type or a record."""
    options = {"viewType": view_type} if view_type else {}
    if record:
        options = {"props": {"resId": record.id}, "viewType": "form"}
    label = "/".join(
        str(part) for part in (xmlid, view_type or (record and "form") or "", record and record.id or "") if part
    )
    return {
        "url": label,
        "action": xmlid,
        "options": options,
        "ready": ready or f".o_{view_type or (record and 'form') or 'list'}_view",
        "actions": list(actions),
    }


SEARCH = {"click": ".o_searchview_dropdown_toggler", "wait": ".o_search_bar_menu"}
USER_MENU = {"click": ".o_user_menu button", "wait": ".o_user_menu_dropdown, .o-dropdown--menu"}


@tagged("post_install", "-at_install", "youth_walk")
class TestLanguageWalk(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for code in ("kk_KZ", "ru_RU"):
            env["res.lang"]._activate_lang(code)
        cls.parent_user = env.ref("youth_movement.user_parent_demo", raise_if_not_found=False)
        coordinator = env.ref("youth_movement.user_district_coordinator_demo", raise_if_not_found=False)
        if not cls.parent_user or not coordinator:
            return
        cls.coordinators = {
            code: new_test_user(
                env,
                f"walk.coordinator.{code}",
                groups=GROUPS["district_coordinator"],
                name=coordinator.name,
                lang=code,
                tz="Asia/Almaty",
                youth_district_ids=[(6, 0, coordinator.youth_district_ids.ids)],
                action_id=coordinator.action_id.id,
            )
            for code in ("kk_KZ", "ru_RU")
        }
        for user in cls.coordinators.values():
            if "tour_enabled" in user._fields:
                user.tour_enabled = False
        cls.child = (
            env["youth.guardian.link"].search([("guardian_id", "=", cls.parent_user.partner_id.id)], limit=1).member_id
        )
        cls.member = env["youth.member"].search([("district_id", "in", coordinator.youth_district_ids.ids)], limit=1)
        cls.event = env["event.event"].search([("youth_category_id", "!=", False)], limit=1)
        cls.meeting = env["youth.council.meeting"].search([], limit=1)
        cls.school = cls.member.school_id
        cls._council_member_setup()
        cls.names = language_walk.name_words(
            env["res.partner"].with_context(active_test=False).search([]).mapped("name")
            + env["event.event"].search([]).mapped("name")
            + env["youth.district"].search([]).mapped("name")
            + env["discuss.channel"].search([]).mapped("name")
            # the language switcher names each language in itself; a language's record, as Odoo names
            # them ("Kazakh / Қазақ тілі"), in the language menus
            + ["English"]
            + env["res.lang"].search([]).mapped("name")
        )

    @classmethod
    def _council_member_setup(cls):
        """A partner's contact in the demo council, with the portal: a planned meeting with its pack, a
        decision to carry out and a vote between meetings."""
        env = cls.env
        council = cls.meeting.council_id
        cls.council_user = new_test_user(
            env, "walk.council", groups="base.group_portal", name="Гүлнар Ахметова", tz="Asia/Almaty"
        )
        env["youth.council.member"].create(
            {"council_id": council.id, "partner_id": cls.council_user.partner_id.id, "role": "member"}
        )
        start = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=6)
        cls.walk_meeting = env["youth.council.meeting"].create(
            {"council_id": council.id, "topic": "Жазғы демалыс маусымы", "start": start, "venue": "Семей"}
        )
        env["youth.council.agenda.item"].create({"meeting_id": cls.walk_meeting.id, "title": "Жазғы лагерьлер"})
        cls.walk_meeting.action_add_members()
        cls.walk_meeting.action_plan()
        cls.walk_decision = env["youth.council.decision"].create(
            {
                "council_id": council.id,
                "text": "Жазғы лагерьлерге кітап қорын беру",
                "partner_ids": [(6, 0, cls.council_user.partner_id.ids)],
                "deadline": fields.Date.today() + datetime.timedelta(days=20),
            }
        )
        cls.walk_vote = env["youth.council.vote"].create(
            {"decision_id": cls.walk_decision.id, "mode": "remote", "date_close": start}
        )
        cls.walk_vote.action_open()

    def _council_pages(self):
        council = self.walk_meeting.council_id
        return [
            {"url": "/my/councils", "ready": ".o_youth_councils"},
            {"url": f"/my/councils/{council.id}", "ready": ".o_youth_upcoming_meeting"},
            {"url": f"/my/decisions/{self.walk_decision.id}", "ready": "form.o_youth_progress_form"},
            {"url": f"/my/votes/{self.walk_vote.id}", "ready": ".o_youth_vote"},
        ]

    def test_council_member_path_in_kazakh_and_russian(self):
        """A partner's contact in the council portal: councils, meetings, a decision, a vote: no string in
        English, in Kazakh nor in Russian."""
        for code in ("kk_KZ", "ru_RU"):
            with self.subTest(lang=code):
                self.council_user.lang = code
                seen = self._walk(self._council_pages(), "walk.council", code)
                total, english = self._measure(f"council member path, {code}", seen)
                self.assertGreater(total, 40, "the council pages show their content")
                self.assertEqual(english, [], f"the council portal in {code} shows no English")

    def setUp(self):
        super().setUp()
        if not self.parent_user:
            self.skipTest("the walk goes through the demo data")

    def _walk(self, pages, login, lang):
        script = file_open("youth_movement/static/tests/walk/youth_walk.js").read()
        settings = f"const YOUTH_LANG = {json.dumps(lang.replace('_', '-'))};\nconst YOUTH_WALK = {json.dumps(pages)};"
        code = f"{settings}\n{script}"
        seen = []
        handler = WalkHandler(seen)
        # the browser's console, as Odoo logs it (at INFO: raise the level where the run logs less)
        browser_logger = logging.getLogger(f"{self._logger.name}.browser")
        level = browser_logger.level
        browser_logger.addHandler(handler)
        browser_logger.setLevel(logging.INFO)
        try:
            self.browser_js(pages[0]["url"], code, login=login, timeout=400, success_signal="youth-walk done")
        finally:
            browser_logger.removeHandler(handler)
            browser_logger.setLevel(level)
        self.assertEqual(len(seen), len(pages), "every page of the path was walked")
        return seen

    def _measure(self, label, seen):
        total, english, dates = 0, [], 0
        for page in seen:
            found = language_walk.english_strings(page["strings"], self.names)
            if not page["intl"]:
                # this Chromium has no date names in the language (its Intl falls back to English):
                # the browser's, not Odoo's, and a department's browsers have them
                browser = set(language_walk.browser_date_names(found))
                dates += len(browser)
                found = [text for text in found if text not in browser]
            total += len(page["strings"])
            english += [f"{page['url']}: {text}" for text in found]
        _logger.info(
            "language walk, %s: %d strings, %d in English (%d more are the browser's date names, which this "
            "Chromium lacks in that language)",
            label,
            total,
            len(english),
            dates,
        )
        for line in english:
            _logger.info("  still in English: %s", line)
        return total, english

    def _family_pages(self):
        child = self.child
        registration = self.env["event.registration"].search([("youth_member_id", "=", child.id)], limit=1)
        pages = [
            {"url": "/my", "ready": ".o_portal_my_home, .o_portal"},
            {"url": "/my/account", "ready": "form"},
            {"url": "/my/security", "ready": "main"},
            {"url": "/my/children", "ready": "main"},
            {"url": f"/my/children/{child.id}", "ready": "main"},
            {"url": f"/my/children/{child.id}/history", "ready": "main"},
            {"url": "/my/children/apply", "ready": "form"},
            {"url": "/my/events", "ready": "main"},
            {"url": f"/my/children/{child.id}/health", "ready": "form.o_youth_health_form"},
            {"url": "/my/calendar", "ready": ".o_youth_calendar"},
        ]
        if registration:
            pages.append({"url": f"/my/registrations/{registration.id}", "ready": "main"})
        return pages

    def _staff_pages(self):
        ym = "youth_movement."
        return [
            {"url": "/odoo", "top": True, "ready": ".o_action_manager .o_view_controller", "actions": [USER_MENU]},
            action(ym + "youth_member_action", actions=[SEARCH]),
            action(ym + "youth_member_action", "kanban"),
            action(
                ym + "youth_member_action",
                record=self.member,
                ready=".o_form_view .o-mail-Chatter",
                actions=[
                    {"click": ".o-mail-Chatter-sendMessage", "wait": ".o-mail-Composer"},
                    {"click": ".o-mail-Chatter-logNote", "wait": ".o-mail-Composer"},
                    {"click": ".o-mail-Chatter-activity", "wait": ".modal .o_form_view"},
                ],
            ),
            action(ym + "youth_member_action_analysis", "pivot"),
            action(ym + "youth_member_action_analysis", "graph"),
            action(ym + "youth_event_action", actions=[SEARCH]),
            action(ym + "youth_event_action", "calendar"),
            action(ym + "youth_event_action", record=self.event),
            action(ym + "youth_event_registration_action"),
            action(ym + "youth_event_registration_action", "pivot"),
            action(ym + "youth_council_meeting_action"),
            action(ym + "youth_council_meeting_action", record=self.meeting),
            action(ym + "youth_council_decision_action"),
            action(ym + "youth_council_vote_action"),
            action(ym + "youth_school_action", record=self.school),
            action("mail.action_discuss", ready=".o-mail-Discuss"),
            action(
                "calendar.action_calendar_event",
                "calendar",
                actions=[
                    USER_MENU,
                    {"click": ".o-dropdown--menu [data-menu='settings']", "wait": ".modal .o_form_view"},
                ],
            ),
        ]

    def test_family_path_in_kazakh_and_russian(self):
        """Log in, sign up, reset the password, the portal's home, account and security pages and the
        addon's pages: no string in English, in Kazakh nor in Russian."""
        for code in ("kk_KZ", "ru_RU"):
            with self.subTest(lang=code):
                self.parent_user.lang = code
                anonymous = [
                    {"url": f"/youth/lang/{code}?redirect={path}", "ready": "form"}
                    for path in ("/web/login", "/web/signup", "/web/reset_password")
                ]
                seen = self._walk(anonymous, None, code) + self._walk(self._family_pages(), "parent", code)
                total, english = self._measure(f"family path, {code}", seen)
                self.assertGreater(total, 100, "the family path shows its pages")
                self.assertEqual(english, [], f"the family path in {code} shows no English")

    def test_staff_path_in_kazakh_and_russian(self):
        """A district coordinator's day in the back office: lists, kanban, form with the chatter and an
        activity, pivot, graph, calendar, search panel, user menu, preferences, Discuss: at most 1 %
        of the strings in English."""
        for code, user in self.coordinators.items():
            with self.subTest(lang=code):
                seen = self._walk(self._staff_pages(), user.login, code)
                total, english = self._measure(f"staff path, {code}", seen)
                self.assertGreater(total, 300, "the staff path shows its pages")
                self.assertLessEqual(len(english), total * STAFF_SHARE, "\n".join(english))
