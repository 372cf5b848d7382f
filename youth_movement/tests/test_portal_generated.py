"""Generated inputs on every portal form a family uses besides the application (which
``test_portal`` covers): sign-up, registration, cancellation, consent withdrawal, the child's own
login and the language switch. Each form gets 500 generated posts, many of them nearly right,
and after each the database is checked: never a server error, never another family's record
touched, never a half-written record."""

import datetime
import re
from urllib.parse import quote, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import email_normalize, mute_logger

from .common_portal import make_child, make_school

EXAMPLES = 500
# the answers a portal form may give: the page (with its error), a redirect, or "not yours"
ANSWERS = (200, 303, 404)
REDIRECTS = (301, 302, 303, 307, 308)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
NUMBERS = st.one_of(st.integers(-(2**40), 2**40).map(str), TEXT, st.just(""))


def generated(test):
    """500 examples, no deadline (a request may be slow on a loaded machine), no example database."""
    return settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))(test)


@tagged("post_install", "-at_install")
class TestPortalGeneratedInputs(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("kk_KZ")
        env["res.lang"]._activate_lang("ru_RU")
        cls.school = make_school(env, "Generated school", "Generated district")
        cls.parent = new_test_user(env, "gen_parent", groups="base.group_portal", name="Generated Parent")
        cls.other = new_test_user(env, "gen_other", groups="base.group_portal", name="Other Parent")
        cls._serial = 7000
        cls.children = cls._child(8) | cls._child(6) | cls._child(2)
        cls.other_child = cls._child(7, parent=cls.other)
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=10)
        Event = env["event.event"]
        common = {"date_begin": begin, "date_end": begin + datetime.timedelta(days=1)}
        cls.small = Event.create(dict(common, name="Two seats", youth_level="region", seats_limited=True, seats_max=2))
        cls.open_event = Event.create(dict(common, name="Open forum", youth_level="region", grade_min=5))
        cls.past = Event.create(
            dict(
                common,
                name="Last year",
                youth_level="region",
                date_begin=begin - datetime.timedelta(days=400),
                date_end=begin - datetime.timedelta(days=399),
            )
        )
        cls.odoo_event = Event.create(dict(common, name="Department party"))
        cls.other_registration = cls.small._youth_register(cls.other_child, booker_partner=cls.other.partner_id)

    @classmethod
    def _child(cls, grade, parent=None, year=None):
        cls._serial += 13
        guardian = (parent or cls.parent).partner_id
        return make_child(cls.env, cls.school, guardian, f"Generated child {cls._serial}", grade, cls._serial, year)

    def _csrf(self, url="/my"):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post(self, url, data):
        response = self.url_open(url, data=data, allow_redirects=False)
        self.assertIn(response.status_code, ANSWERS, (url, data))
        self.assertNotIn("Traceback", response.text)
        return response

    def _snapshot(self, records, fnames):
        records.invalidate_recordset()
        return [tuple(record[f] for f in fnames) for record in records.sudo()]

    def _assert_seats_hold(self):
        """No event overbooked; every waitlist numbered 1..n; the Odoo event has no pupil."""
        Registration = self.env["event.registration"]
        Registration.invalidate_model()
        for event in self.small | self.open_event | self.past:
            registrations = Registration.search([("event_id", "=", event.id)])
            seated = registrations.filtered(lambda r: r.state in ("open", "done"))
            if event.seats_limited:
                self.assertLessEqual(len(seated), event.seats_max, event.name)
            line = registrations.filtered(lambda r: r.state == "waitlist").sorted("waitlist_position")
            self.assertEqual(line.mapped("waitlist_position"), list(range(1, len(line) + 1)), event.name)
            self.assertLessEqual(registrations.youth_member_id, self.children | self.other_child)
        self.assertFalse(Registration.search([("event_id", "=", self.odoo_event.id)]))

    # ------------------------------------------------------------------ registration
    @mute_logger("odoo.http")
    def test_generated_registrations(self):
        """Children of one's own, another family's, or made up; movement events, an Odoo event, a
        past one or none: each post registers only one's own eligible children, once each."""
        self.authenticate("gen_parent", "gen_parent")
        token = self._csrf("/my/events")
        other_before = self._snapshot(self.other_registration, ["state", "youth_member_id", "partner_id"])
        events = [self.small.id, self.open_event.id, self.past.id, self.odoo_event.id, 999999]
        children = [str(i) for i in self.children.ids] + [str(self.other_child.id)]
        child_values = st.one_of(st.sampled_from(children), NUMBERS)

        @generated
        @given(st.sampled_from(events), st.lists(child_values, max_size=5), st.booleans())
        def post(event_id, chosen, cancel_first):
            if cancel_first:  # start over now and then, so that seats and waitlists keep moving
                self.env["event.registration"].sudo().search(
                    [("youth_member_id", "in", self.children.ids), ("state", "!=", "cancel")]
                ).action_youth_cancel()
            last = self._last_id("event.registration")
            data = [("csrf_token", token)] + [("member_ids", value) for value in chosen]
            response = self._post(f"/my/events/{event_id}/register", data)
            new = self.env["event.registration"].sudo().search([("id", ">", last)])
            if event_id in (self.odoo_event.id, 999999):
                self.assertEqual(response.status_code, 404)
            self.assertLessEqual(new.youth_member_id, self.children.filtered(lambda c: str(c.id) in chosen))
            self.assertEqual(len(new), len(new.youth_member_id), "one registration per child")
            self.assertTrue(all(r.partner_id == self.parent.partner_id for r in new), "booked by the parent")
            self._assert_seats_hold()

        post()
        self.assertEqual(
            self._snapshot(self.other_registration, ["state", "youth_member_id", "partner_id"]), other_before
        )

    def _last_id(self, model):
        return self.env[model].sudo().with_context(active_test=False).search([], order="id desc", limit=1).id

    # ------------------------------------------------------------------ cancellation
    @mute_logger("odoo.http")
    def test_generated_cancellations(self):
        """Cancelling one's own registration (seated, waiting, past, already cancelled), another
        family's or a made-up one: only one's own upcoming registration is cancelled, and the
        first in line takes the freed seat."""
        mine = (
            self.small._youth_register(self.children[0], booker_partner=self.parent.partner_id)
            | self.small._youth_register(self.children[1], booker_partner=self.parent.partner_id)
            | self.open_event._youth_register(self.children[0], booker_partner=self.parent.partner_id)
        )
        # a registration of last year's event, made when it was to come
        mine |= self.env["event.registration"].create(
            {"event_id": self.past.id, "youth_member_id": self.children[1].id, "partner_id": self.parent.partner_id.id}
        )
        self.authenticate("gen_parent", "gen_parent")
        token = self._csrf("/my/events")
        other_before = self._snapshot(self.other_registration, ["state", "waitlist_position"])
        ids = mine.ids + [self.other_registration.id]

        @generated
        @given(st.one_of(st.sampled_from(ids), st.integers(0, 2**31 - 1)), st.booleans(), st.booleans())
        def post(registration_id, take_up_again, with_token):
            registration = self.env["event.registration"].sudo().browse(registration_id).exists()
            if take_up_again and registration in mine and registration.state == "cancel":
                registration._youth_take_seat()
            registration.invalidate_recordset()
            state = registration.state if registration else None
            data = {"csrf_token": token} if with_token else {"confirm": "1"}  # a POST all the same
            response = self.url_open(f"/my/registrations/{registration_id}/cancel", data=data, allow_redirects=False)
            self.assertIn(response.status_code, ANSWERS + (400,), registration_id)
            self.assertNotIn("Traceback", response.text)
            registration.invalidate_recordset()
            if registration not in mine or not with_token:
                self.assertEqual(registration.state if registration else None, state, "not theirs to cancel")
                if registration not in mine:
                    self.assertIn(response.status_code, (400, 404) if not with_token else (404,))
            elif registration.event_id == self.past:
                self.assertEqual(registration.state, state, "a past event stays as it was")
            else:
                self.assertEqual(registration.state, "cancel")
            self._assert_seats_hold()

        post()
        self.assertEqual(self._snapshot(self.other_registration, ["state", "waitlist_position"]), other_before)

    # ------------------------------------------------------------------ consent withdrawal
    @mute_logger("odoo.http")
    def test_generated_consent_withdrawals(self):
        """Withdrawing consents by any pair of ids: only an optional consent of one's own child is
        withdrawn; the required ones and the other family's stay given."""
        Consent = self.env["youth.consent"].sudo()
        photo = self.env.ref("youth_movement.consent_type_photo_video")
        required = self.env["youth.consent.type"].search([("is_required", "=", True)], limit=1)
        child = self.children[0]
        optional = Consent.create(
            {"member_id": child.id, "guardian_id": self.parent.partner_id.id, "type_id": photo.id}
        )
        needed = Consent.create(
            {"member_id": child.id, "guardian_id": self.parent.partner_id.id, "type_id": required.id}
        )
        others = Consent.create(
            {"member_id": self.other_child.id, "guardian_id": self.other.partner_id.id, "type_id": photo.id}
        )
        self.authenticate("gen_parent", "gen_parent")
        token = self._csrf(f"/my/children/{child.id}")
        members = [child.id, self.children[1].id, self.other_child.id]
        consents = (optional | needed | others).ids

        @generated
        @given(
            st.one_of(st.sampled_from(members), st.integers(0, 2**31 - 1)),
            st.one_of(st.sampled_from(consents), st.integers(0, 2**31 - 1)),
        )
        def post(member_id, consent_id):
            optional.withdrawn_date = False  # given again, so that every example may withdraw it
            self._post(f"/my/children/{member_id}/consent/{consent_id}/withdraw", {"csrf_token": token})
            (optional | needed | others).invalidate_recordset()
            expected = "withdrawn" if (member_id, consent_id) == (child.id, optional.id) else "given"
            self.assertEqual(optional.state, expected, (member_id, consent_id))
            self.assertEqual((needed.state, others.state), ("given", "given"))

        post()

    # ------------------------------------------------------------------ the health card
    def test_generated_health_cards(self):
        """The health card posted for any child with any values: a card is stored only for one's own
        child, only with the consent, exactly as typed (trimmed) when the form has no error; another
        family's child never gets one."""
        child = self.children[0]
        Card = self.env["youth.health.card"].sudo()
        self.authenticate("gen_parent", "gen_parent")
        token = self._csrf(f"/my/children/{child.id}")
        phones = st.one_of(st.sampled_from(["+7 701 555 12 34", "8 (7222) 52-00-00", ""]), TEXT)
        names = st.one_of(st.sampled_from(["Aigerim", "Ерлан Сейітов", ""]), TEXT)
        texts = st.one_of(st.just(""), TEXT, st.text(min_size=1990, max_size=2010, alphabet="ab "))

        @generated
        @given(
            st.one_of(st.sampled_from([child.id, self.other_child.id]), st.integers(0, 2**31 - 1)),
            st.fixed_dictionaries(
                {"allergies": texts, "diet": texts, "contact_name_0": names, "contact_phone_0": phones},
                optional={"contact_name_1": names, "contact_phone_1": phones, "consent": st.sampled_from(["on", "x"])},
            ),
        )
        def post(member_id, values):
            before = self._snapshot(Card.search([("member_id", "=", child.id)]), ["allergies", "diet"])
            self._post(f"/my/children/{member_id}/health", dict(values, csrf_token=token))
            card = Card.search([("member_id", "=", child.id)])
            self.assertFalse(Card.search([("member_id", "=", self.other_child.id)]))
            consented = bool(Card._youth_consent(child))
            expected_errors = Card._portal_form_errors(values, bool(before) and consented)
            if member_id == child.id and not expected_errors:
                self.assertTrue(card and consented, values)
                self.assertEqual(card.allergies or "", values["allergies"].strip(), values)
                rows = [
                    (
                        (values.get(f"contact_name_{row}") or "").strip(),
                        (values.get(f"contact_phone_{row}") or "").strip(),
                    )
                    for row in range(3)  # the form's rows: the test posts the first two
                ]
                stored = [(c.name, c.phone) for c in card.contact_ids.sorted("sequence")]
                self.assertEqual(stored, [row for row in rows if row[0]], values)
            else:
                self.assertEqual(self._snapshot(card, ["allergies", "diet"]), before, (member_id, values))
            self.assertEqual(bool(card), consented, "a card exactly where its consent is given")

        post()

    # ------------------------------------------------------------------ the child's own login
    @mute_logger("odoo.http", "odoo.addons.portal.wizard.portal_wizard")
    def test_generated_child_logins(self):
        """Addresses of every shape for an older child, a younger one and another family's: a login
        is created only for one's own child of 12 or more, with the address normalised, or nothing."""
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        taken = new_test_user(self.env, "taken.login@example.kz", groups="base.group_portal", email="taken@example.kz")
        younger = self.children[2]
        self.authenticate("gen_parent", "gen_parent")
        token = self._csrf(f"/my/children/{younger.id}")
        emails = st.one_of(
            st.emails(),
            TEXT,
            st.sampled_from(["", " ", "taken.login@example.kz", "A@B.kz, c@d.kz", "a@b", "a" * 300 + "@example.kz"]),
            st.emails().map(lambda e: f"  {e.upper()}  "),
        )
        outcomes = {"login": 0, "refused": 0}

        @generated
        @given(st.sampled_from(["older", "younger", "other"]), emails)
        def post(whose, email):
            member = {"older": self._child(10, year=2010), "younger": younger, "other": self.other_child}[whose]
            users_before = Users.search_count([])
            response = self._post(f"/my/children/{member.id}/login", {"csrf_token": token, "email": email})
            created = member.partner_id.with_context(active_test=False).user_ids
            if whose != "older":
                self.assertFalse(created)
                self.assertEqual(Users.search_count([]), users_before)
                if whose == "other":
                    self.assertEqual(response.status_code, 404)
                return
            if response.status_code == 303:
                self.assertEqual(len(created), 1)
                self.assertTrue(created.share)
                self.assertEqual(created.login, created.email)
                # the portal wizard's login: Odoo's normal form of the text typed (the address in it)
                self.assertEqual(created.login, email_normalize(email))
                self.assertEqual(Users.search_count([]), users_before + 1)
                outcomes["login"] += 1
            else:
                self.assertFalse(created)
                self.assertEqual(Users.search_count([]), users_before)
                self.assertIn("o_youth_login_error", response.text)
                outcomes["refused"] += 1

        post()
        self.assertEqual(taken.login, "taken.login@example.kz")
        self.assertGreaterEqual(min(outcomes.values()), 10, f"the examples reach every outcome: {outcomes}")

    # ------------------------------------------------------------------ the language switch
    def test_generated_language_switches(self):
        """Any code and any redirect: the page stays on this site, and the language is one of the
        installed ones, the one asked for when it is installed."""
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        redirects = st.one_of(
            TEXT,
            st.sampled_from(["/my", "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:x"]),
        )

        self.authenticate(None, None)

        # a "/" in the code makes another path (werkzeug decodes %2F), which is not this route:
        # Odoo's own fallback answers those, and answers a NUL in any unknown path with a 500
        codes = st.one_of(st.sampled_from(installed), TEXT.filter(lambda text: text and "/" not in text))

        @generated
        @given(codes, redirects, st.booleans())
        def switch(code, redirect, logged_in):
            if logged_in:
                self.authenticate("gen_parent", "gen_parent")
            else:
                self.logout(keep_db=True)
            before = self.parent.lang
            url = f"/youth/lang/{quote(code, safe='')}?redirect={quote(redirect, safe='')}"
            for _hop in range(3):  # the website may first put the language in the path, as a browser follows
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, REDIRECTS + (404,), (code, redirect))
                if response.status_code not in REDIRECTS:
                    break
                location = urlsplit(response.headers["Location"])
                self.assertIn(location.netloc, ("", urlsplit(self.base_url()).netloc), (code, redirect))
                self.assertFalse(location.path.startswith("//"), (code, redirect))
                if "/youth/lang/" not in location.path:
                    break
                url = location.path + (f"?{location.query}" if location.query else "")
            self.parent.invalidate_recordset()
            self.assertIn(self.parent.lang, installed)
            if logged_in and code in installed:
                self.assertEqual(self.parent.lang, code)
            elif not logged_in:
                self.assertEqual(self.parent.lang, before)

        switch()

    # ------------------------------------------------------------------ sign-up
    @mute_logger("odoo.http", "odoo.addons.auth_signup.controllers.main")
    def test_generated_signups(self):
        """Sign-ups of every shape: an account with the typed login, portal only, in an installed
        language, or the form again and no account."""
        self.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        password = st.sampled_from(["a-Long-pass-2026", "short", ""])
        outcomes = {"account": 0, "form": 0}
        self.authenticate(None, None)

        @st.composite
        def signups(draw):
            pwd = draw(password)
            return {
                "login": draw(st.one_of(st.emails(), TEXT, st.just("gen_parent"))),
                "name": draw(st.one_of(st.just("New Parent"), TEXT)),
                "password": pwd,
                "confirm_password": draw(st.one_of(st.just(pwd), password)),
                "lang": draw(st.one_of(st.sampled_from(installed), TEXT)),
            }

        @generated
        @given(signups())
        def post(values):
            self.logout(keep_db=True)
            page = self.url_open("/web/signup")
            values["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            last = self._last_id("res.users")
            response = self.url_open("/web/signup", data=values, allow_redirects=False)
            self.assertIn(response.status_code, (200, 303), values)
            self.assertNotIn("Traceback", response.text)
            created = Users.search([("id", ">", last)])
            if response.status_code == 303:
                self.assertEqual(len(created), 1, values)
                self.assertEqual(created.login.strip().lower(), values["login"].strip().lower(), values)
                self.assertTrue(created.has_group("base.group_portal"))
                self.assertFalse(created.has_group("base.group_user"))
                self.assertIn(created.lang, installed)
                outcomes["account"] += 1
            else:
                self.assertFalse(created, values)
                outcomes["form"] += 1

        post()
        self.assertEqual(self.parent.login, "gen_parent")
        self.assertGreaterEqual(min(outcomes.values()), 10, f"the examples reach every outcome: {outcomes}")
