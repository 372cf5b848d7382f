from odoo import fields, models


class YouthHealthContact(models.Model):
    _name = "youth.health.contact"
    _description = "Emergency contact"
    _order = "sequence, id"

    card_id = fields.Many2one("youth.health.card", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    relation = fields.Char()
    phone = fields.Char(required=True)
