from odoo import api, fields, models


class YouthCouncilDecisionProgress(models.Model):
    _name = "youth.council.decision.progress"
    _inherit = ["youth.scope.mixin"]
    _description = "Progress report on a council decision"
    _order = "date desc, id desc"

    decision_id = fields.Many2one(
        "youth.council.decision", string="Decision", required=True, ondelete="cascade", index=True
    )
    council_id = fields.Many2one(related="decision_id.council_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    text = fields.Text("Report", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "youth_council_decision_progress_attachment_rel",
        "progress_id",
        "attachment_id",
        string="Files",
    )
    author_id = fields.Many2one("res.users", string="Reported by", default=lambda self: self.env.user, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        # the first report starts the execution; the responsible may not write the decision itself
        started = reports.decision_id.filtered(lambda d: d.state == "open")
        started.sudo().write({"state": "in_progress"})
        for report in reports:
            report.decision_id.sudo().message_post(
                body=self.env._(
                    "Progress reported by %(author)s: %(text)s", author=report.author_id.name, text=report.text
                ),
                author_id=report.author_id.partner_id.id,
            )
        return reports
