import datetime

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from ..tools import timezone
from .common_event import YouthEventCase


@tagged("post_install", "-at_install")
class TestEventEligibility(YouthEventCase):
    def test_open_regional_event(self):
        """A regional event without an audience takes any pupil of the movement."""
        event = self.make_event()
        self.assertFalse(event._youth_check_eligibility(self.make_member()))

    def test_grade_tier_and_age(self):
        """Grades, tiers and ages outside the audience are refused with the reason."""
        event = self.make_event(name="Forum", grade_min=7, grade_max=9)
        pupil = self.make_member(name="Aruzhan", grade=5)
        self.assertIn("grades 7 to 9", event._youth_check_eligibility(pupil))
        self.assertIn("grade 5", event._youth_check_eligibility(pupil))
        event.write({"grade_min": 0, "grade_max": 0, "tier_ids": [(6, 0, self.tier_kyran.ids)]})
        self.assertIn(self.tier_ulan.name, event._youth_check_eligibility(pupil))
        event.write({"tier_ids": [(5,)], "age_min": 15})
        self.assertRegex(event._youth_check_eligibility(pupil), "ages 15 to -; Aruzhan will be 1[0-9] on")

    def test_registration_window(self):
        """Before the window opens and after it closes, registration is refused."""
        now = fields.Datetime.now()
        event = self.make_event(registration_start=now + datetime.timedelta(hours=2))
        pupil = self.make_member()
        self.assertIn("opens on", event._youth_check_eligibility(pupil))
        event.write(
            {
                "registration_start": now - datetime.timedelta(days=2),
                "registration_end": now - datetime.timedelta(days=1),
            }
        )
        self.assertIn("closed on", event._youth_check_eligibility(pupil))
        self.assertFalse(event.is_youth_registration_open)
        self.assertNotIn(event, self.env["event.event"].search([("is_youth_registration_open", "=", True)]))
        event.registration_end = now + datetime.timedelta(hours=1)
        self.assertIn(event, self.env["event.event"].search([("is_youth_registration_open", "=", True)]))
        self.assertFalse(event._youth_check_eligibility(pupil))

    def test_places(self):
        """A district event is for its district, a school event for its school, unless places are listed."""
        district_event = self.make_event(youth_level="district", district_id=self.district_a.id)
        school_event = self.make_event(youth_level="school", school_id=self.school_a1.id)
        neighbour = self.make_member(school=self.school_a2)
        elsewhere = self.make_member(school=self.school_b1)
        self.assertEqual(school_event.district_id, self.district_a, "the district follows the school")
        self.assertFalse(district_event._youth_check_eligibility(neighbour))
        self.assertIn("not open to the pupils of School B1", district_event._youth_check_eligibility(elsewhere))
        self.assertIn("School A2", school_event._youth_check_eligibility(neighbour))
        district_event.allowed_district_ids = self.district_b
        self.assertFalse(district_event._youth_check_eligibility(elsewhere))

    def test_organizer_required(self):
        """A district event must name its district."""
        with self.assertRaisesRegex(ValidationError, "organized by a district"):
            self.make_event(youth_level="district")

    def test_register_refuses_with_reason(self):
        """Registering an ineligible pupil raises the reason; a registered pupil cannot register twice."""
        event = self.make_event(grade_min=8)
        with self.assertRaisesRegex(UserError, "grades 8 to 11"):
            event._youth_register(self.make_member(grade=6))
        pupil = self.make_member(grade=9)
        registration = event._youth_register(pupil, self.mother)
        self.assertEqual(registration.youth_member_id, pupil, "the child is the attendee")
        self.assertEqual(registration.name, pupil.name)
        self.assertEqual(registration.partner_id, self.mother, "partner_id is Odoo's booker")
        with self.assertRaisesRegex(UserError, "already registered"):
            event._youth_register(pupil)

    @mute_logger("odoo.sql_db")
    def test_one_registration_per_member(self):
        """The database refuses a second registration of a pupil for the same event."""
        event = self.make_event()
        pupil = self.make_member()
        self.env["event.registration"].create({"event_id": event.id, "youth_member_id": pupil.id})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["event.registration"].create({"event_id": event.id, "youth_member_id": pupil.id})
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestEventWaitlist(YouthEventCase):
    def _mails(self, registration, template):
        self.env["event.mail"].schedule_communications()  # Odoo's mail job, which confirms the seats
        return self.env["mail.mail"].search(
            [
                ("model", "=", "event.registration"),
                ("res_id", "=", registration.id),
                (
                    "subject",
                    "=",
                    self.env.ref(template)._render_field("subject", registration.ids, compute_lang=True)[
                        registration.id
                    ],
                ),
            ]
        )

    def test_full_event_fills_the_waitlist_in_order(self):
        """Past the last seat, registrations wait in line in the order they came."""
        event = self.make_event(seats=2)
        registrations = [event._youth_register(self.make_family_member(), self.mother) for _i in range(5)]
        self.assertEqual([r.state for r in registrations], ["open", "open", "waitlist", "waitlist", "waitlist"])
        self.assertEqual([r.waitlist_position for r in registrations], [0, 0, 1, 2, 3])
        self.assertEqual(event.seats_taken, 2)
        self.assertEqual(event.waitlist_count, 3)

    def test_freed_seat_promotes_the_first_in_line(self):
        """Cancelling a seat promotes the first in line, renumbers the line and tells the family."""
        event = self.make_event(seats=1)
        seated, first, second = (event._youth_register(self.make_family_member(), self.mother) for _i in range(3))
        self.assertTrue(self._mails(seated, "youth_movement.youth_event_mail_template_confirmation"))
        self.assertTrue(self._mails(first, "youth_movement.youth_event_mail_template_waitlist"))
        seated.action_youth_cancel()
        self.assertEqual(seated.state, "cancel")
        self.assertEqual((first.state, first.waitlist_position), ("open", 0))
        self.assertEqual((second.state, second.waitlist_position), ("waitlist", 1))
        promotion = self._mails(first, "youth_movement.youth_event_mail_template_promotion")
        self.assertEqual(promotion.recipient_ids, self.mother)
        self.assertFalse(self._mails(second, "youth_movement.youth_event_mail_template_promotion"))

    def test_confirmation_by_the_event_scheduler(self):
        """The event's mail scheduler confirms a seat; a pupil in line is told by the waitlist mail and,
        once promoted, by the promotion mail, never by a confirmation."""
        event = self.make_event(seats=1)
        confirmation = self.env.ref("youth_movement.youth_event_mail_template_confirmation")
        scheduler = event.event_mail_ids.filtered(lambda m: m.interval_type == "after_sub")
        self.assertEqual(scheduler.template_ref, confirmation)
        seated, waiting = (event._youth_register(self.make_family_member(), self.mother) for _i in range(2))
        self.assertTrue(self._mails(seated, "youth_movement.youth_event_mail_template_confirmation"))
        self.assertFalse(self._mails(waiting, "youth_movement.youth_event_mail_template_confirmation"))
        self.assertEqual(scheduler.mail_registration_ids.registration_id, seated | waiting)
        self.assertTrue(all(scheduler.mail_registration_ids.mapped("mail_sent")))
        seated.action_youth_cancel()
        self.assertEqual(waiting.state, "open")
        self.assertTrue(self._mails(waiting, "youth_movement.youth_event_mail_template_promotion"))
        self.assertFalse(self._mails(waiting, "youth_movement.youth_event_mail_template_confirmation"))

    def test_confirmations_after_a_burst_go_out_in_slices(self):
        """After a registration morning the confirmations (each with its ticket) are rendered in
        slices of ``mail.batch_size``: a run past its deadline stops after a slice and asks the
        cron to come back, until every seated pupil has exactly one confirmation."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("mail.batch_size", 4)
        params.set_param("youth_movement.mail_run_seconds", 0)  # every run is past its deadline after one slice
        event = self.make_event(seats=10)
        confirmation = self.env.ref("youth_movement.youth_event_mail_template_confirmation")
        ticket = self.env.ref("event.action_report_event_registration_full_page_ticket")
        self.assertEqual(confirmation.report_template_ids, ticket)
        registrations = self.env["event.registration"].concat(
            *(event._youth_register(self.make_family_member(), self.mother) for _i in range(12))
        )
        seated = registrations.filtered(lambda r: r.state == "open")
        self.assertEqual(len(seated), 10)
        cron = self.env.ref("event.event_mail_scheduler")
        Trigger = self.env["ir.cron.trigger"].sudo()

        def confirmations():
            return (
                self.env["mail.mail"]
                .search([("model", "=", "event.registration"), ("res_id", "in", registrations.ids)])
                .filtered(lambda m: "is registered for" in m.subject)
            )

        runs = []
        while len(runs) < 10:
            triggers = Trigger.search_count([("cron_id", "=", cron.id)])
            self.env["event.mail"].schedule_communications()
            runs.append((len(confirmations()), Trigger.search_count([("cron_id", "=", cron.id)]) > triggers))
            if not runs[-1][1]:
                break
        self.assertEqual(runs, [(4, True), (8, True), (10, False)], "4 per slice, the cron asked back twice")
        mails = confirmations()
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(seated.ids), "one confirmation per seated pupil")
        self.assertTrue(all(mail.attachment_ids.filtered(lambda a: "Ticket" in a.name) for mail in mails))
        self.assertEqual(mails.mapped("state"), ["outgoing"] * 10, "queued for Odoo's mail queue")
        params.set_param("youth_movement.mail_run_seconds", 60)
        self.env["event.mail"].schedule_communications()
        self.assertEqual(len(confirmations()), 10, "nothing sent twice")

    def test_confirmed_again_after_cancelling(self):
        """A pupil who cancelled and registers again while a seat is free is confirmed again."""
        event = self.make_event()
        pupil = self.make_family_member()
        registration = event._youth_register(pupil, self.mother)
        registration.action_youth_cancel()
        self.env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "=", registration.id)]).unlink()
        self.assertEqual(event._youth_register(pupil, self.mother), registration)
        self.assertTrue(self._mails(registration, "youth_movement.youth_event_mail_template_confirmation"))

    def test_no_reminder_for_the_waitlist(self):
        """The reminder before the event goes to the pupils with a seat, not to those in line."""
        event = self.make_event(seats=1)
        seated, waiting = (event._youth_register(self.make_family_member(), self.mother) for _i in range(2))
        reminder = event.event_mail_ids.filtered(lambda m: m.interval_type == "before_event")
        reminder._execute_event_based()
        self.assertTrue(self._mails(seated, "youth_movement.youth_event_mail_template_reminder"))
        self.assertFalse(self._mails(waiting, "youth_movement.youth_event_mail_template_reminder"))

    def test_reminder_carries_the_ticket_and_asks_for_the_health_card(self):
        """The reminder carries the ticket; before an off-site event it asks the family to confirm the
        child's health card, with the link to it; before an event at school it does not."""
        camp = self.make_event(youth_is_offsite=True)
        at_school = self.make_event()
        pupil = self.make_family_member()
        mails = {}
        for event in (camp, at_school):
            registration = event._youth_register(pupil, self.mother)
            event.event_mail_ids.filtered(lambda m: m.interval_type == "before_event")._execute_event_based()
            mails[event] = self._mails(registration, "youth_movement.youth_event_mail_template_reminder")
            self.assertTrue(mails[event].attachment_ids.filtered(lambda a: "Ticket" in a.name), event.name)
        self.assertIn(f"/my/children/{pupil.id}/health", mails[camp].body_html)
        self.assertIn("confirm it is up to date", mails[camp].body_html)
        self.assertNotIn("/health", mails[at_school].body_html)

    def test_leaving_the_line_closes_the_gap(self):
        """A pupil who leaves the line moves everyone behind them up."""
        event = self.make_event(seats=1)
        registrations = [event._youth_register(self.make_member()) for _i in range(4)]
        registrations[1].action_youth_cancel()
        self.assertEqual([r.waitlist_position for r in registrations[2:]], [1, 2])

    def test_more_seats_promote(self):
        """Raising the seats of an event seats the first in line."""
        event = self.make_event(seats=1)
        registrations = [event._youth_register(self.make_member()) for _i in range(3)]
        event.seats_max = 2
        self.assertEqual([r.state for r in registrations], ["open", "open", "waitlist"])
        self.assertEqual(registrations[2].waitlist_position, 1)

    def test_confirming_past_the_seats_is_refused(self):
        """Staff cannot confirm a waitlisted pupil while the event is full."""
        event = self.make_event(seats=1)
        event._youth_register(self.make_member())
        waiting = event._youth_register(self.make_member())
        with self.assertRaisesRegex(ValidationError, "not enough seats"):
            waiting.action_confirm()
        waiting.invalidate_recordset()
        self.assertEqual((waiting.state, waiting.waitlist_position), ("waitlist", 1))

    def test_registering_again_after_cancelling(self):
        """A pupil who cancelled may register again and goes to the end of the line."""
        event = self.make_event(seats=1)
        pupil = self.make_member()
        registration = event._youth_register(pupil)
        registration.action_youth_cancel()
        other = event._youth_register(self.make_member())
        self.assertEqual(other.state, "open")
        again = event._youth_register(pupil)
        self.assertEqual(again, registration)
        self.assertEqual((again.state, again.waitlist_position), ("waitlist", 1))

    def test_mail_in_the_family_language(self):
        """The family hears in its own language."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], ["ru_RU"], overwrite=True)
        self.mother.lang = "ru_RU"
        event = self.make_event(name="Forum", seats=1, start_in_days=3)  # no reminder due yet
        seated = event._youth_register(self.make_family_member(name="Aruzhan"), self.mother)
        self.env["event.mail"].schedule_communications()
        mail = self.env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "=", seated.id)])
        self.assertEqual(mail.subject, "Aruzhan зарегистрирован(а) на мероприятие «Forum»")
        self.assertIn("Здравствуйте", str(mail.body_html))
        self.assertEqual(mail.recipient_ids, self.mother | seated.youth_member_id.partner_id.filtered("email"))

    def test_staff_booker_is_not_mailed(self):
        """When a coordinator books, the family is told, not the coordinator."""
        event = self.make_event()
        staff = self.users["district_coordinator"].partner_id
        staff.email = "staff@example.kz"
        registration = event._youth_register(self.make_family_member(), staff)
        self.assertEqual(registration.youth_partner_to, str(self.mother.id))

    def test_a_booker_outside_the_family_is_not_mailed(self):
        """A school leader who rewrites "Booked by" of their own pupil's registration to any contact
        does not send the family's mails and the pupil's ticket there."""
        event = self.make_event()
        registration = event._youth_register(self.make_family_member(), self.mother)
        outsider = self.env["res.partner"].create({"name": "Somebody", "email": "somebody@example.com"})
        leader = self.users["school_leader"]
        registration.with_user(leader).write({"partner_id": outsider.id})
        self.assertEqual(registration.partner_id, outsider, "Odoo's Booked by stays writable")
        self.assertEqual(registration.youth_partner_to, str(self.mother.id))
        self.env["event.mail"].schedule_communications()
        mails = self.env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "=", registration.id)])
        self.assertTrue(mails)
        self.assertEqual(mails.recipient_ids, self.mother)
        self.assertNotIn("somebody@example.com", " ".join(filter(None, mails.mapped("email_to"))))


@tagged("post_install", "-at_install")
class TestEventAttendance(YouthEventCase):
    def test_a_line_per_day(self):
        """A three-day event keeps three attendance days per seated pupil, following the dates."""
        event = self.make_event(days=3, seats=1)
        seated = event._youth_register(self.make_member())
        waiting = event._youth_register(self.make_member())
        days = event._youth_days()
        self.assertEqual(len(days), 3)
        self.assertEqual(seated.attendance_ids.mapped("day"), days)
        self.assertFalse(waiting.attendance_ids)
        event.date_end = event.date_begin + datetime.timedelta(days=1)
        self.assertEqual(seated.attendance_ids.mapped("day"), days[:2])

    def test_bulk_marking(self):
        """The wizard marks the chosen pupils present on a day; they have attended."""
        event = self.make_event(days=2)
        registrations = event._youth_register(self.make_member()) | event._youth_register(self.make_member())
        day = event._youth_days()[1]
        wizard = (
            self.env["youth.event.attendance.wizard"]
            .with_context(active_model="event.registration", active_ids=registrations.ids)
            .create({"day": day})
        )
        self.assertEqual(wizard.registration_ids, registrations)
        wizard.action_mark()
        self.assertEqual(registrations.mapped("days_present"), [1, 1])
        self.assertEqual(set(registrations.mapped("state")), {"done"})
        with self.assertRaisesRegex(UserError, "does not run on"):
            registrations._youth_mark_attendance(day + datetime.timedelta(days=5))

    def test_registration_desk_marks_each_day(self):
        """A badge scanned at Odoo's registration desk marks the pupil present on the day, each day."""
        event = self.make_event(days=2, start_in_days=0)
        registration = event._youth_register(self.make_member(name="Dana"))
        Registration = self.env["event.registration"]
        result = Registration.register_attendee(registration.barcode, event.id)
        self.assertEqual((result["status"], result["name"]), ("confirmed_registration", "Dana"))
        self.assertEqual((registration.state, registration.days_present), ("done", 1))
        self.assertEqual(Registration.register_attendee(registration.barcode, event.id)["status"], "already_registered")
        with freeze_time(fields.Datetime.now() + datetime.timedelta(days=1)):
            self.assertEqual(
                Registration.register_attendee(registration.barcode, event.id)["status"],
                "confirmed_registration",
                "the second day is checked in again",
            )
            self.assertEqual(registration.days_present, 2)
            registration.action_confirm()  # the desk's Undo
            self.assertEqual(
                (registration.state, registration.days_present),
                ("done", 1),
                "undone for the day; the pupil came on the first",
            )
        registration.action_confirm()
        self.assertEqual((registration.state, registration.days_present), ("open", 0))

    def test_registration_desk_refusals(self):
        """The desk checks in no pupil on the waitlist, and none on a day their event does not run."""
        event = self.make_event(start_in_days=0, seats=1)
        event._youth_register(self.make_member())
        waiting = event._youth_register(self.make_member())
        Registration = self.env["event.registration"]
        self.assertEqual(Registration.register_attendee(waiting.barcode, event.id)["status"], "youth_waitlist")
        self.assertEqual(waiting.state, "waitlist")
        tomorrow = self.make_event()._youth_register(self.make_member())
        self.assertEqual(Registration.register_attendee(tomorrow.barcode, False)["status"], "not_ongoing_event")
        self.assertEqual((tomorrow.state, tomorrow.days_present), ("open", 0))
        self.assertEqual(Registration.register_attendee("000", event.id), {"error": "invalid_ticket"})

    def test_registration_desk_outside_the_movement(self):
        """A registration that is not a pupil's is checked in by Odoo as it always is."""
        event = self.make_event(start_in_days=0, youth_level=False, youth_category_id=False)
        guest = self.env["event.registration"].create({"event_id": event.id, "name": "Guest"})
        result = self.env["event.registration"].register_attendee(guest.barcode, event.id)
        self.assertEqual(result["status"], "confirmed_registration")
        self.assertEqual(guest.state, "done")
        self.assertFalse(guest.attendance_ids)

    def test_waitlisted_pupil_has_no_attendance(self):
        """Attendance is kept for seated pupils only."""
        event = self.make_event(seats=1)
        event._youth_register(self.make_member())
        waiting = event._youth_register(self.make_member())
        with self.assertRaisesRegex(UserError, "has no seat"):
            waiting._youth_mark_attendance(event._youth_days()[0])

    def test_no_shows(self):
        """A pupil with a seat at a past event who never came counts as a no-show."""
        event = self.make_event(start_in_days=-3)
        pupil, present = self.make_member(), self.make_member()
        missed = self.env["event.registration"].create({"event_id": event.id, "youth_member_id": pupil.id})
        came = self.env["event.registration"].create({"event_id": event.id, "youth_member_id": present.id})
        came._youth_mark_attendance(event._youth_days()[0])
        self.assertTrue(missed.is_no_show)
        self.assertFalse(came.is_no_show)
        self.assertEqual((pupil.no_show_count, present.no_show_count), (1, 0))
        self.assertEqual(event.no_show_count, 1)
        found = self.env["youth.member"].search(
            [("event_registration_ids", "any", [("is_no_show", "=", True)]), ("id", "in", (pupil | present).ids)]
        )
        self.assertEqual(found, pupil)


