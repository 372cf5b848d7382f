import datetime

from odoo import fields

from .common import YouthCase


class YouthEventCase(YouthCase):
    """The small region of :class:`YouthCase` plus helpers for events that start tomorrow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category_contest = cls.env.ref("youth_movement.event_category_contest")
        cls.category_ceremony = cls.env.ref("youth_movement.event_category_admission_ceremony")
        cls.mother = cls.env["res.partner"].create(
            {"name": "Parent of the event", "email": "parent@example.kz", "lang": "en_US"}
        )

    @classmethod
    def make_event(cls, days=1, start_in_days=1, seats=0, **values):
        now = fields.Datetime.now().replace(microsecond=0)
        if start_in_days:
            begin = now.replace(hour=4, minute=0, second=0) + datetime.timedelta(days=start_in_days)
        else:  # running now
            begin = now - datetime.timedelta(hours=1)
        vals = {
            "name": values.pop("name", "Event %s" % (cls._serial + 1)),
            "date_begin": begin,
            "date_end": begin + datetime.timedelta(days=days - 1, hours=6),
            "date_tz": "UTC",
            "youth_level": "region",
            "youth_category_id": cls.category_contest.id,
            "seats_limited": bool(seats),
            "seats_max": seats,
        }
        vals.update(values)
        cls._serial += 1
        return cls.env["event.event"].create(vals)

    @classmethod
    def make_family_member(cls, **values):
        member = cls.make_member(**values)
        cls.env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": cls.mother.id})
        return member
