from odoo import fields, models


class YouthMemberClaimRefuse(models.TransientModel):
    _name = "youth.member.claim.refuse"
    _description = "Refuse an application for a child on file"

    claim_ids = fields.Many2many("youth.member.claim", string="Applications", required=True)
    replace = fields.Boolean(
        "Instead of the first applicant",
        help="Accept these families and refuse the family who applied for the child first.",
    )
    reason = fields.Text(required=True, help="Sent to the family, as for a rejected application.")

    def action_refuse(self):
        if self.replace:
            self.claim_ids._accept_instead_of_first_applicant(self.reason)
        else:
            self.claim_ids._refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
