from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import quorum, timezone

CHOICES = [("for", "For"), ("against", "Against"), ("abstain", "Abstained"), ("absent", "Absent")]
RESULTS = [("adopted", "Adopted"), ("rejected", "Rejected"), ("no_quorum", "No quorum")]


class YouthCouncilVote(models.Model):
    """A decision put to a roll-call vote: at the meeting (the secretary records each voting member's
    choice) or between meetings (the members vote in the portal until the closing date). Once closed, a
    vote and its ballots never change; each ballot cast is written in the vote's chatter."""

    _name = "youth.council.vote"
    _inherit = ["mail.thread", "youth.scope.mixin"]
    _description = "Vote on a council decision"
    _order = "date_open desc, id desc"

    decision_id = fields.Many2one(
        "youth.council.decision", string="Decision", required=True, index=True, ondelete="restrict"
    )
    council_id = fields.Many2one(related="decision_id.council_id", store=True, index=True)
    council_district_id = fields.Many2one(related="decision_id.council_district_id", store=True, index=True)
    meeting_id = fields.Many2one(
        "youth.council.meeting",
        string="At the meeting",
        index=True,
        ondelete="restrict",
        help="Empty for a vote between meetings, in the portal.",
    )
    mode = fields.Selection(
        [("meeting", "At the meeting"), ("remote", "Between meetings")], required=True, default="meeting"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")], default="draft", required=True, tracking=True
    )
    date_open = fields.Datetime("Opened on", readonly=True, copy=False)
    date_close = fields.Datetime("Closes on", help="Between meetings: the portal takes ballots until then.")
    ballot_ids = fields.One2many("youth.council.ballot", "vote_id", string="Ballots")
    voting_member_count = fields.Integer("Voting members", readonly=True)
    quorum_required = fields.Integer("Needed for the quorum", readonly=True)
    for_count = fields.Integer("For", readonly=True)
    against_count = fields.Integer("Against", readonly=True)
    abstain_count = fields.Integer("Abstained", readonly=True)
    absent_count = fields.Integer("Absent", readonly=True)
    result = fields.Selection(RESULTS, readonly=True, tracking=True)
    reminder_sent = fields.Boolean(copy=False, readonly=True)

    @api.depends("decision_id.number", "decision_id.text")
    def _compute_display_name(self):
        for vote in self:
            decision = vote.decision_id
            label = decision.number or (decision.text or "")[:60]
            vote.display_name = self.env._("Vote on decision %(number)s", number=label)

    # ------------------------------------------------------------------ immutability
    def write(self, vals):
        if self.filtered(lambda v: v.state == "closed") and set(vals) - {"message_main_attachment_id"}:
            raise UserError(self.env._("A closed vote cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda v: v.state != "draft"):
            raise UserError(self.env._("Only a vote not yet opened can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------ the vote's course
    def action_open(self):
        """Open the vote: a ballot for each voting member in term; at the meeting, those not present
        are absent from the start."""
        now = fields.Datetime.now()
        for vote in self:
            if vote.state != "draft":
                raise UserError(self.env._("This vote has already been opened."))
            if vote.mode == "meeting":
                if not vote.meeting_id or vote.meeting_id.state not in ("planned", "held"):
                    raise UserError(self.env._("A vote at the meeting needs a planned or held meeting."))
            elif not vote.date_close or vote.date_close <= now:
                raise UserError(self.env._("Set the closing date of a vote between meetings, in the future."))
            day = timezone.today_in(self.env.user.tz)
            members = vote.council_id._voting_members(day)
            present = vote.meeting_id.participant_ids.filtered(lambda p: p.state == "present").partner_id
            vote.write({"state": "open", "date_open": now})
            self.env["youth.council.ballot"].create(
                [
                    {
                        "vote_id": vote.id,
                        "member_id": member.id,
                        "choice": "absent" if vote.mode == "meeting" and member.partner_id not in present else False,
                    }
                    for member in members
                ]
            )
        return True

    def action_close(self):
        """Close the vote: the tally, the quorum at the vote and the result; ballots left empty between
        meetings count as absent. From then on nothing of it changes."""
        for vote in self:
            if vote.state != "open":
                raise UserError(self.env._("Only an open vote can be closed."))
            empty = vote.ballot_ids.filtered(lambda b: not b.choice)
            if empty and vote.mode == "meeting":
                raise UserError(
                    self.env._("Record the vote of %(name)s before closing.", name=empty[0].partner_id.name)
                )
            empty.with_context(youth_vote_closing=True).write({"choice": "absent"})
            counts = {key: len(vote.ballot_ids.filtered(lambda b, k=key: b.choice == k)) for key, _l in CHOICES}
            members = len(vote.ballot_ids)
            council = vote.council_id
            vote.write(
                {
                    "state": "closed",
                    "voting_member_count": members,
                    "quorum_required": quorum.required_present(members, council.quorum_rule, council.quorum_value),
                    "for_count": counts["for"],
                    "against_count": counts["against"],
                    "abstain_count": counts["abstain"],
                    "absent_count": counts["absent"],
                    "result": quorum.vote_result(
                        counts["for"],
                        counts["against"],
                        counts["abstain"],
                        members,
                        council.quorum_rule,
                        council.quorum_value,
                    ),
                }
            )
        return True

    @api.model
    def _cron_youth_votes(self):
        """Daily: remind the members who have not voted a day before a vote between meetings closes,
        and close the votes whose date has passed."""
        now = fields.Datetime.now()
        due = self.sudo().search([("state", "=", "open"), ("mode", "=", "remote"), ("date_close", "<=", now)])
        due.action_close()
        soon = self.sudo().search(
            [
                ("state", "=", "open"),
                ("mode", "=", "remote"),
                ("reminder_sent", "=", False),
                ("date_close", "<=", fields.Datetime.add(now, days=1)),
            ]
        )
        for vote in soon:
            waiting = vote.ballot_ids.filtered(lambda b: not b.choice).partner_id
            if waiting:
                vote.message_post(
                    body=self.env._(
                        "The vote on decision %(number)s closes soon: please vote in the council portal.",
                        number=vote.decision_id.number,
                    ),
                    partner_ids=waiting.ids,
                    subtype_xmlid="mail.mt_comment",
                )
            vote.reminder_sent = True

    def _youth_tally_text(self):
        """The protocol's line for a closed vote, in the language of the environment."""
        self.ensure_one()
        results = dict(self._fields["result"]._description_selection(self.env))
        return self.env._(
            "Voted: for %(for)s, against %(against)s, abstained %(abstain)s, absent %(absent)s. %(result)s.",
            **{
                "for": self.for_count,
                "against": self.against_count,
                "abstain": self.abstain_count,
                "absent": self.absent_count,
                "result": results.get(self.result, ""),
            },
        )

    # ------------------------------------------------------------------ the council portal
    @api.model
    def _portal_ballots(self, partner):
        """The person's ballots in the votes between meetings (sudo, already checked)."""
        return (
            self.env["youth.council.ballot"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("vote_id.mode", "=", "remote"), ("vote_id.state", "!=", "draft")]
            )
        )

    def _portal_cast(self, partner, choice):
        """The person votes in the portal, while the vote is open; they may change their mind until it closes."""
        self.ensure_one()
        if choice not in ("for", "against", "abstain"):
            raise UserError(self.env._("Choose for, against or abstained."))
        vote = self.sudo()
        if (
            vote.state != "open"
            or vote.mode != "remote"
            or (vote.date_close and vote.date_close < fields.Datetime.now())
        ):
            raise UserError(self.env._("This vote is closed."))
        ballot = vote.ballot_ids.filtered(lambda b: b.partner_id == partner)
        if not ballot:
            raise UserError(self.env._("You have no ballot in this vote."))
        ballot[:1].with_context(youth_ballot_channel="portal").write({"choice": choice})
