import datetime

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common_event import YouthEventCase


@tagged("post_install", "-at_install")
class TestOdooEvents(YouthEventCase):
    """The database's other events and registrations behave as in Odoo: the addon changes only the movement's."""

    @classmethod
    def make_odoo_event(cls, **values):
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=2)
        return cls.env["event.event"].create(
            dict(
                {
                    "name": "Company open day",
                    "date_begin": begin,
                    "date_end": begin + datetime.timedelta(hours=4),
                },
                **values,
            )
        )

    @staticmethod
    def schedulers(event):
        return {
            (mail.interval_type, mail.interval_nbr, mail.interval_unit, mail.template_ref)
            for mail in event.event_mail_ids
        }

    def test_default_mail_schedulers(self):
        """An event that is not the movement's gets Odoo's mail schedulers; the movement's keep theirs."""
        subscription, reminder = self.env.ref("event.event_subscription"), self.env.ref("event.event_reminder")
        odoo_mails = {
            ("after_sub", 0, "now", subscription),
            ("before_event", 1, "hours", reminder),
            ("before_event", 3, "days", reminder),
        }
        ours = {
            ("after_sub", 0, "now", self.env.ref("youth_movement.youth_event_mail_template_confirmation")),
            ("before_event", 1, "days", self.env.ref("youth_movement.youth_event_mail_template_reminder")),
        }
        self.assertEqual(self.schedulers(self.make_odoo_event()), odoo_mails)
        self.assertEqual(self.schedulers(self.make_event()), ours)
        begin = fields.Datetime.now() + datetime.timedelta(days=3)
        both = self.env["event.event"].create(
            [
                {
                    "name": name,
                    "date_begin": begin,
                    "date_end": begin + datetime.timedelta(hours=2),
                    "youth_level": level,
                }
                for name, level in (("Open day", False), ("Rally", "region"))
            ]
        )
        self.assertEqual(self.schedulers(both[0]), odoo_mails, "created in one batch with a movement's event")
        self.assertEqual(self.schedulers(both[1]), ours)

    def test_full_event_refuses_registrations(self):
        """A full event that is not the movement's refuses the next registration, as Odoo does: no waitlist."""
        event = self.make_odoo_event(seats_limited=True, seats_max=1)
        first = self.env["event.registration"].create({"event_id": event.id, "name": "First"})
        self.assertEqual(first.state, "open")
        self.assertFalse(first.attendance_ids, "attendance is kept for the movement's events")
        with self.assertRaises(ValidationError):
            self.env["event.registration"].create({"event_id": event.id, "name": "Second"})
        first.action_archive()
        second = self.env["event.registration"].create({"event_id": event.id, "name": "Second"})
        self.assertEqual(second.state, "open")
        with self.assertRaises(ValidationError):
            first.action_unarchive()

    def test_registration_form_without_the_movement_groups(self):
        """Odoo's registration desk opens the registration form without access to the movement's models."""
        desk = self.env["res.users"].create(
            {
                "name": "Desk",
                "login": "desk_odoo_events",
                "groups_id": [(6, 0, [self.env.ref("event.group_event_registration_desk").id])],
            }
        )
        form = Form(self.env["event.registration"].with_user(desk))  # loads the form's sub-views too
        form.event_id = self.make_odoo_event()
        form.name = "Visitor"
        self.assertEqual(form.save().state, "open")
