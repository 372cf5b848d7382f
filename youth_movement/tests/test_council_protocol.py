from odoo.tests import tagged

from .common import CouncilCase


@tagged("post_install", "-at_install")
class TestCouncilProtocol(CouncilCase):
    """The printable protocol, in Kazakh and in Russian, with the customary content."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"]
        Lang._youth_ensure_kazakh()
        Lang._activate_lang("kk_KZ")
        Lang._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["youth_movement"], ["kk_KZ", "ru_RU"], overwrite=True)
        cls.meeting = cls.make_meeting(cls, meeting_type="extended", venue="Semey, University hall")
        Item = cls.env["youth.council.agenda.item"]
        cls.item = Item.create(
            {
                "meeting_id": cls.meeting.id,
                "title": "State and prospects of the movement",
                "presenter_id": cls.chair.id,
                "heard": "<p>Report of the chair</p>",
                "decided": "<p>Adopt the directions</p>",
            }
        )
        cls.decision = cls.env["youth.council.decision"].create(
            {
                "meeting_id": cls.meeting.id,
                "agenda_item_id": cls.item.id,
                "text": "Make events for pupils systematic",
                "partner_ids": [(6, 0, cls.org.ids)],
                "district_ids": [(6, 0, cls.district_a.ids)],
                "deadline": "2026-05-29",
            }
        )
        absent = cls.member_partners[1]
        cls.hold(cls, cls.meeting, absent=absent)

    def _render(self, lang):
        self.meeting.protocol_lang = lang
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "youth_movement.report_youth_council_meeting", self.meeting.ids
        )
        return html.decode()

    def _assert_data(self, html):
        for text in (
            "1/2026",
            "28.01.2026",
            "Semey, University hall",
            "Chair Person",
            "Member 1",
            self.users["district_coordinator"].name,
            "State and prospects of the movement",
            "Report of the chair",
            "Make events for pupils systematic",
            "Education department",
            "Test district A",
            "29.05.2026",
            "1.1",
            "Council of district A",
        ):
            self.assertIn(text, html)

    def test_protocol_in_kazakh(self):
        """The Kazakh protocol: ХАТТАМА, its headings, and the meeting's data."""
        html = self._render("kk_KZ")
        for label in (
            "ХАТТАМА №",
            "Кеңейтілген отырыс",
            "Төраға:",
            "Хатшы:",
            "Қатысқандар:",
            "КҮН ТӘРТІБІ",
            "ТЫҢДАЛДЫ:",
            "ШЕШІМ ҚАБЫЛДАНДЫ:",
            "Жауапты орындаушы",
            "Орындау мерзімі",
            "Қатыспағандар:",
        ):
            self.assertIn(label, html)
        self.assertNotIn("PROTOCOL", html)
        self._assert_data(html)

    def test_protocol_in_russian(self):
        """The Russian protocol: ПРОТОКОЛ, its headings, and the meeting's data."""
        html = self._render("ru_RU")
        for label in (
            "ПРОТОКОЛ №",
            "Расширенное заседание",
            "Председатель:",
            "Секретарь:",
            "Присутствовали:",
            "ПОВЕСТКА ДНЯ",
            "СЛУШАЛИ:",
            "РЕШИЛИ:",
            "Ответственный исполнитель",
            "Срок исполнения",
            "Отсутствовали:",
        ):
            self.assertIn(label, html)
        self.assertNotIn("PROTOCOL", html)
        self._assert_data(html)

    def test_protocol_lists_present_and_absent(self):
        """Present participants are listed with their position; the absent with their reason."""
        html = self._render("ru_RU")
        self.assertIn("Deputy head", html)
        present_part, _sep, absent_part = html.partition("Отсутствовали:")
        self.assertIn("Member 1", present_part)
        self.assertIn("Member 2", absent_part)
        self.assertIn("Ill", absent_part)

    def test_control_item_in_the_language_of_the_protocol(self):
        """The control item carries the customary title in the protocol's language."""
        upcoming = self.make_meeting(day="2026-03-10")
        upcoming.protocol_lang = "ru_RU"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("youth_movement.report_youth_council_meeting", upcoming.ids)[0]
            .decode()
        )
        self.assertIn("Контроль исполнения ранее принятых решений", html)
        self.assertIn("Make events for pupils systematic", html)
