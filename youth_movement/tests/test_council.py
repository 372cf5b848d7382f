from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CouncilCase


@tagged("post_install", "-at_install")
class TestCouncilMeeting(CouncilCase):
    def test_numbering_per_council_and_year(self):
        """Meetings are numbered 1/2026, 2/2026 per council, and start again each year."""
        first = self.make_meeting(day="2026-01-28")
        second = self.make_meeting(day="2026-03-10")
        other_council = self.make_meeting(council=self.council_b, day="2026-02-01")
        next_year = self.make_meeting(day="2027-01-15")
        self.assertEqual(first.name, "1/2026")
        self.assertEqual(second.name, "2/2026")
        self.assertEqual(other_council.name, "1/2026")
        self.assertEqual(next_year.name, "1/2027")
        second.unlink()
        self.assertEqual(self.make_meeting(day="2026-05-10").name, "2/2026", "a deleted draft frees its rank")
        self.assertEqual(first.display_name, "No. 1/2026")

    def test_draft_moved_to_another_year_is_renumbered(self):
        """A draft moved into the next year takes that year's number."""
        meeting = self.make_meeting(day="2026-12-20")
        meeting.start = self.at("2027-01-20")
        self.assertEqual(meeting.name, "1/2027")

    def test_members_invited_and_quorum(self):
        """Members in term are listed; the quorum counts voting members present against the threshold."""
        meeting = self.make_meeting()
        self.assertEqual(len(meeting.participant_ids), 6, "every member in term, the invitee too")
        self.assertEqual(meeting.voting_member_count, 5, "the permanent invitee does not vote")
        self.assertEqual(meeting.quorum_required, 3, "half of 5, rounded up")
        voting = meeting.participant_ids.filtered("is_voting")
        voting[:2].action_present()
        meeting.participant_ids.filtered(lambda p: p.role == "permanent_invitee").action_present()
        self.assertFalse(meeting.has_quorum)
        self.assertEqual(meeting.present_member_count, 2)
        voting[2].action_present()
        self.assertTrue(meeting.has_quorum)
        self.council.write({"quorum_rule": "count", "quorum_value": 4})
        meeting.invalidate_recordset()
        self.assertFalse(meeting.has_quorum)
        self.assertEqual(meeting.quorum_required, 4)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.council.write({"quorum_rule": "percent", "quorum_value": 150})

    def test_member_out_of_term_is_not_counted(self):
        """A member whose term ended before the meeting is neither invited nor counted."""
        self.council.member_ids.filtered(lambda m: m.partner_id == self.member_partners[0]).date_to = "2025-12-31"
        meeting = self.make_meeting(day="2026-01-28")
        self.assertEqual(meeting.voting_member_count, 4)
        self.assertNotIn(self.member_partners[0], meeting.participant_ids.partner_id)

    def test_lifecycle_and_lock(self):
        """draft → planned (calendar invitation) → held (quorum needed) → approved, then locked."""
        meeting = self.make_meeting()
        guest = self.env["youth.council.participant"].create(
            {"meeting_id": meeting.id, "name": "University vice-rector", "position": "Vice-rector"}
        )
        self.assertEqual(guest.kind, "guest")
        self.assertEqual(guest.role, "guest")
        meeting.action_plan()
        self.assertEqual(meeting.state, "planned")
        event = meeting.calendar_event_id
        self.assertTrue(event)
        internal = self.users["district_coordinator"].partner_id | self.council_member_user.partner_id
        self.assertEqual(event.partner_ids, internal, "internal participants only are attendees")
        self.assertEqual((event.res_model, event.res_id), ("youth.council.meeting", meeting.id))
        self.assertEqual(event.start, meeting.start)
        meeting.venue = "University hall"
        self.assertEqual(event.location, "University hall", "the calendar event follows the meeting")
        with self.assertRaisesRegex(UserError, "no quorum"):
            meeting.action_held()
        self.hold(meeting)
        self.assertEqual(meeting.state, "held")
        self.assertEqual(meeting.chair_id, self.chair)
        self.assertEqual(meeting.secretary_id, self.users["district_coordinator"].partner_id)
        item = self.env["youth.council.agenda.item"].create(
            {"meeting_id": meeting.id, "title": "State of the movement"}
        )
        self.env["youth.council.decision"].create(
            {"meeting_id": meeting.id, "agenda_item_id": item.id, "text": "Make events systematic"}
        )
        meeting.action_approve()
        self.assertEqual(meeting.state, "approved")
        with self.assertRaisesRegex(UserError, "approved"):
            meeting.write({"topic": "Rewritten"})
        with self.assertRaisesRegex(UserError, "approved"):
            item.write({"title": "Rewritten"})
        with self.assertRaisesRegex(UserError, "approved"):
            meeting.participant_ids[:1].write({"state": "absent"})
        with self.assertRaisesRegex(UserError, "approved"):
            self.env["youth.council.decision"].create({"meeting_id": meeting.id, "text": "Late addition"})
        with self.assertRaisesRegex(UserError, "approved"):
            meeting.decision_ids.write({"text": "Rewritten"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            meeting.unlink()
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            meeting.action_cancel()
        meeting.decision_ids.action_done()
        self.assertEqual(meeting.decision_ids.state, "done", "the follow-up of a decision stays open")
        meeting.message_post(body="A note after approval")

    def test_cancel_removes_the_invitation(self):
        """Cancelling a planned meeting removes its calendar event."""
        meeting = self.make_meeting()
        meeting.action_plan()
        event = meeting.calendar_event_id
        meeting.action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(event.exists())
        meeting.action_draft()
        self.assertEqual(meeting.state, "draft")

    def test_calendar_answers_reach_the_participants(self):
        """Accepting or declining in the Odoo calendar confirms or excuses the participant."""
        meeting = self.make_meeting(day="2030-01-28")
        coordinator = self.users["district_coordinator"]
        meeting.with_user(coordinator).action_plan()
        organizer = meeting.participant_ids.filtered(lambda p: p.partner_id == coordinator.partner_id)
        self.assertEqual(organizer.state, "confirmed", "the organizer accepted by sending the invitations")
        user = self.council_member_user
        participant = meeting.participant_ids.filtered(lambda p: p.partner_id == user.partner_id)
        attendee = meeting.calendar_event_id.attendee_ids.filtered(lambda a: a.partner_id == user.partner_id)
        attendee.with_user(user).do_accept()
        self.assertEqual(participant.state, "confirmed")
        attendee.with_user(user).do_decline()
        self.assertEqual(participant.state, "absent")
        self.assertIn("Declined", participant.absence_reason)
        participant.action_present()
        attendee.with_user(user).do_decline()
        self.assertEqual(participant.state, "present", "attendance marked at the meeting stays")
        new_guest = self.env["res.users"].create({"name": "New Internal", "login": "t_new_internal"})
        self.env["youth.council.participant"].create({"meeting_id": meeting.id, "partner_id": new_guest.partner_id.id})
        self.assertIn(new_guest.partner_id, meeting.calendar_event_id.partner_ids, "a new participant is invited")


@tagged("post_install", "-at_install")
class TestCouncilDecision(CouncilCase):
    def _decisions(self, meeting):
        Item = self.env["youth.council.agenda.item"]
        first = Item.create({"meeting_id": meeting.id, "title": "State of the movement", "sequence": 10})
        second = Item.create({"meeting_id": meeting.id, "title": "Work plan", "sequence": 20})
        Decision = self.env["youth.council.decision"]
        return Decision.create(
            [
                {
                    "meeting_id": meeting.id,
                    "agenda_item_id": second.id,
                    "text": "Coordinate the members",
                    "sequence": 1,
                },
                {"meeting_id": meeting.id, "agenda_item_id": first.id, "text": "Make events systematic", "sequence": 1},
                {
                    "meeting_id": meeting.id,
                    "agenda_item_id": first.id,
                    "text": "Support creative initiatives",
                    "sequence": 2,
                },
            ]
        )

    def test_decision_numbers(self):
        """Decisions are numbered by agenda item, then by rank within it: 1.1, 1.2, 2.1."""
        meeting = self.make_meeting()
        decisions = self._decisions(meeting)
        self.assertEqual(decisions.mapped("number"), ["2.1", "1.1", "1.2"])
        self.assertEqual(decisions[1].display_name[:18], "No. 1/2026, 1.1: M")
        self.assertEqual(decisions.council_id, self.council)

    def test_responsible_users_and_activities(self):
        """Responsible people's and districts' users get an activity due on the deadline once adopted."""
        meeting = self.make_meeting()
        decision = self.env["youth.council.decision"].create(
            {
                "meeting_id": meeting.id,
                "text": "Report on the forum",
                "deadline": "2026-03-20",
                "partner_ids": [(6, 0, self.responsible_user.partner_id.ids)],
                "district_ids": [(6, 0, self.district_a.ids)],
            }
        )
        self.assertEqual(decision.user_ids, self.responsible_user | self.users["district_coordinator"])
        self.assertFalse(decision.activity_ids, "a decision of a draft meeting is not adopted yet")
        self.hold(meeting)
        activities = decision.activity_ids
        self.assertEqual(activities.user_id, decision.user_ids)
        self.assertEqual(set(activities.mapped("date_deadline")), {decision.deadline})
        decision.deadline = "2026-03-25"
        self.assertEqual(set(decision.activity_ids.mapped("date_deadline")), {decision.deadline})
        decision.action_done()
        self.assertFalse(decision.activity_ids, "the activities are done with the decision")
        self.assertTrue(decision.date_done)

    def test_overdue_flag_and_search(self):
        """A decision past its deadline and not done is overdue, and found by the overdue filter."""
        late = self.env["youth.council.decision"].create(
            {"council_id": self.council.id, "text": "Late", "deadline": "2020-01-01"}
        )
        done = self.env["youth.council.decision"].create(
            {"council_id": self.council.id, "text": "Done", "deadline": "2020-01-01", "state": "done"}
        )
        future = self.env["youth.council.decision"].create(
            {"council_id": self.council.id, "text": "Future", "deadline": "2099-01-01"}
        )
        self.assertTrue(late.is_overdue)
        self.assertFalse(done.is_overdue)
        self.assertFalse(future.is_overdue)
        found = self.env["youth.council.decision"].search([("is_overdue", "=", True)])
        self.assertIn(late, found)
        self.assertNotIn(done | future, found)
        self.assertIn(future, self.env["youth.council.decision"].search([("is_overdue", "=", False)]))

    def test_control_of_execution_carries_forward(self):
        """Open decisions come back on the next meeting's agenda as the control item until they are done."""
        first = self.make_meeting(day="2026-01-28")
        decision = self.env["youth.council.decision"].create({"meeting_id": first.id, "text": "Make events systematic"})
        upcoming = self.make_meeting(day="2026-03-10")
        self.assertFalse(upcoming.agenda_item_ids, "a decision of a meeting not yet held is not under control")
        self.hold(first)
        control = upcoming.agenda_item_ids.filtered(lambda i: i.kind == "control")
        self.assertEqual(control.control_decision_ids, decision)
        self.assertEqual(control.name, "Control of execution of earlier decisions")
        later = self.make_meeting(day="2026-05-10")
        self.assertEqual(later.agenda_item_ids.control_decision_ids, decision, "it comes back until done")
        decision.action_done()
        self.assertFalse(upcoming.agenda_item_ids.filtered(lambda i: i.kind == "control"))
        self.assertFalse(later.agenda_item_ids)
        decision.action_reopen()
        self.assertEqual(later.agenda_item_ids.control_decision_ids, decision)

    def test_cascade_to_district_councils(self):
        """A regional decision is sent down: one decision per district council, and done districts counted."""
        meeting = self.make_meeting(council=self.regional)
        self.env["youth.council.member"].create(
            {"council_id": self.regional.id, "partner_id": self.chair.id, "role": "chair"}
        )
        meeting.action_add_members()
        decision = self.env["youth.council.decision"].create(
            {"meeting_id": meeting.id, "text": "Make events systematic", "deadline": "2026-05-29"}
        )
        self.hold(meeting)
        wizard = self.env["youth.council.decision.cascade"].create({"decision_id": decision.id})
        self.assertLessEqual(self.council | self.council_b, wizard.council_ids, "every district council of the region")
        self.assertFalse(wizard.council_ids.filtered(lambda c: c.level == "region"))
        self.assertEqual(str(wizard.deadline), "2026-05-29")
        wizard.write(
            {
                "deadline": "2026-04-30",
                "note": "Report to the region",
                "council_ids": [(6, 0, (self.council | self.council_b).ids)],
            }
        )
        wizard.action_confirm()
        children = decision.child_ids
        self.assertEqual(children.council_id, self.council | self.council_b)
        self.assertEqual(set(children.mapped("state")), {"open"})
        self.assertEqual(str(children[0].deadline), "2026-04-30")
        child_a = children.filtered(lambda d: d.council_id == self.council)
        self.assertEqual(child_a.district_ids, self.district_a)
        self.assertIn(self.users["district_coordinator"], child_a.user_ids)
        self.assertTrue(child_a.activity_ids, "the district decision is to execute at once")
        self.assertIn("Report to the region", child_a.text)
        self.assertEqual((decision.child_count, decision.child_done_count), (2, 0))
        child_a.action_done()
        decision.invalidate_recordset()
        self.assertEqual((decision.child_count, decision.child_done_count), (2, 1))
        again = self.env["youth.council.decision.cascade"].create({"decision_id": decision.id})
        self.assertFalse(again.council_ids & children.council_id, "a council gets the decision once")
        with self.assertRaisesRegex(UserError, "regional council"):
            child_a._youth_cascade(self.council_b)
        district_meeting_b = self.make_meeting(council=self.council_b, day="2026-02-12")
        self.assertEqual(
            district_meeting_b.agenda_item_ids.control_decision_ids,
            children - child_a,
            "the district council controls its own decision from the region",
        )
        district_meeting_a = self.make_meeting(day="2026-02-12")
        self.assertFalse(district_meeting_a.agenda_item_ids, "a done decision is no longer under control")

    def test_progress_starts_execution(self):
        """A progress report moves an open decision into progress and is logged on it."""
        decision = self.env["youth.council.decision"].create({"council_id": self.council.id, "text": "Forum"})
        self.env["youth.council.decision.progress"].create({"decision_id": decision.id, "text": "Venue booked"})
        self.assertEqual(decision.state, "in_progress")
        self.assertEqual(decision.progress_count, 1)
        self.assertIn("Venue booked", decision.message_ids[0].body)

    def test_event_hooks_are_empty_without_events(self):
        """A decision that no event carries out has no events and no pupils reached."""
        decision = self.env["youth.council.decision"].create({"council_id": self.council.id, "text": "Forum"})
        self.assertEqual(list(decision._youth_linked_events()), [decision.id])
        self.assertFalse(decision._youth_linked_events()[decision.id])
        self.assertEqual((decision.event_count, decision.pupils_reached), (0, 0))
