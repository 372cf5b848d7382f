import datetime
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields
from odoo.api import Transaction
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from ..tools import iin as iin_rules

_logger = logging.getLogger(__name__)
PARALLEL = 50
SEATS = 10
RETRYABLE = (errors.SerializationFailure, errors.LockNotAvailable, errors.DeadlockDetected)


@tagged("post_install", "-at_install")
class TestEventConcurrency(BaseCase):
    """Registrations from parallel transactions, each with its own cursor on the real database.

    The data is committed (parallel transactions cannot see an uncommitted test transaction)
    and removed again when the class is done.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_data)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            region = env.ref("youth_movement.state_kz_abai")
            district = env["youth.district"].create({"name": "Concurrency test district", "state_id": region.id})
            school = env["res.partner"].create(
                {
                    "name": "Concurrency test school",
                    "is_company": True,
                    "youth_district_id": district.id,
                    "youth_org_type_id": env.ref("youth_movement.org_type_school").id,
                }
            )
            iins, serial = [], 7001
            while len(iins) < PARALLEL:
                iin = iin_rules.make(datetime.date(2012, 2, 29), "male", serial)
                serial += 7
                if iin not in iins and not env["youth.member"].search_count([("iin", "=", iin)]):
                    iins.append(iin)
            members = env["youth.member"].create(
                [
                    {"name": "Concurrent pupil %02d" % index, "iin": iin, "school_id": school.id, "grade": 7}
                    for index, iin in enumerate(iins)
                ]
            )
            begin = fields.Datetime.now() + datetime.timedelta(days=3)
            event = env["event.event"].create(
                {
                    "name": "Concurrency test event",
                    "date_begin": begin,
                    "date_end": begin + datetime.timedelta(hours=5),
                    "seats_limited": True,
                    "seats_max": SEATS,
                    "youth_level": "district",
                    "district_id": district.id,
                }
            )
            burst = event.copy({"name": "Registration day test event"})
            cls.district_id, cls.school_id, cls.member_ids, cls.event_id = district.id, school.id, members.ids, event.id
            cls.burst_event_id = burst.id

    @classmethod
    def _remove_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            event = env["event.event"].browse([cls.event_id, cls.burst_event_id]).exists()
            registrations = (
                env["event.registration"].with_context(active_test=False).search([("event_id", "in", event.ids)])
            )
            env["mail.mail"].search(
                [("model", "=", "event.registration"), ("res_id", "in", registrations.ids)]
            ).unlink()
            registrations.with_context(youth_seat_checked=True).unlink()
            event.unlink()
            env["youth.member"].browse(cls.member_ids).exists().unlink()
            env["res.partner"].browse(cls.school_id).exists().unlink()
            env["youth.district"].browse(cls.district_id).exists().unlink()

    def _register(self, member_id, barrier, retries):
        """One family's request: like Odoo's HTTP layer, retry on a serialisation failure."""
        barrier.wait(timeout=30)
        for attempt in range(1, 200):
            try:
                with self.registry.cursor() as cr:
                    # the main thread holds the registry lock while tests run: give the cursor its
                    # transaction here, or the Environment would wait for that lock
                    cr.transaction = Transaction(self.registry)
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    member = env["youth.member"].browse(member_id)
                    registration = env["event.event"].browse(self.event_id)._youth_register(member)
                    env.flush_all()
                    return registration.id
            except RETRYABLE:
                retries.append(member_id)
                time.sleep(random.uniform(0, 0.01 * min(attempt, 20)))
        raise AssertionError("registration of member %s never went through" % member_id)

    @mute_logger("odoo.sql_db")
    def test_parallel_registrations_never_overbook(self):
        """50 parallel registrations for 10 seats: exactly 10 seated, the rest in line 1..40, no error."""
        barrier = threading.Barrier(PARALLEL)
        retries = []
        with ThreadPoolExecutor(max_workers=PARALLEL) as executor:
            futures = [executor.submit(self._register, member_id, barrier, retries) for member_id in self.member_ids]
            registration_ids = [future.result(timeout=300) for future in futures]
        _logger.info(
            "%s parallel registrations for %s seats: %s retries after serialisation failures",
            PARALLEL,
            SEATS,
            len(retries),
        )
        self.assertEqual(len(set(registration_ids)), PARALLEL)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            registrations = env["event.registration"].search([("event_id", "=", self.event_id)], order="id")
            self.assertEqual(len(registrations), PARALLEL)
            seated = registrations.filtered(lambda r: r.state == "open")
            waiting = registrations.filtered(lambda r: r.state == "waitlist")
            self.assertEqual(len(seated), SEATS)
            self.assertEqual(len(waiting), PARALLEL - SEATS)
            self.assertEqual(
                waiting.mapped("waitlist_position"),
                list(range(1, PARALLEL - SEATS + 1)),
                "the line runs 1..N without gaps, in the order the registrations were decided",
            )
            self.assertTrue(all(r.id < w.id for r in seated for w in waiting), "the seats went to the first decided")
            self.assertEqual(env["event.event"].browse(self.event_id).seats_taken, SEATS)

    def _register_as_the_portal_does(self, member_id, barrier, failures):
        """One family's request as the portal makes it, with no retry: the request has read the
        event (its snapshot is taken), then all press the button together."""
        try:
            with self.registry.cursor() as cr:
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                event = env["event.event"].browse(self.burst_event_id)
                event.read(["seats_available"])  # the page the family is on read it
                member = env["youth.member"].browse(member_id)
                barrier.wait(timeout=30)
                event._youth_seat_turn()
                registration = event._youth_register(member)
                env.flush_all()
                return registration.id
        except Exception as error:  # every failure is counted: a family turned away
            failures.append((member_id, repr(error)))
            return None

    @mute_logger("odoo.sql_db")
    def test_registration_day_burst_without_retries(self):
        """50 families at the same second for 10 seats, each request tried once: none fails, 10
        are seated, 40 are in line 1..40 in the order the seats were decided."""
        barrier = threading.Barrier(PARALLEL)
        failures = []
        with ThreadPoolExecutor(max_workers=PARALLEL) as executor:
            futures = [
                executor.submit(self._register_as_the_portal_does, member_id, barrier, failures)
                for member_id in self.member_ids
            ]
            results = [future.result(timeout=300) for future in futures]
        self.assertEqual(failures, [])
        self.assertEqual(len(set(results)), PARALLEL)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            registrations = env["event.registration"].search([("event_id", "=", self.burst_event_id)], order="id")
            seated = registrations.filtered(lambda r: r.state == "open")
            waiting = registrations.filtered(lambda r: r.state == "waitlist").sorted("waitlist_position")
            self.assertEqual((len(seated), len(waiting)), (SEATS, PARALLEL - SEATS))
            self.assertEqual(waiting.mapped("waitlist_position"), list(range(1, PARALLEL - SEATS + 1)))
            self.assertEqual(waiting.ids, sorted(waiting.ids), "the line is in the order the seats were decided")
            self.assertTrue(all(r.id < w.id for r in seated for w in waiting), "the seats went to the first decided")
