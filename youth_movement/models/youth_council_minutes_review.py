from odoo import api, fields, models
from odoo.exceptions import UserError


class YouthCouncilMinutesReview(models.Model):
    """A council member's review of the draft minutes of a held meeting: sent by the secretary, answered
    in the council portal (approved, or a comment), read by the secretary before the chair approves
    the minutes, which locks them."""

    _name = "youth.council.minutes.review"
    _inherit = ["youth.scope.mixin"]
    _description = "Review of draft minutes"
    _order = "meeting_id, id"

    meeting_id = fields.Many2one("youth.council.meeting", required=True, index=True, ondelete="cascade")
    council_id = fields.Many2one(related="meeting_id.council_id", store=True, index=True)
    council_district_id = fields.Many2one(related="meeting_id.district_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True, ondelete="restrict")
    state = fields.Selection(
        [("pending", "Waiting"), ("approved", "Approved"), ("commented", "Commented")],
        default="pending",
        required=True,
    )
    comment = fields.Text()
    date = fields.Datetime("Answered on", readonly=True)

    _sql_constraints = [
        ("meeting_partner_uniq", "unique(meeting_id, partner_id)", "A member reviews the minutes once.")
    ]

    @api.model
    def _portal_reviews(self, partner):
        """The person's reviews of minutes still in draft (sudo, already checked)."""
        return self.sudo().search([("partner_id", "=", partner.id), ("meeting_id.state", "=", "held")])

    def _portal_answer(self, approve, comment):
        """The member approves the draft minutes, or comments on them (a comment is required then)."""
        self.ensure_one()
        review = self.sudo()
        if review.meeting_id.state != "held":
            raise UserError(self.env._("These minutes are no longer a draft."))
        comment = (comment or "").strip()
        if len(comment) > 5000 or "\x00" in comment:
            raise UserError(self.env._("The comment may hold at most 5000 characters, and no control characters."))
        if not approve and not comment:
            raise UserError(self.env._("Write your comment on the minutes."))
        review.write(
            {
                "state": "approved" if approve else "commented",
                "comment": comment or False,
                "date": fields.Datetime.now(),
            }
        )
        review.meeting_id.message_post(
            body=self.env._("%(name)s approved the draft minutes.", name=review.partner_id.name)
            if approve
            else self.env._(
                "%(name)s commented on the draft minutes: %(comment)s", name=review.partner_id.name, comment=comment
            ),
            subtype_xmlid="mail.mt_note",
        )
