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


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _youth_ensure_kazakh(self):
        """Create the Kazakh language (inactive) when the database lacks it; return it.

        Odoo 18 ships no ``kk_KZ`` record. Activating it stays the administrator's choice
        (Settings > Languages), or the README's run command does it.
        """
        lang = self.with_context(active_test=False).search([("code", "=", KAZAKH["code"])], limit=1)
        if lang:
            return lang
        if self.with_context(active_test=False).search_count([("url_code", "=", KAZAKH["url_code"])]):
            return self.create(dict(KAZAKH, url_code=KAZAKH["code"], active=False))
        return self.create(dict(KAZAKH, active=False))
