from odoo import api, fields, models


class ResCountryState(models.Model):
    _inherit = "res.country.state"

    # Odoo's state name is not translatable; the Kazakh regions carry their names in the two
    # languages of the country, shown to users who work in those languages.
    name_kk = fields.Char("Name in Kazakh")
    name_ru = fields.Char("Name in Russian")
    youth_district_ids = fields.One2many("youth.district", "state_id", string="Districts and cities")

    @api.depends_context("lang")
    def _compute_display_name(self):
        super()._compute_display_name()
        lang = (self.env.context.get("lang") or "")[:2]
        field = {"kk": "name_kk", "ru": "name_ru"}.get(lang)
        if not field:
            return
        for state in self:
            if state[field]:
                state.display_name = "%s (%s)" % (state[field], state.country_id.code)
