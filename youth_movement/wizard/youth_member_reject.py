from odoo import fields, models


class YouthMemberReject(models.TransientModel):
    _name = "youth.member.reject"
    _description = "Reject a membership application"

    member_ids = fields.Many2many("youth.member", string="Applications", required=True)
    reason = fields.Text(required=True, help="Sent to the family.")

    def action_reject(self):
        self.member_ids._reject_application(self.reason)
        return {"type": "ir.actions.act_window_close"}
