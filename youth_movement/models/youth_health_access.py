from odoo import fields, models


class YouthHealthAccess(models.Model):
    _name = "youth.health.access"
    _description = "Read of a health card"
    _order = "date desc, id desc"

    member_id = fields.Many2one("youth.member", string="Child", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Read by", required=True, ondelete="restrict")
    event_id = fields.Many2one("event.event", string="Event", ondelete="set null")
    date = fields.Datetime("Read on", required=True, default=fields.Datetime.now)
    kind = fields.Selection(
        [("card", "Card"), ("sheet", "Participant sheet"), ("admin", "Administrator, with a reason")],
        required=True,
    )
    reason = fields.Char()
