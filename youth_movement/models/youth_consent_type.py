from odoo import fields, models


class YouthConsentType(models.Model):
    _name = "youth.consent.type"
    _description = "Kind of consent"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_required = fields.Boolean(
        "Required",
        help="A child cannot be an active member without this consent from a representative.",
    )
    version = fields.Char(required=True, default="1", help="Version of the text people currently accept.")
    text = fields.Html(translate=True, sanitize=True, help="The text a parent reads before consenting.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "The code of a consent kind must be unique.")]
