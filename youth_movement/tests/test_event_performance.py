import logging

from odoo.tests import new_test_user, tagged

from .common import list_specification
from .common_event import YouthEventCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestEventQueryCounts(YouthEventCase):
    """The event list and a registration cost the same number of queries at any size."""

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _make_events(self, count):
        for _index in range(count):
            event = self.make_event(youth_level="district", district_id=self.district_a.id, seats=3)
            event._youth_register(self.make_member(school=self.school_a1))

    def test_event_list(self):
        """The coordinator's event list reads 5 or 50 events with the same queries."""
        Event = self.env["event.event"].with_user(self.users["district_coordinator"])
        specification = list_specification(
            self.env["event.event"], self.env.ref("youth_movement.youth_event_view_list")
        )
        domain = [("district_id", "=", self.district_a.id)]

        def read():
            Event.web_search_read(domain, specification, limit=80)

        self._make_events(5)
        read()  # warm the caches (rules, views, translations)
        few = self._queries(read)
        self._make_events(45)
        many = self._queries(read)
        self.assertEqual(Event.search_count(domain), 50)
        self.assertEqual(few, many, "the event list must not run a query per event")

    def test_registration(self):
        """Registering a pupil costs the same with 5 or 50 registrations on the event."""
        user = self.users["district_coordinator"]
        event = self.make_event(youth_level="district", district_id=self.district_a.id, seats=200)
        members = [self.make_member(school=self.school_a1) for _index in range(52)]

        def register(member):
            return lambda: event.with_user(user)._youth_register(member.with_user(user))

        for member in members[:4]:
            event._youth_register(member)
        self._queries(register(members[4]))  # warm the caches
        few = self._queries(register(members[5]))
        for member in members[6:50]:
            event._youth_register(member)
        many = self._queries(register(members[50]))
        _logger.info("one registration: %s queries beside 5 registrations, %s beside 50", few, many)
        self.assertEqual(event.seats_taken, 51)
        self.assertEqual(few, many, "a registration must not run a query per registration")

    def test_registration_beside_odoo(self):
        """A coordinator's registration of a pupil costs at most 1.5 times the queries of Odoo's own
        registration by an event user, both leaving the confirmation to the mail scheduler (Odoo's
        through its ``event.event_mail_async``), measured warm in the same run."""
        self.env["ir.config_parameter"].sudo().set_param("event.event_mail_async", "1")
        coordinator = self.users["district_coordinator"]
        ours = self.make_event(youth_level="district", district_id=self.district_a.id, seats=50)
        members = [self.make_member(school=self.school_a1) for _index in range(3)]
        event_user = new_test_user(self.env, "odoo_event_user", groups="base.group_user,event.group_event_user")
        stock = self.env["event.event"].create(
            {
                "name": "Odoo's own open day",
                "date_begin": ours.date_begin,
                "date_end": ours.date_end,
                "seats_limited": True,
                "seats_max": 50,
            }
        )

        def register(member):
            return lambda: ours.with_user(coordinator)._youth_register(member.with_user(coordinator))

        def register_stock(number):
            # as the coordinator books for a pupil: a contact books, the attendee is named
            return (
                lambda: self.env["event.registration"]
                .with_user(event_user)
                .create(
                    {
                        "event_id": stock.id,
                        "partner_id": event_user.partner_id.id,
                        "name": "Guest %s" % number,
                        "email": "guest%s@example.kz" % number,
                    }
                )
            )

        self._queries(register(members[0]))  # warm the caches (rules, groups, views)
        self._queries(register_stock(0))
        movement = self._queries(register(members[1]))
        odoo = self._queries(register_stock(1))
        _logger.info("one registration: %s queries, Odoo's own %s", movement, odoo)
        self.assertEqual(len(ours.registration_ids) + len(stock.registration_ids), 4)
        self.assertLessEqual(movement, 1.5 * odoo, f"{movement} queries against Odoo's {odoo}")
