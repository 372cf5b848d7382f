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

    def _assert_kazakh_formats(self, lang):
        self.assertEqual(
            (lang.date_format, lang.decimal_point, lang.thousands_sep, lang.grouping, lang.week_start),
            ("%d.%m.%Y", ",", "\u00a0", "[3,0]", "1"),
        )

    def test_kazakh_formats_however_kazakh_arrives(self):
        """Kazakh created by Odoo from the machine's locale (``--load-language``, Settings), before
        the addon's data ran or after, ends with Kazakh formats; formats someone chose stay."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        lang = Lang.search([("code", "=", "kk_KZ")])
        # Odoo made it first, with the C locale's formats; then the addon is installed or updated
        lang.write(
            {"name": "kk_KZ", "date_format": "%m/%d/%Y", "decimal_point": ".", "thousands_sep": "", "week_start": "7"}
        )
        Lang._youth_ensure_kazakh()
        self._assert_kazakh_formats(lang)
        self.assertEqual(lang.name, "Kazakh / Қазақ тілі", "not its code, as Odoo names it without a locale")
        # Odoo creates it after the addon (Settings > Languages on a database where it was removed)
        # (in a database installed with Kazakh, everyone speaks it: they switch first)
        self.env["res.users"].with_context(active_test=False).search([("lang", "=", "kk_KZ")]).lang = "en_US"
        self.env["res.partner"].with_context(active_test=False).search([("lang", "=", "kk_KZ")]).lang = "en_US"
        lang.write({"active": False})
        lang.unlink()
        created = Lang._create_lang("kk_KZ")
        self._assert_kazakh_formats(created)
        self.assertEqual(created.name, "Kazakh / Қазақ тілі")
        # a department's own choice survives an update
        created.date_format = "%Y-%m-%d"
        Lang._youth_ensure_kazakh()
        self.assertEqual(created.date_format, "%Y-%m-%d")

    def test_regions_in_three_languages(self):
        """The 20 Kazakh states carry Kazakh and Russian names, shown in those languages."""
        states = self.env["res.country.state"].search([("country_id.code", "=", "KZ")])
        self.assertGreaterEqual(len(states), 20)
        abai = self.env.ref("youth_movement.state_kz_abai")
        self.assertEqual(abai.with_context(lang="en_US").display_name, "Abai Region (KZ)")
        self.assertEqual(abai.with_context(lang="kk_KZ").display_name, "Абай облысы (KZ)")
        self.assertEqual(abai.with_context(lang="ru_RU").display_name, "область Абай (KZ)")
