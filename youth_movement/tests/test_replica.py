"""Read replicas: which routes Odoo may serve from ``db_replica_host``, that they only read, and that a
family reads its own registration on the primary right after it registered.

Under Odoo's test runner a route marked ``readonly`` gets a cursor whose transaction is read-only, as a
replica's is: a write there fails and Odoo runs the request again on a read/write cursor, with a
warning of ``odoo.http``. A page that does not log that warning has read without writing."""

import contextlib
import datetime
import re
import time

from odoo import fields, http
from odoo.modules.registry import Registry
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..controllers import replica
from ..tools import replica as rules
from .common import GROUPS
from .common_portal import FrontendLanguage, make_child, make_school

FAMILY = replica.family_page
# every route of the addon, and what it is: read on a replica when one is configured (``FAMILY``: unless
# the session wrote lately, for a GET only; True: always), or on the primary (False)
ROUTES = {
    "/my/events": FAMILY,
    "/my/events/page/<int:page>": FAMILY,
    "/my/events/<int:event_id>/register": False,
    "/my/registrations/<int:registration_id>": FAMILY,
    "/my/registrations/<int:registration_id>/cancel": False,
    "/my/registrations/<int:registration_id>/certificate": FAMILY,
    "/my/children": FAMILY,
    "/my/children/<int:member_id>": FAMILY,
    "/my/children/<int:member_id>/history": FAMILY,
    "/my/children/<int:member_id>/consent/<int:consent_id>/withdraw": False,
    "/my/children/<int:member_id>/login": False,
    "/my/children/apply": FAMILY,
    "/my/children/apply/iin": True,
    "/my/counters": replica.family_json,
    "/my/calendar": FAMILY,
    "/my/calendar/renew": False,
    "/my/calendar/revoke": False,
    "/youth/calendar/<string:token>.ics": True,
    "/my/councils": FAMILY,
    "/my/councils/<int:council_id>": FAMILY,
    "/my/councils/meetings/<int:meeting_id>/answer": False,
    "/my/councils/meetings/<int:meeting_id>/protocol": FAMILY,
    "/my/councils/meetings/<int:meeting_id>/pack": FAMILY,
    "/my/councils/meetings/<int:meeting_id>/minutes": FAMILY,
    "/my/votes/<int:vote_id>": FAMILY,
    "/my/decisions/<int:decision_id>": FAMILY,
    # a read of a health card is logged: a write, on the primary
    "/my/children/<int:member_id>/health": False,
    "/my/children/<int:member_id>/health/confirm": False,
    "/youth/health/registration/<int:registration_id>": False,
    "/youth/health/event/<int:event_id>": False,
    "/youth/health/event/<int:event_id>/sheet": False,
    "/youth/health/member/<int:member_id>": False,
    "/youth_movement/report/<int:wizard_id>": True,
    # the login and sign-up pages are Odoo's (read/write); the language switch writes the user's language
    "/web/login": False,
    "/youth/lang/<string:code>": False,
}


@contextlib.contextmanager
def cursors_opened():
    """The ``readonly`` argument of every cursor the server opens meanwhile (a real cursor each time)."""
    modes = []
    cursor = Registry.cursor

    def recording(registry, readonly=False):
        modes.append(readonly)
        return cursor(registry, readonly=readonly)

    Registry.cursor = recording
    try:
        yield modes
    finally:
        Registry.cursor = cursor


