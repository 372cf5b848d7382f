import json

from odoo.tests import tagged
from odoo.tools import SQL

from ..models.event_registration import LIST_ORDER
from ..tools import sort_keys
from .common_event import YouthEventCase

OLD_ORDER = "event_id, state desc, waitlist_position, name"  # the list's order before its sort key
MOVEMENT = [("youth_member_id", "!=", False)]  # the domain of Youth Movement > Registrations


@tagged("post_install", "-at_install")
class TestRegistrationList(YouthEventCase):
    """The movement's registrations list sorts on the registration's own copy of its event's
    start: the same rows in the same order as by the event, read from an index."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # three events, two on the same morning, with seats for two: the third in line waits
        cls.events = (
            cls.make_event(name="Later", start_in_days=9, seats=2)
            | cls.make_event(name="Morning one", start_in_days=4, seats=2)
            | cls.make_event(name="Morning two", start_in_days=4, seats=2)
        )
        pupils = [cls.make_member(school=(cls.school_a1, cls.school_b1)[index % 2]) for index in range(4)]
        cls.registrations = cls.env["event.registration"].create(
            [{"event_id": event.id, "youth_member_id": pupil.id} for event in cls.events for pupil in pupils]
        )

    def _page(self, user, order):
        Registration = self.env["event.registration"].with_user(user)
        return Registration.web_search_read(MOVEMENT, {"display_name": {}}, limit=80, order=order)["records"]

    def test_same_order_as_by_the_event(self):
        view = self.env.ref("youth_movement.youth_event_registration_view_list")
        default_order = view.arch_db.split('default_order="')[1].split('"')[0]
        self.assertEqual(default_order.replace("event_id.id", "event_id"), ", ".join(LIST_ORDER))
        for role in ("district_coordinator", "regional_manager"):
            with self.subTest(role=role):
                ours = [row["id"] for row in self._page(self.users[role], default_order)]
                theirs = [row["id"] for row in self._page(self.users[role], OLD_ORDER)]
                self.assertEqual(ours, theirs)
                self.assertGreaterEqual(len(ours), 6)  # the coordinator: district A's pupils
        self.assertIn("waitlist", self.registrations.mapped("state"))

    def test_the_key_follows_the_event(self):
        event = self.events[0]
        event.write({"date_begin": "2031-01-05 04:00:00", "date_end": "2031-01-05 10:00:00"})
        self.assertEqual(
            set(self.registrations.filtered(lambda r: r.event_id == event).mapped("event_begin")), {event.date_begin}
        )

    def test_a_page_is_read_from_the_index(self):
        self.env.cr.execute("ANALYZE event_registration")
        manager = self.env["event.registration"].with_user(self.users["regional_manager"])
        query = manager._search(
            MOVEMENT, limit=80, order="event_begin, event_id.id, state desc, waitlist_position, name"
        )
        self.env.flush_all()
        self.env.cr.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
        self.env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query.select()))
        plan = json.dumps(self.env.cr.fetchone()[0])
        self.env.cr.execute("SET LOCAL enable_seqscan = on; SET LOCAL enable_sort = on")
        self.assertIn("event_registration_youth_list_order_index", plan)
        self.assertNotIn('"Node Type": "Sort"', plan)

    def test_sql_fill_equals_the_orm(self):
        """``tools/sort_keys.fill_registration_sort_key`` (the 18.0.1.9.0 migration) writes what the ORM stores."""
        stored = {registration.id: registration.event_begin for registration in self.registrations}
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE event_registration SET event_begin = NULL WHERE id IN %s", tuple(self.registrations.ids))
        )
        self.env.invalidate_all()
        self.assertFalse(self.registrations[0].event_begin, "wiped")
        sort_keys.fill_registration_sort_key(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual({registration.id: registration.event_begin for registration in self.registrations}, stored)
