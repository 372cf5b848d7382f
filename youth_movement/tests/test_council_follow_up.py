from odoo.tests import freeze_time, tagged

from .common import CouncilCase


@tagged("post_install", "-at_install")
class TestCouncilFollowUp(CouncilCase):
    """The daily job: reminders before the deadline, the secretary told of overdue decisions."""

    def setUp(self):
        super().setUp()
        self.meeting = self.make_meeting(day="2026-01-28")
        self.decision = self.env["youth.council.decision"].create(
            {
                "meeting_id": self.meeting.id,
                "text": "Hold the leaders' forum",
                "deadline": "2026-03-20",
                "partner_ids": [(6, 0, self.responsible_user.partner_id.ids)],
            }
        )
        self.hold(self.meeting)
        self.secretary = self.users["district_coordinator"]

    def _messages(self, partner):
        return self.decision.message_ids.filtered(
            lambda m: partner in m.partner_ids and m.message_type != "user_notification"
        )

    def _run_cron(self):
        self.env["youth.council.decision"]._cron_youth_follow_up()
        self.decision.invalidate_recordset()

    def test_activity_with_deadline(self):
        """The responsible user has an activity due on the deadline."""
        activity = self.decision.activity_ids
        self.assertEqual(activity.user_id, self.responsible_user)
        self.assertEqual(str(activity.date_deadline), "2026-03-20")
        self.assertEqual(activity.activity_type_id, self.env.ref("youth_movement.mail_activity_type_decision"))

    def test_reminder_days_before(self):
        """The reminder goes out the council's number of days before the deadline, once."""
        partner = self.responsible_user.partner_id
        with freeze_time("2026-03-16 08:00:00"):
            self._run_cron()
        self.assertFalse(self._messages(partner), "four days before: too early")
        with freeze_time("2026-03-17 08:00:00"):
            self._run_cron()
        reminders = self._messages(partner)
        self.assertEqual(len(reminders), 1)
        self.assertIn("Reminder", reminders.subject)
        self.assertTrue(self.decision.reminder_sent)
        with freeze_time("2026-03-18 08:00:00"):
            self._run_cron()
            self.assertFalse(self.decision.is_overdue)
        self.assertEqual(len(self._messages(partner)), 1, "no second reminder")

    def test_overdue_tells_the_secretary(self):
        """The day after the deadline the secretary gets an activity and a message, once."""
        with freeze_time("2026-03-21 08:00:00"):
            self.assertTrue(self.decision.is_overdue)
            self._run_cron()
            todo = self.decision.activity_ids.filtered(lambda a: a.user_id == self.secretary)
            self.assertEqual(len(todo), 1)
            self.assertIn("overdue", todo.summary)
            self.assertTrue(self._messages(self.secretary.partner_id))
            self.assertTrue(self.decision.overdue_notified)
            self._run_cron()
            self.assertEqual(len(self.decision.activity_ids.filtered(lambda a: a.user_id == self.secretary)), 1)

    def test_done_decisions_are_left_alone(self):
        """A decision done before the deadline is neither reminded nor overdue."""
        self.decision.action_done()
        with freeze_time("2026-03-25 08:00:00"):
            self._run_cron()
        self.assertFalse(self.decision.reminder_sent or self.decision.overdue_notified)

    def test_new_deadline_rearms_the_reminder(self):
        """Moving the deadline re-arms the reminder and the overdue notice."""
        with freeze_time("2026-03-21 08:00:00"):
            self._run_cron()
        self.assertTrue(self.decision.overdue_notified)
        self.decision.deadline = "2026-04-30"
        self.assertFalse(self.decision.overdue_notified or self.decision.reminder_sent)


@tagged("post_install", "-at_install")
class TestWorkPlan(CouncilCase):
    def setUp(self):
        super().setUp()
        self.plan = self.env["youth.work.plan"].create({"partner_id": self.org.id, "school_year": 2025})
        Line = self.env["youth.work.plan.line"]
        self.meeting_line = Line.create(
            {
                "plan_id": self.plan.id,
                "title": "Council meeting",
                "kind": "council_meeting",
                "month": "1",
                "council_id": self.council.id,
                "district_id": self.district_a.id,
            }
        )
        self.forum = Line.create(
            {"plan_id": self.plan.id, "title": "Forum", "period_type": "quarter", "quarter": "3", "target": 250}
        )

    def test_periods_and_name(self):
        """Lines know their period in the school year; the plan is named after its organization and year."""
        self.assertEqual(self.plan.name, "Education department, 2025\u20132026")
        self.assertEqual(
            (str(self.meeting_line.date_start), str(self.meeting_line.date_end)), ("2026-01-01", "2026-01-31")
        )
        self.assertEqual((str(self.forum.date_start), str(self.forum.date_end)), ("2026-03-01", "2026-05-31"))

    def test_execution_done_late_pending(self):
        """The daily job turns lines whose period ended into late ones; done lines stay done."""
        with freeze_time("2026-01-15 08:00:00"):
            lines = self.meeting_line | self.forum
            lines._youth_refresh_execution()
            self.assertEqual(lines.mapped("execution"), ["pending", "pending"])
        with freeze_time("2026-02-02 08:00:00"):
            self.env["youth.council.decision"]._cron_youth_follow_up()
            self.assertEqual(self.meeting_line.execution, "late")
            self.assertEqual(self.forum.execution, "pending")
            self.meeting_line.action_done()
            self.assertEqual(self.meeting_line.execution, "done")
            self.plan.invalidate_recordset()
            self.assertEqual((self.plan.done_count, self.plan.late_count, self.plan.pending_count), (1, 0, 1))

    def test_line_creates_its_meeting(self):
        """A council-meeting line creates its meeting, linked back to the line."""
        with freeze_time("2025-12-01 08:00:00"):
            action = self.meeting_line.action_create_meeting()
        meeting = self.env["youth.council.meeting"].browse(action["res_id"])
        self.assertEqual(meeting.council_id, self.council)
        self.assertEqual(meeting.plan_line_id, self.meeting_line)
        self.assertEqual(meeting.date.month, 1)
        self.assertEqual(self.meeting_line.meeting_ids, meeting)