@tagged("post_install", "-at_install")
class TestReadReplica(FrontendLanguage, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        env["res.lang"]._activate_lang("en_US")
        cls.school = make_school(env, "Replica school", "Replica district")
        cls.parent = new_test_user(env, "rr_parent", groups="base.group_portal", name="Replica Parent", lang="en_US")
        cls.stranger = new_test_user(env, "rr_stranger", groups="base.group_portal", name="Replica Other", lang="en_US")
        cls.child = make_child(env, cls.school, cls.parent.partner_id, "Aruzhan Replica", 7, 901)
        cls.other_child = make_child(env, cls.school, cls.stranger.partner_id, "Dias Replica", 7, 902)
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=6)
        cls.event = env["event.event"].create(
            {
                "name": "Replica hike",
                "date_begin": begin,
                "date_end": begin + datetime.timedelta(hours=5),
                "youth_level": "region",
            }
        )
        cls.done = cls.event._youth_register(cls.other_child, booker_partner=cls.stranger.partner_id)

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def _dispatch_mode(self, url, **kwargs):
        """The cursor modes the server opened for ``url``, and its response."""
        with cursors_opened() as modes:
            response = self.url_open(url, **kwargs)
        return modes, response

    def test_routes_are_marked(self):
        """Every route of the addon is in the table above, marked as it says: a new route is decided."""
        found = {}
        # the rules ir.http's routing map is made of (the map itself needs the request thread's database)
        Http = self.env["ir.http"]
        modules = sorted(self.env.registry._init_modules)
        for url, endpoint in Http._generate_routing_rules(modules, converters=Http._get_converters()):
            module = getattr(endpoint, "__module__", "") or ""
            if module.startswith("odoo.addons.youth_movement."):
                found[url] = endpoint.routing["readonly"]
        self.assertEqual(sorted(found), sorted(ROUTES), "every route of the addon is listed in ROUTES")
        for url, readonly in found.items():
            self.assertEqual(readonly, ROUTES[url], url)

    def test_family_pages_only_read(self):
        """The family's pages, the ticket and the history answer on a read-only transaction without
        trying to write (no retry on the primary)."""
        registration = self.event._youth_register(self.child, booker_partner=self.parent.partner_id)
        self.authenticate("rr_parent", "rr_parent")
        for url in [
            "/my/events",
            f"/my/registrations/{registration.id}",
            f"/my/children/{self.child.id}/history",
            "/my/children",
            f"/my/children/{self.child.id}",
            "/my/children/apply",
            "/my/calendar",
            "/my/councils",
        ]:
            with self.assertNoLogs("odoo.http", "WARNING"):
                modes, response = self._dispatch_mode(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn(True, modes, f"{url} was served on a read-only cursor")
        self.assertIn("Replica hike", self.url_open("/my/events").text)

    def test_registering_then_reading_on_the_primary(self):
        """A registration is a write: the events page it leads to, and the family's next pages for a
        while, are read on the primary; then on a replica again."""
        session = self.authenticate("rr_parent", "rr_parent")
        modes, _response = self._dispatch_mode("/my/events")
        self.assertIn(True, modes)
        token = self._csrf("/my/events")
        with cursors_opened() as modes:
            response = self.url_open(
                f"/my/events/{self.event.id}/register", data=[("csrf_token", token), ("member_ids", self.child.id)]
            )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/events?message=registered"), response.url)
        self.assertNotIn(True, modes, "the page after the registration was read on the primary")
        registration = self.env["event.registration"].search(
            [("event_id", "=", self.event.id), ("youth_member_id", "=", self.child.id)]
        )
        self.assertEqual(registration.state, "open")
        modes, response = self._dispatch_mode(f"/my/registrations/{registration.id}")
        self.assertNotIn(True, modes, "the ticket right after: the primary")
        self.assertIn(registration.barcode, response.text)
        # the guard's time is over: as if the registration were a minute old
        session = http.root.session_store.get(session.sid)
        session[rules.SESSION_KEY] = time.time() - rules.READ_AFTER_WRITE_SECONDS - 1
        http.root.session_store.save(session)
        modes, response = self._dispatch_mode(f"/my/registrations/{registration.id}")
        self.assertIn(True, modes, "later: a replica")
        self.assertIn(registration.barcode, response.text)

    def test_what_only_reads_leaves_the_session_alone(self):
        """A read-only JSON call (Odoo's counters of /my) is no write: the next page is on a replica."""
        session = self.authenticate("rr_parent", "rr_parent")
        response = self.make_jsonrpc_request("/my/counters", {"counters": ["youth_registration_count"]})
        self.assertEqual(response, {"youth_registration_count": 0})
        self.assertNotIn(rules.SESSION_KEY, http.root.session_store.get(session.sid))
        modes, _response = self._dispatch_mode("/my/events")
        self.assertIn(True, modes)

    @mute_logger("odoo.http")
    def test_not_found_is_asked_of_the_primary(self):
        """A ticket not found on a read-only cursor is looked for on the primary before the 404: another
        family's ticket is refused there too, and nothing of it is shown."""
        self.authenticate("rr_parent", "rr_parent")
        with self.assertLogs("odoo.http", "WARNING") as logs:
            modes, response = self._dispatch_mode(f"/my/registrations/{self.done.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Dias Replica", response.text)
        self.assertIn("asking the primary", "\n".join(logs.output))
        self.assertIn(True, modes, "first a read-only cursor")
        self.assertFalse(modes[-1], "then the primary")

    def test_the_export_streams_from_a_read_only_cursor(self):
        """The manager's Excel export reads only: it is served on a replica, and is the maker's only."""
        manager = new_test_user(self.env, "rr_manager", groups=GROUPS["regional_manager"], lang="en_US")
        wizard = (
            self.env["youth.report.wizard"].with_user(manager).create({"report_member_list": True, "lang": "en_US"})
        )
        url = wizard.action_export()["url"]
        self.authenticate("rr_manager", "rr_manager")
        with self.assertNoLogs("odoo.http", "WARNING"):
            modes, response = self._dispatch_mode(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK", "an .xlsx file")
        self.assertIn(True, modes)
        self.authenticate("rr_parent", "rr_parent")
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 403, "a family may not read the wizards")
        self.assertNotEqual(response.content[:2], b"PK")
