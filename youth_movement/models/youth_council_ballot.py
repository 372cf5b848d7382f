from odoo import api, fields, models
from odoo.exceptions import UserError

from .youth_council_vote import CHOICES


class YouthCouncilBallot(models.Model):
    """One voting member's choice in a vote; written in the vote's chatter each time it is cast, and
    never changed once the vote is closed."""

    _name = "youth.council.ballot"
    _inherit = ["youth.scope.mixin"]
    _description = "Ballot in a council vote"
    _order = "vote_id, id"

    vote_id = fields.Many2one("youth.council.vote", string="Vote", required=True, index=True, ondelete="cascade")
    council_id = fields.Many2one(related="vote_id.council_id", store=True, index=True)
    council_district_id = fields.Many2one(related="vote_id.council_district_id", store=True, index=True)
    member_id = fields.Many2one("youth.council.member", string="Council member", required=True, ondelete="restrict")
    partner_id = fields.Many2one(related="member_id.partner_id", store=True, index=True, string="Person")
    choice = fields.Selection(CHOICES)
    date = fields.Datetime("Cast on", readonly=True)
    channel = fields.Selection([("meeting", "At the meeting"), ("portal", "Portal")], readonly=True)

    _sql_constraints = [("vote_member_uniq", "unique(vote_id, member_id)", "A member has one ballot per vote.")]

    def _youth_check_open(self):
        if self.env.context.get("youth_vote_closing"):
            return
        if self.vote_id.filtered(lambda v: v.state != "open"):
            raise UserError(self.env._("Ballots are cast while the vote is open only."))

    @api.model_create_multi
    def create(self, vals_list):
        ballots = super().create(vals_list)
        if ballots.vote_id.filtered(lambda v: v.state == "closed"):
            raise UserError(self.env._("Ballots are cast while the vote is open only."))
        return ballots

    def write(self, vals):
        if set(vals) - {"choice"}:
            raise UserError(self.env._("A ballot records a choice only."))
        self._youth_check_open()
        channel = self.env.context.get("youth_ballot_channel", "meeting")
        result = super().write(dict(vals, date=fields.Datetime.now(), channel=channel))
        choices = dict(self._fields["choice"]._description_selection(self.env))
        for ballot in self:
            ballot.vote_id.message_post(
                body=self.env._(
                    "%(person)s: %(choice)s (recorded by %(user)s)",
                    person=ballot.partner_id.name,
                    choice=choices.get(ballot.choice, "—"),
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result

    def unlink(self):
        self.check_access("unlink")
        if self.vote_id.filtered(lambda v: v.state != "draft"):
            raise UserError(self.env._("A ballot of an opened vote cannot be deleted."))
        return super().unlink()
