"""The Kazakh the addon ships for Odoo's own modules (models/ir_module_module.py): read by Odoo where it
reads its own, loaded whenever Kazakh is active, and in every mail a family receives."""

import datetime
import inspect
import sys

from lxml import html

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import translate
from odoo.tools.translate import PoFileReader, code_translations

from odoo.addons.base.models.ir_module import Module
from odoo.addons.mail.tests.common import MockEmail

from ..models import ir_module_module as loader
from ..tools import language_walk
from .common_event import YouthEventCase

KK = "kk_KZ"


def shipped(module, lang="kk"):
    """The addon's terms for ``module``: {msgid: msgstr} and the code terms among them."""
    with open(next(loader.extra_po_paths(module, lang)), "rb") as handle:
        rows = list(PoFileReader(handle))
    return {row["src"]: row["value"] for row in rows}, {
        row["src"]: row["value"] for row in rows if row["type"] == "code"
    }


@tagged("post_install", "-at_install")
class TestOdooTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in (KK, "ru_RU"):
            cls.env["res.lang"]._activate_lang(code)

    def test_odoo_reads_translation_files_only_through_the_wrapper(self):
        """Where Odoo holds ``get_po_paths`` it holds the addon's: a new call site in Odoo, or Odoo's
        loaders reading files another way, fail here."""
        original = loader.ODOO_GET_PO_PATHS
        holders = [
            name for name, module in list(sys.modules.items()) if getattr(module, "get_po_paths", None) is original
        ]
        self.assertEqual(holders, [], "every module holding Odoo's get_po_paths is patched")
        for site in loader.CALL_SITES:
            self.assertIs(site.get_po_paths, loader.get_po_paths)
        self.assertEqual(list(inspect.signature(original).parameters), ["module_name", "lang", "env"])
        self.assertTrue(any(path.endswith("web/i18n/ru.po") for path in original("web", "ru_RU")))
        for function in (translate.CodeTranslations._get_code_translations, Module._load_module_terms):
            self.assertIn("get_po_paths(", inspect.getsource(function), function.__qualname__)
        paths = list(loader.get_po_paths("web", KK))
        self.assertTrue(paths and paths[-1].endswith("youth_movement/i18n_odoo/web/kk.po"), paths)
        self.assertEqual(list(loader.get_po_paths("youth_movement", KK)), list(original("youth_movement", KK)))

    def test_code_terms_of_odoo_modules_in_kazakh(self):
        """Python ``_()`` and JavaScript ``_t`` of Odoo's modules answer in the addon's Kazakh."""
        for module in ("web", "mail", "auth_signup", "portal"):
            _terms, code = shipped(module)
            python = code_translations.get_python_translations(module, KK)
            web = {
                message["id"]: message["string"]
                for message in code_translations.get_web_translations(module, KK)["messages"]
            }
            for src, value in code.items():
                self.assertEqual(python.get(src, web.get(src)), value, f"{module}: {src!r}")

    def test_model_terms_of_odoo_modules_in_kazakh(self):
        """Views, field labels, selections and mail templates of Odoo's modules read in Kazakh."""
        login = self.env.ref("web.login").with_context(lang=KK)
        self.assertIn(shipped("web")[0]["Password"], login.arch_db)
        partner = self.env["res.partner"].with_context(lang=KK)
        self.assertEqual(partner.fields_get(["email"])["email"]["string"], shipped("base")[0]["Email"])
        self.assertIn(("person", "Жеке тұлға"), partner.fields_get(["company_type"])["company_type"]["selection"])
        invitation = self.env.ref("auth_signup.set_password_email")
        english = invitation.with_context(lang="en_US").subject
        self.assertEqual(invitation.with_context(lang=KK).subject, shipped("auth_signup")[0][english])

    def test_the_addon_s_update_loads_them_where_kazakh_was_active_before(self):
        """Odoo loads the terms of the modules it installs or updates only: the addon's update brings
        the Kazakh of Odoo's modules back, and a module's own update finds it too."""
        field = self.env["ir.model.fields"]._get("res.partner", "email")

        def forget():
            self.env.cr.execute(
                "UPDATE ir_model_fields SET field_description = field_description - %s WHERE id = %s", [KK, field.id]
            )
            self.env.invalidate_all()

        def label():
            return field.with_context(lang=KK).field_description

        forget()
        self.assertEqual(label(), "Email")
        self.env["ir.module.module"]._load_module_terms(["contacts"], [KK])
        self.assertEqual(label(), "Email", "another module's update leaves base alone")
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], [KK])
        self.assertEqual(label(), shipped("base")[0]["Email"])
        forget()
        self.env["ir.module.module"]._load_module_terms(["base"], [KK])
        self.assertEqual(label(), shipped("base")[0]["Email"], "base's own update reads the addon's file too")

    def test_russian_corrections_win_over_odoo_s_russian(self):
        """The few Russian terms the addon corrects stay corrected when Odoo loads its own Russian."""
        self.env["ir.module.module"]._load_module_terms(["auth_signup"], ["ru_RU"], overwrite=True)
        fields_view = self.env.ref("auth_signup.fields").with_context(lang="ru_RU")
        self.assertIn("Ваша эл. почта", fields_view.arch_db)
        self.assertNotIn("Ваш Email", fields_view.arch_db)

    def test_a_template_reset_takes_the_kazakh(self):
        """Odoo's "reset template" reloads the template's translations from the files: the addon's too."""
        template = self.env.ref("auth_signup.set_password_email")
        english = template.with_context(lang="en_US").subject
        template.with_context(lang=KK).subject = "changed"
        template.reset_template()
        self.assertEqual(template.with_context(lang=KK).subject, shipped("auth_signup")[0][english])


