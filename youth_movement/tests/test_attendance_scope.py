from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..tools import sort_keys
from .common_event import YouthEventCase


@tagged("post_install", "-at_install")
class TestAttendanceScope(YouthEventCase):
    """The attendance rules read the pupil's school and district stored on the line: each role sees
    the lines of its own pupils anywhere and every line of its own events, as through the
    registration, and nobody moves a line out of anyone's sight."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pupils = {
            school: cls.make_member(school=school) for school in (cls.school_a1, cls.school_a2, cls.school_b1)
        }
        cls.events = {
            "a1": cls.make_event(name="A1 rally", youth_level="school", school_id=cls.school_a1.id),
            "b": cls.make_event(name="B rally", youth_level="district", district_id=cls.district_b.id),
        }
        registrations = cls.env["event.registration"].create(
            [
                {"event_id": event.id, "youth_member_id": pupil.id}
                for event in cls.events.values()
                for pupil in cls.pupils.values()
            ]
        )
        # a seated registration has its line for each day of the event
        cls.lines = cls.env["youth.event.attendance"].search([("registration_id", "in", registrations.ids)])
        assert len(cls.lines) == 6, cls.lines

    def _through_the_registration(self, user):
        """The lines the former rules gave ``user``: those of the registrations it may read."""
        registrations = (
            self.env["event.registration"].with_user(user).search([("id", "in", self.lines.registration_id.ids)])
        )
        return self.lines.filtered(lambda line: line.registration_id in registrations)

    def test_each_role_sees_what_its_registrations_show(self):
        expected_counts = {"school_leader": 4, "district_coordinator": 5, "regional_manager": 6}
        for role, count in expected_counts.items():
            with self.subTest(role=role):
                user = self.users[role]
                seen = self.env["youth.event.attendance"].with_user(user).search([("id", "in", self.lines.ids)])
                self.assertEqual(seen, self._through_the_registration(user))
                self.assertEqual(len(seen), count)
        # the coordinator of district A does not see district B's pupil at district B's event
        hidden = self.lines.filtered(
            lambda line: line.member_id == self.pupils[self.school_b1] and line.event_id == self.events["b"]
        )
        self.assertTrue(hidden)
        coordinator = self.users["district_coordinator"]
        self.assertFalse(self.env["youth.event.attendance"].with_user(coordinator).search([("id", "in", hidden.ids)]))

    def test_a_pupil_who_moves_takes_the_lines_along(self):
        """A pupil moved to another district's school: the lines follow, as the registrations do."""
        pupil = self.pupils[self.school_a2]
        pupil.school_id = self.school_b1
        self.env.flush_all()
        lines = self.lines.filtered(lambda line: line.member_id == pupil)
        self.assertEqual(set(lines.mapped("member_district_id")), {self.district_b})
        coordinator = self.users["district_coordinator"]
        seen = self.env["youth.event.attendance"].with_user(coordinator).search([("id", "in", lines.ids)])
        self.assertEqual(seen, lines.filtered(lambda line: line.event_id == self.events["a1"]))
        self.assertEqual(seen, self._through_the_registration(coordinator) & lines)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_nobody_rewrites_the_scope_of_a_line(self):
        """The stored school and district are the system's: a coordinator cannot point a line of
        its own at another district (to hide it from a colleague, or to reach another's line)."""
        coordinator = self.users["district_coordinator"]
        line = self.lines.filtered(
            lambda line: line.member_id == self.pupils[self.school_a1] and line.event_id == self.events["a1"]
        )
        for values in (
            {"member_district_id": self.district_b.id},
            {"member_school_id": self.school_b1.id},
            {"member_district_id": False, "member_school_id": False},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                line.with_user(coordinator).write(values)
        self.assertEqual((line.member_district_id, line.member_school_id), (self.district_a, self.school_a1))
        with self.assertRaises(AccessError):
            self.env["youth.event.attendance"].with_user(coordinator).create(
                {
                    "registration_id": line.registration_id.id,
                    "day": "2030-01-01",
                    "member_district_id": self.district_b.id,
                }
            )
        self.assertEqual(self.env["youth.event.attendance"].search_count([("day", "=", "2030-01-01")]), 0)

    def test_counted_on_the_line_alone(self):
        """The coordinator's list of a day reads no registration: the rule is on the line's own
        columns (and the few events of the district)."""
        coordinator = self.users["district_coordinator"]
        query = self.env["youth.event.attendance"].with_user(coordinator)._search([("day", "=", self.lines[0].day)])
        sql = query.select().code
        self.assertNotIn('"event_registration"', sql)
        self.assertIn('"event_event"', sql)

    def test_sql_fill_equals_the_orm(self):
        """``tools/sort_keys.fill_attendance_scope`` (the 18.0.1.8.0 migration) writes what the ORM stores."""
        stored = {line.id: (line.member_school_id.id, line.member_district_id.id) for line in self.lines}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE youth_event_attendance SET member_school_id = NULL, member_district_id = NULL WHERE id IN %s",
                tuple(self.lines.ids),
            )
        )
        self.env.invalidate_all()
        self.assertFalse(self.lines[0].member_district_id, "wiped")
        sort_keys.fill_attendance_scope(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(
            {line.id: (line.member_school_id.id, line.member_district_id.id) for line in self.lines}, stored
        )
        self.assertEqual(len({district for _school, district in stored.values()}), 2)
