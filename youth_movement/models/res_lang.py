from odoo import api, models

KAZAKH = {
    "name": "Kazakh / Қазақ тілі",
    "code": "kk_KZ",
    "iso_code": "kk",
    "url_code": "kk",
    "direction": "ltr",
    "date_format": "%d.%m.%Y",
    "time_format": "%H:%M:%S",
    "short_time_format": "%H:%M",
    "decimal_point": ",",
    "thousands_sep": "\u00a0",
    "grouping": "[3,0]",
    "week_start": "1",
}
FORMATS = (
    "date_format",
    "time_format",
    "short_time_format",
    "decimal_point",
    "thousands_sep",
    "grouping",
    "week_start",
)
# the date format Odoo gives a language it creates from a locale the machine lacks (the C locale's),
# or from en_US's: no department in Kazakhstan writes 12/01/2026 for the 1st of December
UNSET_DATE_FORMAT = "%m/%d/%Y"


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model_create_multi
    def create(self, vals_list):
        """Kazakh gets Kazakh formats however it arrives: Odoo's ``--load-language`` or Settings >
        Languages create it from the machine's locale, which seldom has ``kk_KZ``."""
        for vals in vals_list:
            if vals.get("code") == KAZAKH["code"] and vals.get("date_format", UNSET_DATE_FORMAT) == UNSET_DATE_FORMAT:
                vals.update({fname: KAZAKH[fname] for fname in FORMATS})
            if vals.get("code") == KAZAKH["code"] and vals.get("name", KAZAKH["code"]) == KAZAKH["code"]:
                # Odoo names a language it finds no locale for by its code: "kk_KZ" in every language menu
                vals["name"] = KAZAKH["name"]
        return super().create(vals_list)

    @api.model
    def _youth_ensure_kazakh(self):
        """Create the Kazakh language (inactive) when the database lacks it; return it.

        Odoo 18 ships no ``kk_KZ`` record. Activating it stays the administrator's choice
        (Settings > Languages), or the README's run command does it. Called at install and on
        each update, it also gives a Kazakh that Odoo created first the Kazakh formats.
        """
        lang = self.with_context(active_test=False).search([("code", "=", KAZAKH["code"])], limit=1)
        if lang:
            # made by Odoo before the addon came (``-i youth_movement --load-language kk_KZ``):
            # its formats are the locale's, unless someone chose others
            if lang.date_format == UNSET_DATE_FORMAT:
                lang.write({fname: KAZAKH[fname] for fname in FORMATS})
            if lang.name == lang.code:
                lang.name = KAZAKH["name"]
            return lang
        if self.with_context(active_test=False).search_count([("url_code", "=", KAZAKH["url_code"])]):
            return self.create(dict(KAZAKH, url_code=KAZAKH["code"], active=False))
        return self.create(dict(KAZAKH, active=False))