@tagged("post_install", "-at_install")
class TestFamilyMailsInKazakh(YouthEventCase, MockEmail):
    """Every mail a Kazakh family receives, rendered as sent, holds no English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(KK)
        cls.mother.write({"lang": KK, "name": "Сейітова Айгүл"})

    def _english(self, mails):
        """{subject: [English lines]} of ``mails`` [(subject, html body)]."""
        names = language_walk.name_words(
            self.env["res.partner"].with_context(active_test=False).search([]).mapped("name")
            + self.env["event.event"].search([]).mapped("name")
        )
        found = {}
        for subject, body in mails:
            text = html.fromstring(body or "<p/>").text_content()
            lines = [subject or ""] + [line.strip() for line in text.splitlines() if line.strip()]
            english = language_walk.english_strings(lines, names)
            if english:
                found[subject] = english
        return found

    def test_family_mails_in_kazakh(self):
        """Odoo's invitation and password reset, the application received, approved and rejected, the event's
        confirmation, waitlist, promotion and reminder: in Kazakh, layout included."""
        with self.mock_mail_gateway():
            # Odoo's invitation (a portal login made for the parent) and its password reset
            user = (
                self.env["res.users"]
                .with_context(lang=KK)
                .create(
                    {
                        "login": self.mother.email,
                        "partner_id": self.mother.id,
                        "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
                    }
                )
            )
            # as the department's administrator does it: the mail carries their signature
            user.with_user(self.env.ref("base.user_admin")).action_reset_password()
            # the addon's: two applications made in the portal (each acknowledged), one approved, one rejected
            approved, rejected = (
                self.env["youth.member"]._portal_apply(
                    self.mother,
                    {
                        "name": name,
                        "iin": self.make_iin(),
                        "district_id": str(self.district_a.id),
                        "school_id": str(self.school_a1.id),
                        "grade": "6",
                        "class_letter": "Б",
                        "relation": "mother",
                        "consent_personal_data": "1",
                        "consent_photo_video": "1",
                    },
                )
                for name in ("Сейітова Әсем", "Сейітов Нұрлан")
            )
            approved.action_approve_application()
            rejected._reject_application("Құжаттар толық емес")
            # an event: a seat, the waitlist, a promotion, the reminder
            event = self.make_event(name="Жас Қыран слеті", seats=1, start_in_days=1)
            # in twelve hours, whatever the hour of the run: the reminder (a day before) is due
            begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(hours=12)
            event.write({"date_begin": begin, "date_end": begin + datetime.timedelta(hours=6)})
            seated = event._youth_register(approved, self.mother)
            event._youth_register(self.make_family_member(name="Сейітова Дана"), self.mother)
            self.env["event.mail"].schedule_communications()
            seated.action_youth_cancel()
            self.env["event.mail"].schedule_communications()
            self.env["mail.mail"].sudo().process_email_queue()
        # as built for sending, layout included (Odoo deletes the sent ones)
        mails = [
            (mail["subject"], mail["body"])
            for mail in self._mails
            if any(self.mother.email in to for to in mail["email_to"])
        ]
        kinds = {
            "invitation": self.env.ref("auth_signup.set_password_email"),
            "received": self.env.ref("youth_movement.mail_template_application_received"),
            "approved": self.env.ref("youth_movement.mail_template_application_approved"),
            "rejected": self.env.ref("youth_movement.mail_template_application_rejected"),
            "confirmation": self.env.ref("youth_movement.youth_event_mail_template_confirmation"),
            "waitlist": self.env.ref("youth_movement.youth_event_mail_template_waitlist"),
            "promotion": self.env.ref("youth_movement.youth_event_mail_template_promotion"),
            "reminder": self.env.ref("youth_movement.youth_event_mail_template_reminder"),
        }
        subjects = {subject for subject, _body in mails}
        self.assertGreaterEqual(len(mails), len(kinds), subjects)
        self.assertEqual(self._english(mails), {})
        reset = code_translations.get_python_translations("auth_signup", KK)["Password reset"]
        self.assertIn(reset, subjects, "Odoo's password reset, its subject from auth_signup's Python")
        for kind, template in kinds.items():
            with self.subTest(kind=kind):
                # each kind went out: its Kazakh subject, rendered for one of the mails
                kazakh = template.with_context(lang=KK).subject or ""
                stem = kazakh.split("{{")[0].strip() or kazakh.split("}}")[-1].strip()
                self.assertTrue(any(stem in (subject or "") for subject in subjects), f"{kind}: {stem!r} in {subjects}")

    def test_calendar_invitation_in_kazakh(self):
        """A council member invited to a meeting reads Odoo's calendar invitation in Kazakh."""
        member = self.env["res.partner"].create({"name": "Жұмабаев Ерлан", "email": "erlan@example.kz", "lang": KK})
        with self.mock_mail_gateway():
            meeting = self.env["calendar.event"].create(
                {
                    "name": "Үйлестіру кеңесінің отырысы",
                    "start": "2026-12-10 05:00:00",
                    "stop": "2026-12-10 07:00:00",
                    "partner_ids": [Command.link(member.id)],
                    "user_id": self.env.ref("base.user_admin").id,  # the organizer signs the invitation
                }
            )
            # sent by the department's administrator (the mail carries the sender's signature)
            attendee = meeting.attendee_ids.filtered(lambda a: a.partner_id == member)
            attendee.with_user(self.env.ref("base.user_admin"))._send_invitation_emails()
        mails = [
            (mail["subject"], mail["body"])
            for mail in self._mails
            if any(member.email in to for to in mail["email_to"])
        ]
        self.assertTrue(mails, "the invitation went out")
        self.assertEqual(self._english(mails), {})