@tagged("post_install", "-at_install")
class TestEventResults(YouthEventCase):
    def test_result_only_for_those_who_came(self):
        """A result goes to a pupil who attended."""
        event = self.make_event(start_in_days=0)
        registration = event._youth_register(self.make_member())
        with self.assertRaisesRegex(ValidationError, "only those who came get a result"):
            registration.result = "winner"
        registration._youth_mark_attendance(event._youth_days()[0])
        registration.result = "first"
        self.assertEqual(registration.result, "first")

    def test_certificate_in_kazakh_and_russian(self):
        """The certificate prints in the event's language: Kazakh or Russian."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["res.lang"]._activate_lang("kk_KZ")
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], ["ru_RU", "kk_KZ"], overwrite=True)
        event = self.make_event(start_in_days=0, name="Forum")
        registration = event._youth_register(self.make_member(name="Aruzhan"))
        registration._youth_mark_attendance(event._youth_days()[0])
        registration.result = "winner"
        report = self.env.ref("youth_movement.action_report_youth_event_certificate")
        html = str(report._render_qweb_html(report.report_name, registration.ids)[0], "utf-8")
        self.assertIn("Aruzhan", html)
        self.assertIn("Диплом", html)
        self.assertIn("марапатталады", html)
        event.certificate_lang = "ru_RU"
        html = str(report._render_qweb_html(report.report_name, registration.ids)[0], "utf-8")
        self.assertIn("награждается", html)


@tagged("post_install", "-at_install")
class TestAdmissionCeremony(YouthEventCase):
    def test_attending_admits(self):
        """An applicant who attends the ceremony becomes an active member from that day."""
        event = self.make_event(start_in_days=-1, youth_category_id=self.category_ceremony.id)
        self.assertTrue(event.is_admission_ceremony)
        applicant = self.make_member(status="applicant")
        registration = self.env["event.registration"].create({"event_id": event.id, "youth_member_id": applicant.id})
        day = event._youth_days()[0]
        registration._youth_mark_attendance(day)
        self.assertEqual((applicant.status, applicant.join_date), ("active", day))

    def test_checked_in_admits(self):
        """Marking the registration attended admits the applicant too."""
        event = self.make_event(start_in_days=0, youth_category_id=self.category_ceremony.id)
        applicant = self.make_member(status="applicant")
        event._youth_register(applicant).action_set_done()
        self.assertEqual(applicant.status, "active")
        # the day it was marked, one of the ceremony's (begun an hour ago: two days around midnight)
        self.assertEqual(applicant.join_date, timezone.today_in(event.date_tz))
        self.assertIn(applicant.join_date, event._youth_days())

    def test_ceremony_is_for_applicants(self):
        """Active members are not admitted twice; absent applicants stay applicants."""
        event = self.make_event(youth_category_id=self.category_ceremony.id)
        self.assertIn("already an active member", event._youth_check_eligibility(self.make_member(status="active")))
        applicant = self.make_member(status="applicant")
        event._youth_register(applicant)
        self.assertEqual(applicant.status, "applicant")


@tagged("post_install", "-at_install")
class TestEventScope(YouthEventCase):
    def test_coordinator_scope(self):
        """A coordinator sees regional events and their district's, and manages only their district's."""
        user = self.users["district_coordinator"]
        regional = self.make_event()
        mine = self.make_event(youth_level="school", school_id=self.school_a2.id)
        other = self.make_event(youth_level="district", district_id=self.district_b.id)
        Event = self.env["event.event"].with_user(user)
        self.assertEqual(Event.search([("id", "in", (regional | mine | other).ids)]), regional | mine)
        mine.with_user(user).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            regional.with_user(user).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            Event.create(
                {
                    "name": "Elsewhere",
                    "youth_level": "district",
                    "district_id": self.district_b.id,
                    "date_begin": regional.date_begin,
                    "date_end": regional.date_end,
                }
            )
        self.assertTrue(
            Event.create(
                {
                    "name": "Ours",
                    "youth_level": "district",
                    "district_id": self.district_a.id,
                    "date_begin": regional.date_begin,
                    "date_end": regional.date_end,
                }
            )
        )

    def test_school_leader_registers_own_pupils(self):
        """A school leader registers their pupils for a regional event and sees only those registrations."""
        user = self.users["school_leader"]
        event = self.make_event(seats=5)
        neighbour = event._youth_register(self.make_member(school=self.school_a2))
        pupil = self.make_member(school=self.school_a1)
        registration = event.with_user(user)._youth_register(pupil)
        self.assertEqual(registration.state, "open")
        self.assertEqual(
            self.env["event.registration"].with_user(user).search([("event_id", "=", event.id)]), registration
        )
        with self.assertRaises(AccessError):
            neighbour.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            event.with_user(user).write({"seats_max": 50})
        district_event = self.make_event(youth_level="district", district_id=self.district_a.id)
        self.assertTrue(district_event.with_user(user).read(["name"]), "the district's events are visible")

    def test_leader_cancel_promotes_other_school(self):
        """A leader's cancellation frees a seat for a pupil of another school, whom they cannot see."""
        user = self.users["school_leader"]
        event = self.make_event(seats=1)
        mine = event.with_user(user)._youth_register(self.make_member(school=self.school_a1))
        theirs = event._youth_register(self.make_member(school=self.school_b1))
        mine.with_user(user).action_youth_cancel()
        self.assertEqual(theirs.state, "open")
