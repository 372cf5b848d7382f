from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import YouthCase

LANGS = ["kk_KZ", "ru_RU"]


@tagged("post_install", "-at_install")
class TestTranslation(YouthCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in LANGS:
            cls.env["res.lang"]._activate_lang(code)
        # what loading a language does once the addon's models are in the registry
        cls.env["ir.module.module"]._load_module_terms(["youth_movement"], LANGS)

    def test_records_translated(self):
        """Tiers, districts, organization types and consent texts show in Kazakh and Russian."""
        kyran = self.env.ref("youth_movement.tier_zhas_kyran")
        self.assertEqual(kyran.with_context(lang="kk_KZ").name, "«Жас Қыран»")
        self.assertEqual(kyran.with_context(lang="ru_RU").name, "«Жас Қыран»")
        self.assertEqual(kyran.with_context(lang="en_US").name, "Zhas Kyran")
        school = self.env.ref("youth_movement.org_type_school")
        self.assertEqual(school.with_context(lang="kk_KZ").name, "Мектеп")
        self.assertEqual(school.with_context(lang="ru_RU").name, "Школа")
        photo = self.env.ref("youth_movement.consent_type_photo_video")
        for lang in LANGS:
            text = photo.with_context(lang=lang).text
            self.assertTrue(text.startswith("<p>") and text.endswith("</p>"), "the markup survives translation")
            self.assertNotIn("I agree", text)
        semey = self.env.ref("youth_movement.district_semey_demo", raise_if_not_found=False)
        if semey:
            self.assertEqual(semey.with_context(lang="kk_KZ").name, "Семей")

    def test_interface_translated(self):
        """Menus, selection values and field labels show in Kazakh and Russian."""
        menu = self.env.ref("youth_movement.youth_unit_menu")
        self.assertEqual(menu.with_context(lang="kk_KZ").name, "Жасақтар")
        self.assertEqual(menu.with_context(lang="ru_RU").name, "Отряды")
        Member = self.env["youth.member"]
        status = dict(Member._fields["status"]._description_selection(self.env(context={"lang": "ru_RU"})))
        self.assertEqual(status["alumni"], "Выпускник")
        iin = self.env["ir.model.fields"].with_context(lang="kk_KZ")._get("youth.member", "iin")
        self.assertEqual(iin.field_description, "ЖСН")

    def test_messages_translated(self):
        """A refused IIN is explained in the user's language, with the IIN in the message."""
        for lang, words in (("ru_RU", "ИИН 12345 должен"), ("kk_KZ", "12345 ЖСН-і")):
            Member = self.env["youth.member"].with_context(lang=lang)
            with self.assertRaisesRegex(ValidationError, words):
                Member.create({"name": "Pupil", "iin": "12345", "school_id": self.school_a1.id, "grade": 5})
