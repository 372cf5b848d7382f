from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CouncilCase


@tagged("post_install", "-at_install")
class TestCouncilSecurity(CouncilCase):
    """Who runs which council, who reads it, and what a responsible user may do."""

    def setUp(self):
        super().setUp()
        self.meeting_a = self.make_meeting()
        self.meeting_b = self.make_meeting(council=self.council_b)
        self.regional_meeting = self.make_meeting(council=self.regional)
        self.decision = self.env["youth.council.decision"].create(
            {
                "council_id": self.council.id,
                "text": "Report on the forum",
                "partner_ids": [(6, 0, self.responsible_user.partner_id.ids)],
            }
        )
        self.other_decision = self.env["youth.council.decision"].create(
            {"council_id": self.council_b.id, "text": "Somebody else's"}
        )

    def test_regional_manager_runs_every_council(self):
        """The regional manager runs the regional council and sees the district councils."""
        manager = self.users["regional_manager"]
        Meeting = self.env["youth.council.meeting"].with_user(manager)
        meeting = Meeting.create({"council_id": self.regional.id, "topic": "Strategy"})
        meeting.write({"venue": "Semey"})
        self.env["youth.council.decision"].with_user(manager).create(
            {"meeting_id": meeting.id, "text": "Make events systematic"}
        )
        self.assertEqual(
            Meeting.search([("id", "in", (self.meeting_a | self.meeting_b).ids)]), self.meeting_a | self.meeting_b
        )

    def test_coordinator_runs_their_district_council(self):
        """A district coordinator runs the council of their district, not another one nor the region's."""
        coordinator = self.users["district_coordinator"]
        Meeting = self.env["youth.council.meeting"].with_user(coordinator)
        mine = Meeting.create({"council_id": self.council.id, "topic": "District plan"})
        mine.action_plan()
        self.assertEqual(mine.state, "planned")
        with self.assertRaises(AccessError):
            Meeting.create({"council_id": self.council_b.id, "topic": "Not mine"})
        with self.assertRaises(AccessError):
            self.meeting_b.with_user(coordinator).read(["topic"])
        with self.assertRaises(AccessError):
            self.regional_meeting.with_user(coordinator).write({"topic": "Not mine"})
        with self.assertRaises(AccessError):
            self.env["youth.council"].with_user(coordinator).create(
                {"name": "New council", "level": "district", "district_id": self.district_a.id}
            )

    def test_coordinator_reads_the_regional_council_as_a_member(self):
        """A coordinator who sits on the regional council reads its meetings but cannot change them."""
        coordinator = self.users["district_coordinator"]
        self.env["youth.council.member"].create(
            {"council_id": self.regional.id, "partner_id": coordinator.partner_id.id}
        )
        self.assertTrue(self.regional_meeting.with_user(coordinator).read(["topic"]))
        with self.assertRaises(AccessError):
            self.regional_meeting.with_user(coordinator).write({"topic": "Not mine"})

    def test_internal_member_reads_their_council(self):
        """A plain internal user who sits on a council reads its meetings and nothing else, and writes nothing."""
        user = self.council_member_user
        self.assertTrue(self.meeting_a.with_user(user).read(["topic", "name", "state"]))
        self.assertTrue(self.meeting_a.agenda_item_ids.with_user(user).read(["title"]) or True)
        self.assertTrue(self.meeting_a.participant_ids.with_user(user).read(["name", "state"]))
        self.assertTrue(self.decision.with_user(user).read(["text"]))
        self.assertEqual(
            self.env["youth.council.meeting"]
            .with_user(user)
            .search([("id", "in", (self.meeting_a | self.meeting_b | self.regional_meeting).ids)]),
            self.meeting_a,
        )
        with self.assertRaises(AccessError):
            self.meeting_b.with_user(user).read(["topic"])
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(user).write({"topic": "Changed"})
        with self.assertRaises(AccessError):
            self.env["youth.council.meeting"].with_user(user).create({"council_id": self.council.id, "topic": "X"})
        with self.assertRaises(AccessError):
            self.env["youth.council.decision.progress"].with_user(user).create(
                {"decision_id": self.decision.id, "text": "Not my decision"}
            )

    def test_responsible_reports_progress_only(self):
        """A responsible user reads their decision and reports progress on it, and does nothing else."""
        user = self.responsible_user
        self.assertEqual(self.decision.user_ids, user)
        decision = self.decision.with_user(user)
        self.assertTrue(decision.read(["text", "deadline", "state"]))
        Progress = self.env["youth.council.decision.progress"].with_user(user)
        report = Progress.create({"decision_id": self.decision.id, "text": "Venue booked"})
        self.assertEqual(self.decision.state, "in_progress")
        self.assertTrue(report.read(["text"]))
        with self.assertRaises(AccessError):
            decision.write({"state": "done"})
        with self.assertRaises(AccessError):
            report.write({"text": "Changed"})
        with self.assertRaises(AccessError):
            Progress.create({"decision_id": self.other_decision.id, "text": "Not mine"})
        with self.assertRaises(AccessError):
            self.other_decision.with_user(user).read(["text"])
        with self.assertRaises(AccessError):
            self.meeting_a.with_user(user).read(["topic"])
        with self.assertRaises(AccessError):
            self.env["youth.work.plan"].with_user(user).search([])

    def test_plan_lines_by_district(self):
        """A coordinator keeps the plan lines of their district; the school leader only reads the plan."""
        plan = self.env["youth.work.plan"].create({"partner_id": self.org.id, "school_year": 2025})
        Line = self.env["youth.work.plan.line"]
        mine = Line.create({"plan_id": plan.id, "title": "Mine", "month": "9", "district_id": self.district_a.id})
        other = Line.create({"plan_id": plan.id, "title": "Other", "month": "9", "district_id": self.district_b.id})
        coordinator = self.users["district_coordinator"]
        mine.with_user(coordinator).write({"actual": 40})
        self.assertTrue(other.with_user(coordinator).read(["title"]))
        with self.assertRaises(AccessError):
            other.with_user(coordinator).write({"actual": 40})
        with self.assertRaises(AccessError):
            mine.with_user(self.users["school_leader"]).write({"actual": 41})
