import datetime
import re

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CouncilCase


@tagged("post_install", "-at_install")
class TestCouncilVote(CouncilCase, HttpCase):
    """Roll-call votes at the meeting and between meetings in the portal: the tally, the quorum at the
    vote, the protocol's line in Kazakh and Russian, immutability once closed and the audit trail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for code in ("kk_KZ", "ru_RU"):
            env["res.lang"]._activate_lang(code)
        env["ir.module.module"]._load_module_terms(["youth_movement"], ["kk_KZ", "ru_RU"], overwrite=True)
        cls.portal_member = new_test_user(
            env, "cv_member", groups="base.group_portal", name="Portal Voter", lang="en_US"
        )
        cls.stranger = new_test_user(env, "cv_stranger", groups="base.group_portal", name="Stranger", lang="en_US")
        env["youth.council.member"].create(
            {"council_id": cls.council.id, "partner_id": cls.portal_member.partner_id.id, "role": "member"}
        )
        cls.meeting = cls.make_meeting(cls, day="2026-01-28")
        cls.meeting.action_add_members()
        cls.decision = env["youth.council.decision"].create(
            {"council_id": cls.council.id, "meeting_id": cls.meeting.id, "text": "Open a summer camp"}
        )
        cls.secretary = cls.users["district_coordinator"]

    def _ballots(self, vote):
        return {b.partner_id: b for b in vote.ballot_ids}

    def _roll_call(self, absent=(), choices=None):
        """The meeting held with ``absent`` away; a vote at it with ``choices`` {partner: choice}."""
        self.hold(self.meeting, absent=absent)
        vote = (
            self.env["youth.council.vote"]
            .with_user(self.secretary)
            .create({"decision_id": self.decision.id, "mode": "meeting", "meeting_id": self.meeting.id})
        )
        vote.action_open()
        for partner, ballot in self._ballots(vote).items():
            if ballot.choice != "absent":
                ballot.write({"choice": (choices or {}).get(partner, "for")})
        return vote

    def test_roll_call_tally_and_protocol(self):
        """Six voting members, one away: 4 for, 1 against; adopted, and the protocol says so in Russian
        and in Kazakh."""
        away = self.member_partners[1]
        vote = self._roll_call(absent=away, choices={self.member_partners[0]: "against"})
        self.assertEqual(len(vote.ballot_ids), 6, "chair, secretary, three members and the portal member")
        self.assertNotIn(self.guest_partner, vote.ballot_ids.partner_id, "a permanent invitee does not vote")
        self.assertEqual(self._ballots(vote)[away].choice, "absent")
        vote.action_close()
        self.assertEqual(
            (vote.for_count, vote.against_count, vote.abstain_count, vote.absent_count, vote.result),
            (4, 1, 0, 1, "adopted"),
        )
        self.assertEqual(vote.quorum_required, 3)
        for lang, words in (("ru_RU", "за 4, против 1"), ("kk_KZ", "жақтап 4, қарсы 1")):
            self.meeting.protocol_lang = lang
            html = (
                self.env["ir.actions.report"]
                ._render_qweb_html("youth_movement.report_youth_council_meeting", self.meeting.ids)[0]
                .decode()
            )
            self.assertIn(words, html, lang)

    def test_quorum_is_checked_at_the_vote(self):
        """Everyone present at the meeting but three leave before the vote: no quorum, whatever the votes."""
        vote = self._roll_call()
        for partner in (self.chair, self.member_partners[0], self.member_partners[1], self.portal_member.partner_id):
            self._ballots(vote)[partner].write({"choice": "absent"})
        vote.action_close()
        self.assertEqual((vote.for_count, vote.result), (2, "no_quorum"))

    def test_closed_vote_never_changes(self):
        """After closing: no ballot changes, no vote changes, nothing is deleted; every ballot is in the chatter."""
        vote = self._roll_call()
        vote.action_close()
        ballot = vote.ballot_ids[0]
        for attempt in (
            lambda: ballot.write({"choice": "against"}),
            lambda: ballot.sudo().write({"choice": "against"}),
            lambda: vote.write({"for_count": 99}),
            lambda: vote.sudo().write({"result": "rejected"}),
            lambda: vote.sudo().unlink(),
        ):
            with self.assertRaises(UserError):
                attempt()
        with self.assertRaises(AccessError):
            ballot.with_user(self.secretary).unlink()
        self.assertEqual((vote.for_count, vote.result, ballot.choice), (6, "adopted", "for"))
        trail = " ".join(vote.message_ids.mapped("body"))
        self.assertIn("Chair Person: For", trail)
        self.assertIn(self.secretary.name, trail, "who recorded it")

    def test_every_present_member_recorded_before_closing(self):
        """At the meeting, a present member's vote must be recorded before the vote closes."""
        self.hold(self.meeting)
        vote = self.env["youth.council.vote"].create(
            {"decision_id": self.decision.id, "mode": "meeting", "meeting_id": self.meeting.id}
        )
        vote.action_open()
        with self.assertRaisesRegex(UserError, "Record the vote of"):
            vote.action_close()
        self.assertEqual(vote.state, "open")

    def _remote(self):
        vote = self.env["youth.council.vote"].create(
            {
                "decision_id": self.decision.id,
                "mode": "remote",
                "date_close": fields.Datetime.now() + datetime.timedelta(days=3),
            }
        )
        vote.action_open()
        return vote

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_vote_between_meetings_in_the_portal(self):
        """The member votes for, changes to against; the secretary sees it; the stranger is refused; after
        the closing date the job closes it, the silent count as absent and the portal shows the tally."""
        vote = self._remote()
        self.authenticate("cv_member", "cv_member")
        self.assertIn(f"/my/votes/{vote.id}", self.url_open("/my/councils").text)
        url = f"/my/votes/{vote.id}"
        self.url_open(url, data={"csrf_token": self._csrf(url), "choice": "for"})
        ballot = self._ballots(vote)[self.portal_member.partner_id]
        self.assertEqual((ballot.choice, ballot.channel), ("for", "portal"))
        response = self.url_open(url, data={"csrf_token": self._csrf(url), "choice": "against"})
        self.assertEqual(ballot.choice, "against")
        self.assertIn("Your vote is recorded", response.text)
        self.assertIn("You voted", self.url_open("/my/councils").text)
        response = self.url_open(url, data={"csrf_token": self._csrf(url), "choice": "absent"})
        self.assertIn("Choose for, against or abstained", response.text)
        self.assertEqual(ballot.choice, "against")
        # the job reminds the silent a day before, then closes the vote
        with freeze_time(fields.Datetime.now() + datetime.timedelta(days=2, hours=1)):
            self.env["youth.council.vote"]._cron_youth_votes()
        self.assertTrue(vote.reminder_sent)
        reminded = vote.message_ids.filtered(lambda m: "closes soon" in (m.body or "")).partner_ids
        self.assertIn(self.chair, reminded)
        self.assertNotIn(self.portal_member.partner_id, reminded, "they voted")
        with freeze_time(fields.Datetime.now() + datetime.timedelta(days=3, hours=1)):
            self.env["youth.council.vote"]._cron_youth_votes()
        self.assertEqual(
            (vote.state, vote.against_count, vote.absent_count, vote.result), ("closed", 1, 5, "no_quorum")
        )
        response = self.url_open(url, data={"csrf_token": self._csrf("/my/calendar"), "choice": "for"})
        self.assertIn("This vote is closed", response.text)
        self.assertEqual(ballot.choice, "against")
        self.assertIn("against 1", self.url_open(url).text)

    @mute_logger("odoo.http")
    def test_stranger_cannot_vote(self):
        """A portal user outside the council: not found, nothing cast."""
        vote = self._remote()
        self.authenticate("cv_stranger", "cv_stranger")
        token = self._csrf("/my/calendar")
        response = self.url_open(f"/my/votes/{vote.id}", data={"csrf_token": token, "choice": "for"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(vote.ballot_ids.filtered("choice"))
