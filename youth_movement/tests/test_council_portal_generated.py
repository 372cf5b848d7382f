"""Generated posts on every form of the council portal: the progress report, the answer to an
invitation, the vote between meetings and the review of the draft minutes. 500 posts each, many of
them nearly right, with the member's own ids and others'; after each: never a server error, never
another council's record touched, nothing half-written."""

import datetime
import re

from hypothesis import given
from hypothesis import strategies as st

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CouncilCase
from .test_portal_generated import ANSWERS, TEXT, generated

IDS = st.integers(0, 2**31 - 1)


@tagged("post_install", "-at_install")
class TestCouncilPortalGenerated(CouncilCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.member = new_test_user(env, "cg_member", groups="base.group_portal", name="Generated Member")
        cls.outsider = new_test_user(env, "cg_outsider", groups="base.group_portal", name="Outsider")
        Member = env["youth.council.member"]
        Member.create({"council_id": cls.council.id, "partner_id": cls.member.partner_id.id, "role": "member"})
        Member.create({"council_id": cls.council_b.id, "partner_id": cls.outsider.partner_id.id, "role": "member"})
        Decision = env["youth.council.decision"]
        cls.mine = Decision.create(
            {"council_id": cls.council.id, "text": "Mine", "partner_ids": cls.member.partner_id.ids}
        )
        cls.theirs = Decision.create(
            {"council_id": cls.council_b.id, "text": "Theirs", "partner_ids": cls.outsider.partner_id.ids}
        )
        soon = fields.Datetime.now() + datetime.timedelta(days=5)
        cls.meeting = cls.make_meeting(cls, start=soon)
        cls.meeting.action_add_members()
        cls.meeting.action_plan()
        cls.other_meeting = cls.make_meeting(cls, council=cls.council_b, start=soon)
        cls.other_meeting.action_add_members()
        cls.other_meeting.action_plan()
        Vote = env["youth.council.vote"]
        cls.vote = Vote.create({"decision_id": cls.mine.id, "mode": "remote", "date_close": soon})
        cls.other_vote = Vote.create({"decision_id": cls.theirs.id, "mode": "remote", "date_close": soon})
        (cls.vote | cls.other_vote).action_open()

    def setUp(self):
        super().setUp()
        self.authenticate("cg_member", "cg_member")
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/my/calendar").text).group(1)

    def _post(self, url, data):
        response = self.url_open(url, data=dict(data, csrf_token=self.token), allow_redirects=False)
        self.assertIn(response.status_code, ANSWERS, (url, data))
        self.assertNotIn("Traceback", response.text)
        return response

    @mute_logger("odoo.http")
    def test_generated_progress_reports(self):
        """Reports on any decision id with any text: stored on one's own decision only, trimmed, when not empty."""

        @generated
        @given(st.one_of(st.sampled_from([self.mine.id, self.theirs.id]), IDS), st.one_of(TEXT, st.just("")))
        def post(decision_id, text):
            before = len(self.mine.progress_ids)
            self._post(f"/my/decisions/{decision_id}", {"text": text})
            self.mine.invalidate_recordset()
            self.assertFalse(self.theirs.progress_ids)
            added = len(self.mine.progress_ids) - before
            ok = decision_id == self.mine.id and text.strip() and "\x00" not in text
            self.assertEqual(added, 1 if ok else 0, (decision_id, text))
            if added:
                self.assertEqual(self.mine.progress_ids.sorted("id")[-1].text, text.strip())

        post()

    @mute_logger("odoo.http")
    def test_generated_answers_and_votes(self):
        """Answers and ballots with any ids and values: only one's own line and ballot change, only to a
        valid value."""
        line = self.meeting.participant_ids.filtered(lambda p: p.partner_id == self.member.partner_id)
        other_line = self.other_meeting.participant_ids.filtered(lambda p: p.partner_id == self.outsider.partner_id)
        ballot = self.vote.ballot_ids.filtered(lambda b: b.partner_id == self.member.partner_id)
        others = self.other_vote.ballot_ids

        @generated
        @given(
            st.one_of(st.sampled_from([self.meeting.id, self.other_meeting.id]), IDS),
            st.one_of(st.sampled_from(["accepted", "declined", ""]), TEXT),
            st.one_of(st.sampled_from([self.vote.id, self.other_vote.id]), IDS),
            st.one_of(st.sampled_from(["for", "against", "abstain", "absent", ""]), TEXT),
        )
        def post(meeting_id, answer, vote_id, choice):
            before, ballot_before = line.state, ballot.choice
            self._post(f"/my/councils/meetings/{meeting_id}/answer", {"answer": answer})
            self._post(f"/my/votes/{vote_id}", {"choice": choice})
            (line | other_line).invalidate_recordset()
            (ballot | others).invalidate_recordset()
            expected = (
                {"accepted": "confirmed", "declined": "absent"}.get(answer) if meeting_id == self.meeting.id else None
            )
            self.assertEqual(line.state, expected or before, (meeting_id, answer))
            valid = vote_id == self.vote.id and choice in ("for", "against", "abstain")
            self.assertEqual(ballot.choice, choice if valid else ballot_before, (vote_id, choice))
            self.assertEqual(other_line.state, "invited")
            self.assertFalse(others.filtered("choice"))

        post()

    @mute_logger("odoo.http")
    def test_generated_minutes_reviews(self):
        """Reviews of the draft minutes with any ids and texts: one's own review only, a comment only with text."""
        past = self.make_meeting(topic="Past", day="2026-01-28")
        past.action_add_members()
        self.hold(past)
        past.action_youth_send_minutes()
        review = past.minutes_review_ids.filtered(lambda r: r.partner_id == self.member.partner_id)
        others = past.minutes_review_ids - review

        @generated
        @given(
            st.one_of(st.sampled_from([past.id, self.other_meeting.id]), IDS),
            st.one_of(st.sampled_from(["approve", "comment", ""]), TEXT),
            st.one_of(TEXT, st.just("")),
        )
        def post(meeting_id, answer, comment):
            review.write({"state": "pending", "comment": False})
            self._post(f"/my/councils/meetings/{meeting_id}/minutes", {"answer": answer, "comment": comment})
            (review | others).invalidate_recordset()
            ok_comment = comment.strip() and "\x00" not in comment and len(comment.strip()) <= 5000
            if meeting_id != past.id:
                expected = "pending"
            elif answer == "approve":
                expected = "approved" if "\x00" not in comment else "pending"
            else:
                expected = "commented" if ok_comment else "pending"
            self.assertEqual(review.state, expected, (meeting_id, answer, comment))
            self.assertEqual(set(others.mapped("state")), {"pending"})

        post()
