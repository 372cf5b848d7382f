import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from ..tools import iin as iin_rules
from .common import GROUPS


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, MockEmail):
    """The family portal: sign-up, application, decisions, the children's pages and their guards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("kk_KZ")
        env["res.lang"]._activate_lang("ru_RU")
        region = env.ref("youth_movement.state_kz_abai")
        cls.district = env["youth.district"].create({"name": "Portal district", "state_id": region.id})
        cls.other_district = env["youth.district"].create({"name": "Other district", "state_id": region.id})
        school_type = env.ref("youth_movement.org_type_school")
        cls.school = env["res.partner"].create({
            "name": "Portal school", "is_company": True, "youth_org_type_id": school_type.id,
            "youth_district_id": cls.district.id,
        })
        cls.other_school = env["res.partner"].create({
            "name": "Far school", "is_company": True, "youth_org_type_id": school_type.id,
            "youth_district_id": cls.other_district.id,
        })
        cls.parent_user = new_test_user(env, "parent_a", groups="base.group_portal", name="Parent A")
        cls.other_user = new_test_user(env, "parent_b", groups="base.group_portal", name="Parent B")
        cls.leader = new_test_user(env, "portal_leader", groups=GROUPS["school_leader"],
                                   youth_school_ids=[(6, 0, cls.school.ids)])
        # the other family's child, with a consent
        cls.other_child = env["youth.member"].create({
            "name": "Secret Child", "iin": iin_rules.make(__import__("datetime").date(2012, 5, 6), "male", 77),
            "school_id": cls.other_school.id, "grade": 7, "status": "active",
        })
        env["youth.guardian.link"].create({
            "member_id": cls.other_child.id, "guardian_id": cls.other_user.partner_id.id, "relation": "father"})
        cls.other_consent = env["youth.consent"].create({
            "member_id": cls.other_child.id, "guardian_id": cls.other_user.partner_id.id,
            "type_id": env.ref("youth_movement.consent_type_photo_video").id,
        })
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
            "name": "New Child", "iin": self._iin(), "district_id": str(self.district.id),
            "school_id": str(self.school.id), "grade": "6", "class_letter": "А", "relation": "mother",
            "consent_personal_data": "1", "consent_photo_video": "1",
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
        response = self.url_open("/web/signup", data={
            "csrf_token": token, "login": "new.parent@example.kz", "name": "New Parent",
            "password": "a-Long-pass-2026", "confirm_password": "a-Long-pass-2026", "lang": "kk_KZ",
        })
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
        self.assertIn(f"/my/children/{member.id}", response.url)
        self.assertIn("New Child", response.text)

    def test_application_errors_beside_fields_and_nothing_written(self):
        """Bad input comes back beside each field, with what was typed kept, and nothing is created."""
        self.authenticate("parent_a", "parent_a")
        count = self.env["youth.member"].search_count([])
        good = self._iin()
        response, _data = self._apply(
            name="Kept Name", iin=good[:11] + str((int(good[11]) + 1) % 10), school_id=str(self.other_school.id),
            grade="12", consent_personal_data=None,
        )
        self.assertEqual(response.status_code, 200)
        text = response.text
        for field in ("iin", "school_id", "grade", "consent_personal_data"):
            self.assertIn(f'id="error_{field}"', text, field)
        self.assertIn('value="Kept Name"', text)
        self.assertIn("check digit", text)
        self.assertEqual(self.env["youth.member"].search_count([]), count)

    def test_taken_iin_reveals_nothing(self):
        """Applying with a registered IIN says so without telling whose it is."""
        self.authenticate("parent_a", "parent_a")
        response, _data = self._apply(iin=self.other_child.iin)
        self.assertIn("already registered", response.text)
        for secret in ("Secret Child", "Parent B", "Far school</td>"):
            self.assertNotIn(secret, response.text)

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
        wizard = self.env["youth.member.reject"].with_user(self.leader).create({
            "member_ids": [(6, 0, second_member.ids)], "reason": "Not a pupil of this school"})
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
        listing = self.url_open("/my/children")
        self.assertIn("New Child", listing.text)
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
        outsider = new_test_user(self.env, "portal_customer", groups="base.group_portal", name="A Customer")
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
            response = self.url_open(f"/my/children/{member.id}/login",
                                     data={"csrf_token": token, "email": "  Older@Example.KZ "})
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
        taken = new_test_user(self.env, "taken@example.kz", groups="base.group_portal", name="Someone Else")
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
        self.assertFalse(self.env["res.users"].with_context(active_test=False).search(
            [("login", "in", ("young@example.kz", "not-an-email"))]))

    def test_pupil_login_refusal_in_the_family_language(self):
        """The refusal speaks the portal's language."""
        self.authenticate("parent_a", "parent_a")
        member, token = self._older_child()
        response = self.url_open(f"/ru/my/children/{member.id}/login", data={"csrf_token": token, "email": "x"})
        self.assertIn("Введите корректный адрес электронной почты.", response.text)

    @mute_logger("odoo.http")
    def test_generated_application_inputs_never_crash(self):
        """500 generated applications: each is answered with the form or a redirect, never an error."""
        self.authenticate("parent_a", "parent_a")
        token = self._csrf()
        text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
        digits = st.text(alphabet=string.digits + " ", max_size=16)
        numbers = st.one_of(st.integers(-2**40, 2**40).map(str), text, st.just(""))
        choices = st.sampled_from(["mother", "father", "other", "", "x" * 300])

        @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(st.fixed_dictionaries({
            "name": text, "iin": st.one_of(digits, text), "district_id": numbers, "school_id": numbers,
            "grade": numbers, "class_letter": text, "relation": choices,
            "consent_personal_data": st.sampled_from(["", "1", "on"]),
        }))
        def post(values):
            values["csrf_token"] = token
            response = self.url_open("/my/children/apply", data=values, allow_redirects=False)
            self.assertIn(response.status_code, (200, 303), values)
            if response.status_code == 200:
                self.assertNotIn("Traceback", response.text)

        post()
