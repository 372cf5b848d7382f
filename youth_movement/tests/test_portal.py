import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from ..tools import iin as iin_rules
from .common import GROUPS
from .common_portal import FrontendLanguage, make_school


@tagged("post_install", "-at_install")
class TestPortal(FrontendLanguage, HttpCase, MockEmail):
    """The family portal: sign-up, application, decisions, the children's pages and their guards."""

    maxDiff = None  # the pages compared line by line show their differing lines

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for code in ("en_US", "kk_KZ", "ru_RU"):  # English is inactive where the others were loaded at install
            env["res.lang"]._activate_lang(code)
        cls.school = make_school(env, "Portal school", "Portal district")
        cls.other_school = make_school(env, "Far school", "Other district")
        cls.district, cls.other_district = cls.school.youth_district_id, cls.other_school.youth_district_id
        cls.parent_user = new_test_user(env, "parent_a", groups="base.group_portal", name="Parent A", lang="en_US")
        cls.other_user = new_test_user(env, "parent_b", groups="base.group_portal", name="Parent B", lang="en_US")
        cls.leader = new_test_user(
            env, "portal_leader", groups=GROUPS["school_leader"], youth_school_ids=[(6, 0, cls.school.ids)]
        )
        # the other family's child, with a consent
        cls.other_child = env["youth.member"].create(
            {
                "name": "Secret Child",
                "iin": iin_rules.make(__import__("datetime").date(2012, 5, 6), "male", 77),
                "school_id": cls.other_school.id,
                "grade": 7,
                "status": "active",
            }
        )
        env["youth.guardian.link"].create(
            {"member_id": cls.other_child.id, "guardian_id": cls.other_user.partner_id.id, "relation": "father"}
        )
        cls.other_consent = env["youth.consent"].create(
            {
                "member_id": cls.other_child.id,
                "guardian_id": cls.other_user.partner_id.id,
                "type_id": env.ref("youth_movement.consent_type_photo_video").id,
            }
        )
        cls._serial = 1000

    def _iin(self, year=2013, sex="female"):
        type(self)._serial += 17
        return iin_rules.make(__import__("datetime").date(year, 3, 4), sex, self._serial)

    def _csrf(self, url="/my/children/apply"):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _application(self, **values):
        data = {
            "name": "New Child",
            "iin": self._iin(),
            "district_id": str(self.district.id),
            "school_id": str(self.school.id),
            "grade": "6",
            "class_letter": "А",
            "relation": "mother",
            "consent_personal_data": "1",
            "consent_photo_video": "1",
        }
        data.update(values)
        return {key: value for key, value in data.items() if value is not None}

    def _apply(self, **values):
        data = self._application(**values)
        data["csrf_token"] = self._csrf()
        return self.url_open("/my/children/apply", data=data), data

    def test_signup_with_language(self):
        """Anyone signs up from the login page and picks Kazakh or Russian."""
        self.env["ir.config_parameter"].set_param("auth_signup.invitation_scope", "b2c")
        page = self.url_open("/web/signup")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="lang"', page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/web/signup",
            data={
                "csrf_token": token,
                "login": "new.parent@example.kz",
                "name": "New Parent",
                "password": "a-Long-pass-2026",
                "confirm_password": "a-Long-pass-2026",
                "lang": "kk_KZ",
            },
        )
        self.assertEqual(response.status_code, 200)
        user = self.env["res.users"].search([("login", "=", "new.parent@example.kz")])
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertEqual(user.lang, "kk_KZ")

    def test_language_switch_on_login(self):
        """The login page offers Kazakh, Russian and English and switches to them."""
        page = self.url_open("/web/login")
        self.assertIn("/youth/lang/kk_KZ", page.text)
        self.url_open("/youth/lang/ru_RU?redirect=/web/login")
        self.assertIn('"lang": "ru_RU"', self.url_open("/web/login").text)
        self.url_open("/youth/lang/xx_XX?redirect=https://evil.example")
        self.assertIn('"lang": "ru_RU"', self.url_open("/web/login").text, "unknown languages are ignored")

    def test_language_switch_reaches_the_portal(self):
        """The language link switches the portal pages too, not only the login page."""
        self.authenticate("parent_a", "parent_a")
        self.url_open("/my")  # the portal remembers English in the frontend_lang cookie
        page = self.url_open("/youth/lang/ru_RU?redirect=/my/children")
        self.assertTrue(page.url.endswith("/ru/my/children"), page.url)
        self.assertEqual(self.parent_user.lang, "ru_RU")

    def test_application_creates_applicant_link_and_consents(self):
        """A parent's application creates the applicant, the parent link and the consents."""
        self.authenticate("parent_a", "parent_a")
        response, data = self._apply()
        self.assertEqual(response.status_code, 200)
        member = self.env["youth.member"].search([("iin", "=", data["iin"])])
        self.assertEqual(member.status, "applicant")
        self.assertEqual(member.applied_by_id, self.parent_user.partner_id)
        self.assertEqual(member.guardian_link_ids.guardian_id, self.parent_user.partner_id)
        self.assertTrue(member.guardian_link_ids.is_legal_representative)
        self.assertEqual(set(member.consent_ids.type_id.mapped("code")), {"personal_data", "photo_video"})
        self.assertEqual(set(member.consent_ids.mapped("channel")), {"portal"})
        self.assertTrue(response.url.endswith("/my/children?message=applied"), response.url)
        self.assertIn("New Child", response.text)
        self.assertIn("the application has been sent to the school", response.text)

    def test_application_errors_beside_fields_and_nothing_written(self):
        """Bad input comes back beside each field, with what was typed kept, and nothing is created."""
        self.authenticate("parent_a", "parent_a")
        count = self.env["youth.member"].search_count([])
        good = self._iin()
        response, _data = self._apply(
            name="Kept Name",
            iin=good[:11] + str((int(good[11]) + 1) % 10),
            school_id=str(self.other_school.id),
            grade="12",
            consent_personal_data=None,
        )
        self.assertEqual(response.status_code, 200)
        text = response.text
        for field in ("iin", "school_id", "grade", "consent_personal_data"):
            self.assertIn(f'id="error_{field}"', text, field)
        self.assertIn('value="Kept Name"', text)
        self.assertIn("check digit", text)
        self.assertEqual(self.env["youth.member"].search_count([]), count)

    # ------------------------------------------------------------------ the form is no oracle
    def _sign_up(self, login, name):
        """A stranger makes an account through the sign-up form, as anyone may, and is logged in."""
        self.env["ir.config_parameter"].set_param("auth_signup.invitation_scope", "b2c")
        self.authenticate(None, None)
        page = self.url_open("/web/signup")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        password = login + "-Pass-2026"
        self.url_open(
            "/web/signup",
            data={
                "csrf_token": token,
                "login": login,
                "name": name,
                "password": password,
                "confirm_password": password,
                "lang": "en_US",
            },
        )
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user._is_portal(), "the stranger is a self-signed-up portal user")
        self.authenticate(login, password)
        return user

    def _what_a_stranger_sees(self, user, iin):
        """Apply as ``user`` for "Probe Child" with ``iin``; return every answer the portal gives."""
        data = self._application(name="Probe Child", iin=iin)
        data["csrf_token"] = self._csrf()
        answer = self.url_open("/my/children/apply", data=data, allow_redirects=False)
        seen = {"status": answer.status_code, "location": answer.headers.get("Location", "")}
        for url in (answer.headers.get("Location", "/none"), "/my/children", "/my", "/my/events"):
            page = self.url_open(url)
            seen[url] = (page.status_code, self._masked(page.text, user, iin).splitlines())
        seen["counters"] = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["youth_children_count", "youth_registration_count"]}
        )
        token = self._csrf()
        again = self.url_open("/my/children/apply", data=dict(data, csrf_token=token), allow_redirects=False)
        seen["again"] = (again.status_code, self._masked(again.text, user, iin).splitlines())
        return seen

    @staticmethod
    def _masked(text, user, iin):
        """The page without what differs from one account to another: names, ids, tokens, dates,
        and the IIN typed, with the birth date and sex the form reads from it."""
        for value in (user.name, user.login, user.partner_id.name):
            text = text.replace(value, "<who>")
        text = re.sub(r"Born (.*), (Male|Female)", r"Born \1, <sex>", text.replace(iin, "<iin>"))
        text = re.sub(r"\b[0-9a-f]{40}o\d*\b", "<csrf>", text)
        text = re.sub(r"\b\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2})?\b|\b\d{2}/\d{2}/\d{4}\b", "<date>", text)
        return re.sub(r"(/|\bid=|[\"']?(?:uid|id|partner_id|user_id|res_id)[\"']?\s*[:=]\s*)\d+", r"\1<id>", text)

    def _snapshot(self, member):
        """What the database holds about a child and its family, to prove an attack changed nothing."""
        member = member.sudo().with_context(active_test=False)
        stored = [name for name, field in member._fields.items() if field.store and name != "message_ids"]
        return {
            "member": member.read(stored),
            "links": member.guardian_link_ids.read(["guardian_id", "relation", "is_legal_representative"]),
            "consents": member.consent_ids.read(["guardian_id", "type_id", "state", "version"]),
            "messages": member.message_ids.ids,
            "followers": member.message_follower_ids.partner_id.ids,
            "counts": {
                model: self.env[model].sudo().with_context(active_test=False).search_count([])
                for model in (
                    "youth.member",
                    "res.partner",
                    "youth.guardian.link",
                    "youth.consent",
                    "event.registration",
                    "res.users",
                )
            },
            "mails to the family": self.env["mail.mail"]
            .sudo()
            .search_count([("recipient_ids", "in", member.guardian_link_ids.guardian_id.ids)]),
        }

    def test_taken_iin_reveals_nothing(self):
        """A stranger who applies with a member's IIN gets, page for page, what a new IIN gets; the
        member is untouched and the school gets a claim to settle."""
        school_leader = new_test_user(
            self.env, "far_leader", groups=GROUPS["school_leader"], youth_school_ids=[(6, 0, self.other_school.ids)]
        )
        honest = self._sign_up("honest@example.kz", "Honest Parent")
        fresh = self._what_a_stranger_sees(honest, self._iin())

        before = self._snapshot(self.other_child)
        stranger = self._sign_up("stranger@example.kz", "Curious Stranger")
        users = before["counts"]["res.users"] + 1
        before["counts"].update({"res.users": users, "res.partner": before["counts"]["res.partner"] + 1})
        taken = self._what_a_stranger_sees(stranger, self.other_child.iin)

        self.assertEqual(fresh["status"], 303)
        self.assertTrue(fresh["location"].endswith("/my/children?message=applied"), fresh["location"])
        self.assertIn("the application has been sent to the school", "\n".join(fresh[fresh["location"]][1]))
        self.assertIn("Probe Child", "\n".join(fresh["/my/children"][1]))
        self.assertIn("already on your list", "\n".join(fresh["again"][1]))
        self.assertEqual(fresh["counters"]["youth_children_count"], 1)
        for key in fresh:
            self.assertEqual(taken[key], fresh[key], f"{key}: a taken IIN must read as a new one")
        for secret in ("Secret Child", "Parent B", "Far school</td>", "already registered"):
            self.assertNotIn(secret, str(taken))

        # the database: nothing about the child or its family changed, nobody was told anything
        self.assertEqual(self._snapshot(self.other_child), before)
        claim = self.env["youth.member.claim"].search([("partner_id", "=", stranger.partner_id.id)])
        self.assertEqual(len(claim), 1, "the second try made no second claim")
        self.assertEqual((claim.member_id, claim.state, claim.name), (self.other_child, "open", "Probe Child"))
        self.assertEqual(claim.school_id, self.school, "what the stranger typed")
        self.assertEqual(claim.activity_ids.user_id, school_leader, "the staff of the child's school are told")
        # the child's family hears nothing; each applicant, the same acknowledgement
        self.assertFalse(self.env["mail.mail"].search([("recipient_ids", "in", self.other_user.partner_id.ids)]))
        told = self.env["mail.mail"].search([("recipient_ids", "in", (honest | stranger).partner_id.ids)], order="id")
        self.assertEqual(told.recipient_ids, (honest | stranger).partner_id)
        self.assertEqual(len(told), 2, "one acknowledgement each")
        self.assertEqual(told[0].subject, told[1].subject)
        # but for the layout's hidden preview, which cuts the text by length (the names change it)
        preview = re.compile(r'<div style="display: none;[^"]*">.*?</div>', re.DOTALL)
        bodies = [preview.sub("", str(mail.body_html)).replace(mail.recipient_ids.name, "{parent}") for mail in told]
        self.assertEqual(bodies[0], bodies[1], "word for word, but for the parent's name")

    def test_taken_iin_of_any_status_reads_as_new(self):
        """Members of every status, and another family's undecided application, answer alike."""
        pending_parent = new_test_user(
            self.env, "first_parent", groups="base.group_portal", name="First Parent", lang="en_US"
        )
        self.authenticate("first_parent", "first_parent")
        _response, first = self._apply(name="Pending Child")
        pending = self.env["youth.member"].search([("iin", "=", first["iin"])])
        self.assertEqual(pending.applied_by_id, pending_parent.partner_id)
        self.env["youth.member"].create(
            {
                "name": "Rejected Child",
                "iin": self._iin(),
                "school_id": self.school.id,
                "grade": 4,
                "status": "rejected",
            }
        )
        archived = self.env["youth.member"].create(
            {"name": "Archived Child", "iin": self._iin(), "school_id": self.school.id, "grade": 4, "status": "left"}
        )
        archived.partner_id.active = False
        for status in ("alumni", "left"):
            self.env["youth.member"].create(
                {"name": status, "iin": self._iin(), "school_id": self.school.id, "grade": 9, "status": status}
            )
        on_file = self.env["youth.member"].search([("school_id", "=", self.school.id)]) | self.other_child | archived
        self.assertEqual(set(on_file.mapped("status")), {"applicant", "active", "alumni", "left", "rejected"})
        reference = None
        for number, member in enumerate(on_file):
            with self.subTest(status=member.status, name=member.name):
                user = new_test_user(
                    self.env, f"probe_{number}", groups="base.group_portal", name="Probe Parent", lang="en_US"
                )
                self.authenticate(user.login, user.login)
                seen = self._what_a_stranger_sees(user, member.sudo().iin)
                if reference is None:
                    fresh_user = new_test_user(
                        self.env, "probe_fresh", groups="base.group_portal", name="Probe Parent", lang="en_US"
                    )
                    self.authenticate(fresh_user.login, fresh_user.login)
                    reference = self._what_a_stranger_sees(fresh_user, self._iin())
                for key in reference:
                    self.assertEqual(seen[key], reference[key], key)
                claim = self.env["youth.member.claim"].search([("partner_id", "=", user.partner_id.id)])
                self.assertEqual(claim.member_id, member)
        self.assertEqual(pending.guardian_link_ids.guardian_id, pending_parent.partner_id, "the first family is kept")

    def test_iin_preview_reads_the_number_only(self):
        """The form's IIN preview comes from the server's own IIN rules, and answers alike for a
        member's IIN and an unknown one: it tells the birth date and sex, never membership."""
        self.authenticate("parent_a", "parent_a")

        def preview(value):
            return self.make_jsonrpc_request("/my/children/apply/iin", {"iin": value})

        known = preview(self.other_child.iin)
        self.assertEqual(known, {"birth_date": "05/06/2012", "sex": "Male"})
        unknown_iin = iin_rules.make(__import__("datetime").date(2012, 5, 6), "male", 78)
        self.assertEqual(preview(unknown_iin), known, "a member's IIN and an unknown one read the same")
        bad = self.other_child.iin[:11] + str((int(self.other_child.iin[11]) + 1) % 10)
        for value in (bad, "12345", "", None, 12, ["x"]):
            self.assertIsNone(preview(value), value)

    def test_approval_and_rejection_tell_the_family(self):
        """Approving or rejecting in the back office tells the parent, with the reason."""
        self.authenticate("parent_a", "parent_a")
        _response, first = self._apply(name="First Child")
        _response, second = self._apply(name="Second Child")
        Member = self.env["youth.member"].with_user(self.leader)
        first_member = Member.search([("iin", "=", first["iin"])])
        second_member = Member.search([("iin", "=", second["iin"])])
        first_member.action_approve_application()
        self.assertEqual(first_member.status, "active")
        wizard = (
            self.env["youth.member.reject"]
            .with_user(self.leader)
            .create({"member_ids": [(6, 0, second_member.ids)], "reason": "Not a pupil of this school"})
        )
        wizard.action_reject()
        self.assertEqual(second_member.status, "rejected")
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.parent_user.partner_id.ids)])
        bodies = " ".join(mails.mapped("body_html"))
        self.assertIn("has been approved", bodies)
        self.assertIn("Not a pupil of this school", bodies)

    def test_children_pages_and_consent_withdrawal(self):
        """A parent sees their children, withdraws an optional consent, not the required one."""
        self.authenticate("parent_a", "parent_a")
        _response, data = self._apply()
        member = self.env["youth.member"].search([("iin", "=", data["iin"])])
        self.assertEqual(
            self.url_open(f"/my/children/{member.id}").status_code,
            404,
            "an application opens no page before the school accepts it, as a claim opens none",
        )
        member.action_approve_application()
        listing = self.url_open("/my/children")
        self.assertIn("New Child", listing.text)
        self.assertIn(f'href="/my/children/{member.id}"', listing.text)
        self.assertNotIn("Secret Child", listing.text)
        token = self._csrf(f"/my/children/{member.id}")
        photo = member.consent_ids.filtered(lambda c: c.type_id.code == "photo_video")
        personal = member.consent_ids.filtered(lambda c: c.type_id.code == "personal_data")
        self.url_open(f"/my/children/{member.id}/consent/{photo.id}/withdraw", data={"csrf_token": token})
        self.assertEqual(photo.state, "withdrawn")
        self.url_open(f"/my/children/{member.id}/consent/{personal.id}/withdraw", data={"csrf_token": token})
        self.assertEqual(personal.state, "given")

    @mute_logger("odoo.http")
    def test_other_family_refused_everywhere(self):
        """Every portal route refuses another family's child and consent."""
        self.authenticate("parent_a", "parent_a")
        token = self._csrf()
        child, consent = self.other_child, self.other_consent
        for url, data in [
            (f"/my/children/{child.id}", None),
            (f"/my/children/{child.id}/consent/{consent.id}/withdraw", {"csrf_token": token}),
            (f"/my/children/{child.id}/login", {"csrf_token": token, "email": "x@example.kz"}),
            (f"/my/children/{child.id + 100000}", None),
        ]:
            response = self.url_open(url, data=data)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Secret Child", response.text)
        self.assertEqual(self.other_consent.state, "given")
        self.assertFalse(child.partner_id.with_context(active_test=False).user_ids)
        self.assertFalse(child.partner_id.email)

    def _older_child(self, year=2010, name="Older Child"):
        """An active child of parent_a (logged in), 12 or older unless ``year`` says otherwise, and
        the csrf token of its page."""
        _response, data = self._apply(iin=self._iin(year=year, sex="male"), name=name, grade="10")
        member = self.env["youth.member"].search([("iin", "=", data["iin"])])
        member.action_approve_application()
        return member, self._csrf(f"/my/children/{member.id}")

    def test_odoo_portal_pages_unchanged(self):
        """Odoo's own portal pages (account, security) carry nothing of the movement for a
        portal user outside it, nor for a parent."""
        outsider = new_test_user(
            self.env, "portal_customer", groups="base.group_portal", name="A Customer", lang="en_US"
        )
        self.assertFalse(self.env["youth.member"]._in_care_of(outsider.partner_id))
        for login in ("portal_customer", "parent_b"):
            self.authenticate(login, login)
            for url in ("/my/account", "/my/security"):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200, url)
                for mark in ("o_youth", "/my/children", "/my/events", "youth_movement"):
                    self.assertNotIn(mark, page.text, (login, url))

    def test_pupil_own_login(self):
        """A parent gives an older child a login through Odoo's portal access wizard: the address
        is normalised, the welcome mail goes out; the child then sees their own page only."""
        self.authenticate("parent_a", "parent_a")
        member, token = self._older_child()
        with self.mock_mail_gateway():
            response = self.url_open(
                f"/my/children/{member.id}/login", data={"csrf_token": token, "email": "  Older@Example.KZ "}
            )
        self.assertIn("An invitation to choose a password has been sent", response.text)
        user = member.partner_id.user_ids
        self.assertEqual(user.login, "older@example.kz")
        self.assertEqual(member.partner_id.email, "older@example.kz")
        self.assertTrue(user.has_group("base.group_portal"))
        welcome = self._new_mails.filtered(lambda mail: mail.model == "portal.wizard.user")
        self.assertEqual(len(welcome), 1, "Odoo's portal welcome mail")
        self.assertIn("older@example.kz", welcome.email_to)
        self.assertIn("/web/signup", welcome.body_html)
        self.assertIn("gave Older Child a portal login", member.message_ids[:1].body)
        user.password = "older-pass-2026"
        self.authenticate("older@example.kz", "older-pass-2026")
        listing = self.url_open("/my/children")
        self.assertIn("Older Child", listing.text)
        self.assertNotIn("Secret Child", listing.text)
        self.assertEqual(self.url_open("/my/children/apply").status_code, 404)

    def test_pupil_login_refusals_on_the_form(self):
        """A bad address, a taken one or a child under 12 is told on the child's page, beside the
        form with the address kept; nothing is written and no mail goes out."""
        taken = new_test_user(
            self.env, "taken@example.kz", groups="base.group_portal", name="Someone Else", lang="en_US"
        )
        self.authenticate("parent_a", "parent_a")
        member, token = self._older_child()
        young, young_token = self._older_child(year=2016, name="Young Child")
        messages = len(member.message_ids)
        cases = [
            (member, token, "not-an-email", "Enter a valid e-mail address."),
            (member, token, "a@example.kz, b@example.kz", "Enter a valid e-mail address."),
            (member, token, "", "Enter a valid e-mail address."),
            (member, token, " TAKEN@example.kz", "This e-mail address already has an account."),
            (young, young_token, "young@example.kz", "A pupil may have their own login from the age of 12."),
        ]
        for child, csrf, email, message in cases:
            with self.subTest(email=email), self.mock_mail_gateway():
                response = self.url_open(f"/my/children/{child.id}/login", data={"csrf_token": csrf, "email": email})
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("o_youth_login_error", response.text)
                self.assertIn(f'value="{email.strip()}"', response.text, "what was typed is kept")
                self.assertNotIn("Traceback", response.text)
                self.assertFalse(child.partner_id.with_context(active_test=False).user_ids)
                self.assertFalse(self._new_mails)
        self.assertFalse(member.partner_id.email)
        self.assertEqual(len(member.message_ids), messages)
        self.assertEqual(taken.login, "taken@example.kz")
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "in", ("young@example.kz", "not-an-email"))])
        )

    def test_pupil_login_refusal_in_the_family_language(self):
        """The refusal speaks the family's language."""
        self.parent_user.lang = "ru_RU"
        self.authenticate("parent_a", "parent_a")
        member, token = self._older_child()
        response = self.url_open(f"/my/children/{member.id}/login", data={"csrf_token": token, "email": "x"})
        self.assertIn("Введите корректный адрес электронной почты.", response.text)

    @mute_logger("odoo.http")
    def test_generated_application_inputs_never_crash(self):
        """500 generated applications, most of them nearly right, with new, taken and mistyped IINs:
        each is answered with the form or the one redirect, never an error, and is recorded whole
        or not at all: an applicant with its parent's link and consents, or a claim, or nothing."""
        self.authenticate("parent_a", "parent_a")
        token = self._csrf()
        parent = self.parent_user.partner_id
        required = self.env["youth.consent.type"].search([("is_required", "=", True)])
        Member, Claim = self.env["youth.member"].with_context(active_test=False), self.env["youth.member.claim"]
        Partner = self.env["res.partner"].with_context(active_test=False)
        # children of other families, whose IINs the generated applications may take
        taken = [self.other_child.iin] + [
            self.env["youth.member"]
            .create(
                {
                    "name": f"On file {n}",
                    "iin": self._iin(),
                    "school_id": self.other_school.id,
                    "grade": 3 + n % 8,
                    "status": ("active", "applicant", "alumni", "left", "rejected")[n % 5],
                }
            )
            .iin
            for n in range(49)
        ]
        text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
        digits = st.text(alphabet=string.digits + " ", max_size=16)
        numbers = st.one_of(st.integers(-(2**40), 2**40).map(str), text, st.just(""))
        right = {
            "name": st.sampled_from(["Generated Child", " Ақерке Сәрсенова ", "x" * 128]),
            "iin": st.one_of(st.just("new"), st.sampled_from(taken), st.just("new"), st.just("mistyped")),
            "district_id": st.just(str(self.district.id)),
            "school_id": st.just(str(self.school.id)),
            "grade": st.sampled_from(["0", "5", "11"]),
            "class_letter": st.sampled_from(["", "А", "Б2"]),
            "relation": st.sampled_from(["mother", "father", "guardian", "trustee"]),
            "consent_personal_data": st.just("1"),
        }
        generated = {
            "name": text,
            "iin": st.one_of(digits, text),
            "district_id": numbers,
            "school_id": numbers,
            "grade": numbers,
            "class_letter": text,
            "relation": st.sampled_from(["mother", "father", "grandmother", "other", "", "x" * 300]),
            "consent_personal_data": st.sampled_from(["", "1", "on"]),
        }

        @st.composite
        def applications(draw):
            """A right application with up to two fields generated, so that many get past the checks."""
            broken = draw(st.sets(st.sampled_from(sorted(right)), max_size=2))
            return {key: draw(generated[key] if key in broken else right[key]) for key in right}

        outcomes = {"member": 0, "claim": 0, "form": 0}

        @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(applications())
        def post(values):
            if values["iin"] in ("new", "mistyped"):
                iin = self._iin()
                values["iin"] = iin if values["iin"] == "new" else iin[:11] + str((int(iin[11]) + 1) % 10)
            before = (Member.search_count([]), Partner.search_count([]), Claim.search_count([]))
            values["csrf_token"] = token
            response = self.url_open("/my/children/apply", data=values, allow_redirects=False)
            self.assertIn(response.status_code, (200, 303), values)
            after = (Member.search_count([]), Partner.search_count([]), Claim.search_count([]))
            if response.status_code == 200:
                self.assertNotIn("Traceback", response.text)
                self.assertEqual(after, before, "a refused application left something behind")
                outcomes["form"] += 1
                return
            self.assertTrue(response.headers["Location"].endswith("/my/children?message=applied"), values)
            iin = iin_rules.normalize(values["iin"])
            if after == (before[0] + 1, before[1] + 1, before[2]):
                member = Member.search([("iin", "=", iin)])
                self.assertEqual(member.applied_by_id, parent)
                link = member.guardian_link_ids.filtered(lambda line: line.guardian_id == parent)
                self.assertTrue(link.is_legal_representative)
                self.assertEqual(member.consent_ids.type_id & required, required)
                outcomes["member"] += 1
            else:
                self.assertEqual(after, (before[0], before[1], before[2] + 1), values)
                claim = Claim.search([], order="id desc", limit=1)
                self.assertEqual((claim.partner_id, claim.member_id.iin), (parent, iin))
                self.assertLessEqual(required, claim.consent_type_ids)
                outcomes["claim"] += 1

        post()
        self.assertGreaterEqual(min(outcomes.values()), 10, f"the examples reach every outcome: {outcomes}")
