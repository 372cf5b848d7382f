from odoo import api, fields, models
from odoo.exceptions import UserError


class YouthCouncilDecisionCascade(models.TransientModel):
    _name = "youth.council.decision.cascade"
    _description = "Send a regional decision down to the district councils"

    decision_id = fields.Many2one("youth.council.decision", string="Decision", required=True, ondelete="cascade")
    council_ids = fields.Many2many(
        "youth.council",
        string="District councils",
        compute="_compute_council_ids",
        store=True,
        readonly=False,
        domain="[('level', '=', 'district')]",
    )
    deadline = fields.Date(compute="_compute_deadline", store=True, readonly=False)
    note = fields.Text("Instructions", help="Added under the text of each district decision.")

    @api.depends("decision_id")
    def _compute_council_ids(self):
        for wizard in self:
            region = wizard.decision_id.council_id.state_id
            wizard.council_ids = self.env["youth.council"].search(
                [
                    ("level", "=", "district"),
                    ("state_id", "=", region.id),
                    ("id", "not in", wizard.decision_id.child_ids.council_id.ids),
                ]
            )

    @api.depends("decision_id")
    def _compute_deadline(self):
        for wizard in self:
            wizard.deadline = wizard.decision_id.deadline

    def action_confirm(self):
        self.ensure_one()
        if not self.council_ids:
            raise UserError(self.env._("Choose the district councils to send the decision to."))
        children = self.decision_id._youth_cascade(self.council_ids, deadline=self.deadline, note=self.note)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("District decisions"),
            "res_model": "youth.council.decision",
            "view_mode": "list,form",
            "domain": [("id", "in", children.ids)],
        }
