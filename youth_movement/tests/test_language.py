from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLanguage(TransactionCase):
    def test_kazakh_language_exists(self):
        """The addon creates the Kazakh language with Kazakh date and number formats."""
        lang = self.env["res.lang"].with_context(active_test=False).search([("code", "=", "kk_KZ")])
        self.assertEqual(len(lang), 1)
        self.assertEqual(lang.date_format, "%d.%m.%Y")
        self.assertEqual(lang.decimal_point, ",")
        self.assertEqual(lang.thousands_sep, "\u00a0")
        self.assertEqual(lang.week_start, "1")
        self.assertEqual(self.env["res.lang"]._youth_ensure_kazakh(), lang, "a second call creates nothing")

    def test_regions_in_three_languages(self):
        """The 20 Kazakh states carry Kazakh and Russian names, shown in those languages."""
        states = self.env["res.country.state"].search([("country_id.code", "=", "KZ")])
        self.assertGreaterEqual(len(states), 20)
        abai = self.env.ref("youth_movement.state_kz_abai")
        self.assertEqual(abai.with_context(lang="en_US").display_name, "Abai Region (KZ)")
        self.assertEqual(abai.with_context(lang="kk_KZ").display_name, "Абай облысы (KZ)")
        self.assertEqual(abai.with_context(lang="ru_RU").display_name, "область Абай (KZ)")
