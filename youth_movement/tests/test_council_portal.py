import base64
import datetime
import re

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import CouncilCase


@tagged("post_install", "-at_install")
class TestCouncilPortal(CouncilCase, HttpCase, MockEmail):
    """A council member with a portal login: their councils, meetings, answers, protocols and the
    decisions they or their organisation carry out; another member's records refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.library = env["res.partner"].create({"name": "Regional library", "is_company": True})
        cls.portal_member = new_test_user(
            env, "cp_member", groups="base.group_portal", name="Library Director", lang="en_US"
        )
        cls.portal_member.partner_id.parent_id = cls.library
        cls.other_member = new_test_user(env, "cp_other", groups="base.group_portal", name="Other Member", lang="en_US")
        Member = env["youth.council.member"]
        Member.create({"council_id": cls.council.id, "partner_id": cls.portal_member.partner_id.id, "role": "member"})
        Member.create({"council_id": cls.council_b.id, "partner_id": cls.other_member.partner_id.id, "role": "member"})
        soon = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=7)
        cls.upcoming = cls.make_meeting(cls, topic="Summer programme", start=soon)
        cls.env["youth.council.agenda.item"].create({"meeting_id": cls.upcoming.id, "title": "Camps of 2027"})
        cls.upcoming.action_add_members()
        cls.upcoming.action_plan()
        cls.upcoming_b = cls.make_meeting(cls, council=cls.council_b, topic="Secret of B", start=soon)
        cls.upcoming_b.action_add_members()
        cls.upcoming_b.action_plan()
        Decision = env["youth.council.decision"]
        yesterday = fields.Date.today() - datetime.timedelta(days=1)
        cls.mine = Decision.create(
            {
                "council_id": cls.council.id,
                "text": "Open a reading club",
                "partner_ids": cls.portal_member.partner_id.ids,
                "deadline": fields.Date.today() + datetime.timedelta(days=30),
            }
        )
        cls.organisations = Decision.create(
            {
                "council_id": cls.council.id,
                "text": "Lend books to the camps",
                "partner_ids": cls.library.ids,
                "deadline": yesterday,
            }
        )
        cls.others = Decision.create(
            {"council_id": cls.council_b.id, "text": "Decision of B", "partner_ids": cls.other_member.partner_id.ids}
        )

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_member_sees_their_councils_and_decisions(self):
        """Their council, not the other; their decision and their organisation's, overdue first."""
        self.authenticate("cp_member", "cp_member")
        page = self.url_open("/my/councils").text
        self.assertIn("Council of district A", page)
        self.assertNotIn("Council of district B", page)
        self.assertNotIn("Decision of B", page)
        self.assertLess(page.index("Lend books to the camps"), page.index("Open a reading club"), "overdue first")
        council = self.url_open(f"/my/councils/{self.council.id}").text
        self.assertIn("Summer programme", council)
        self.assertIn("Camps of 2027", council)
        self.assertNotIn("Secret of B", council)

    def test_approved_protocol_downloads(self):
        """A held meeting whose minutes are approved is listed with its protocol, which downloads."""
        past = self.make_meeting(topic="Results of the year", day="2026-01-28")
        past.action_add_members()
        self.hold(past)
        past.action_approve()
        self.authenticate("cp_member", "cp_member")
        self.assertIn("Results of the year", self.url_open(f"/my/councils/{self.council.id}").text)
        response = self.url_open(f"/my/councils/meetings/{past.id}/protocol")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_answer_to_the_invitation(self):
        """I will come, then I cannot come: the participant list follows."""
        self.authenticate("cp_member", "cp_member")
        url = f"/my/councils/{self.council.id}"
        line = self.upcoming.participant_ids.filtered(lambda p: p.partner_id == self.portal_member.partner_id)
        self.assertTrue(line, "the member was invited when the meeting was planned")
        answer = f"/my/councils/meetings/{self.upcoming.id}/answer"
        self.url_open(answer, data={"csrf_token": self._csrf(url), "answer": "accepted"})
        self.assertEqual(line.state, "confirmed")
        self.url_open(answer, data={"csrf_token": self._csrf(url), "answer": "declined"})
        self.assertEqual(line.state, "absent")
        self.assertIn("portal", line.absence_reason)

    def test_progress_report_with_a_file(self):
        """The report and its file land on the decision, which is then in progress; an empty one is refused."""
        self.authenticate("cp_member", "cp_member")
        url = f"/my/decisions/{self.organisations.id}"
        response = self.url_open(url, data={"csrf_token": self._csrf(url), "text": "  "})
        self.assertIn("Write what has been done", response.text)
        self.assertFalse(self.organisations.progress_ids)
        response = self.url_open(
            url,
            data={"csrf_token": self._csrf(url), "text": "120 books lent to two camps"},
            files={"files": ("list.txt", b"book list", "text/plain")},
        )
        self.assertEqual(response.status_code, 200)
        report = self.organisations.progress_ids
        self.assertEqual((report.text, report.author_id), ("120 books lent to two camps", self.portal_member))
        self.assertEqual(base64.b64decode(report.attachment_ids.datas), b"book list")
        self.assertEqual(self.organisations.state, "in_progress")
        self.assertTrue(self.organisations.message_ids.filtered(lambda m: "120 books" in (m.body or "")))
        self.assertIn("120 books", self.url_open(url).text)
        # a page or a script among the files is kept as plain text, so it does not run in the secretary's
        # session: Odoo's ir.attachment does so for a user who may not write views, sudo or not (the portal
        # writes the files as the system, under the partner's uid)
        self.url_open(
            url,
            data={"csrf_token": self._csrf(url), "text": "The programme"},
            files=[
                ("files", ("programme.html", b"<html><script>alert(document.cookie)</script></html>", "text/html")),
                (
                    "files",
                    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
                ),
            ],
        )
        files = self.organisations.progress_ids.filtered(lambda r: r.text == "The programme").attachment_ids
        self.assertEqual(len(files), 2)
        self.assertEqual(set(files.mapped("mimetype")), {"text/plain"})

    @mute_logger("odoo.http")
    def test_other_members_ids_refused(self):
        """Every council route with the other council's ids: not found, nothing changed."""
        self.authenticate("cp_member", "cp_member")
        token = self._csrf(f"/my/decisions/{self.mine.id}")
        line_b = self.upcoming_b.participant_ids.filtered(lambda p: p.partner_id == self.other_member.partner_id)
        before = line_b.state
        for url, data in [
            (f"/my/councils/{self.council_b.id}", None),
            (f"/my/decisions/{self.others.id}", None),
            (f"/my/decisions/{self.others.id}", {"csrf_token": token, "text": "Hijacked"}),
            (f"/my/councils/meetings/{self.upcoming_b.id}/answer", {"csrf_token": token, "answer": "declined"}),
            (f"/my/councils/meetings/{self.upcoming_b.id}/protocol", None),
            (f"/my/councils/meetings/{self.upcoming.id}/protocol", None),  # not approved yet
        ]:
            response = self.url_open(url, data=data)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Secret of B", response.text)
        self.assertFalse(self.others.progress_ids)
        self.assertEqual(line_b.state, before)
        self.authenticate("cp_other", "cp_other")
        self.assertNotIn("Open a reading club", self.url_open("/my/councils").text)
        self.assertEqual(self.url_open(f"/my/decisions/{self.mine.id}").status_code, 404)

    def test_secretary_invites_a_partner(self):
        """The secretary (the district's coordinator) invites the university's pro-rector: Odoo's portal
        invitation goes out in Russian, and the new login sees the council; a parent's contact is for a
        regional manager to invite."""
        rector = self.env["res.partner"].create({"name": "Pro-rector", "email": "rector@example.kz", "lang": "ru_RU"})
        self.env["res.lang"]._activate_lang("ru_RU")
        line = self.env["youth.council.member"].create(
            {"council_id": self.council.id, "partner_id": rector.id, "role": "member"}
        )
        secretary = self.users["district_coordinator"]
        with self.mock_mail_gateway():
            line.with_user(secretary).action_youth_invite_portal()
        self.assertTrue(rector.user_ids and rector.user_ids._is_portal())
        [mail] = [m for m in self._mails if "rector@example.kz" in str(m["email_to"])]
        self.assertIn("/web/signup", mail["body"], "Odoo's portal invitation, with its sign-up link")
        self.assertRegex(mail["subject"] + mail["body"], "[А-Яа-яЁё]{4}", "in the member's language")
        rector.user_ids.password = "rector-pass-1"
        self.authenticate(rector.user_ids.login, "rector-pass-1")
        self.assertIn("Council of district A", self.url_open("/my/councils").text)
        parent = self.env["res.partner"].create({"name": "A parent", "email": "parent@example.kz"})
        pupil = self.make_member(school=self.school_a1)
        self.env["youth.guardian.link"].create({"member_id": pupil.id, "guardian_id": parent.id, "relation": "mother"})
        parent_line = self.env["youth.council.member"].create(
            {"council_id": self.council.id, "partner_id": parent.id, "role": "member"}
        )
        with self.assertRaises(AccessError):
            parent_line.with_user(secretary).action_youth_invite_portal()
        self.assertFalse(parent.with_context(active_test=False).user_ids)

    @mute_logger("odoo.http")
    def test_minutes_approval_flow(self):
        """The secretary sends the draft minutes; the member reads the draft protocol and approves, another
        comments; the secretary sees who did; the chair's approval locks them and the portal closes."""
        past = self.make_meeting(topic="Results of the year", day="2026-01-28")
        past.action_add_members()
        self.hold(past)
        secretary = self.users["district_coordinator"]
        past.with_user(secretary).action_youth_send_minutes()
        reviews = past.minutes_review_ids
        me = self.portal_member.partner_id
        self.assertIn(me, reviews.partner_id)
        self.assertNotIn(self.guest_partner, reviews.partner_id, "a permanent invitee does not approve")
        self.authenticate("cp_member", "cp_member")
        url = f"/my/councils/meetings/{past.id}/minutes"
        self.assertIn("Results of the year", self.url_open(f"/my/councils/{self.council.id}").text)
        self.assertEqual(self.url_open(f"/my/councils/meetings/{past.id}/protocol").status_code, 200, "the draft")
        response = self.url_open(url, data={"csrf_token": self._csrf(url), "answer": "comment", "comment": " "})
        self.assertIn("Write your comment", response.text)
        self.url_open(url, data={"csrf_token": self._csrf(url), "answer": "approve"})
        mine = reviews.filtered(lambda r: r.partner_id == me)
        self.assertEqual(mine.state, "approved")
        other = reviews.filtered(lambda r: r.partner_id == self.chair)
        other._portal_answer(False, "Item 2: say 'camps', not 'camp'")
        self.assertEqual(other.state, "commented")
        self.assertEqual(
            set(reviews.with_user(secretary).mapped("state")),
            {"approved", "commented", "pending"},
            "the secretary sees",
        )
        self.assertTrue(past.message_ids.filtered(lambda m: "approved the draft minutes" in (m.body or "")))
        past.action_approve()
        token = self._csrf(f"/my/decisions/{self.mine.id}")
        self.assertEqual(self.url_open(url, data={"csrf_token": token, "answer": "approve"}).status_code, 404)
        self.authenticate("cp_other", "cp_other")
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_meeting_pack(self):
        """Planning makes the pack (cover, agenda, the items' PDFs), sends it with the invitation to the
        outside members too, and it downloads in the portal; a new document makes it again."""
        import io

        import PyPDF2

        def one_page_pdf(text):
            from reportlab.pdfgen import canvas

            buffer = io.BytesIO()
            page = canvas.Canvas(buffer)
            page.drawString(100, 750, text)
            page.save()
            return base64.b64encode(buffer.getvalue())

        Attachment = self.env["ir.attachment"]
        plan = Attachment.create(
            {"name": "plan.pdf", "datas": one_page_pdf("Camp plan"), "mimetype": "application/pdf"}
        )
        self.env["res.lang"]._activate_lang("kk_KZ")
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], ["kk_KZ"], overwrite=True)
        meeting = self.make_meeting(topic="Summer camps", start=fields.Datetime.now() + datetime.timedelta(days=3))
        item = self.env["youth.council.agenda.item"].create(
            {"meeting_id": meeting.id, "title": "Camps of 2027", "document_ids": [(6, 0, plan.ids)]}
        )
        meeting.action_add_members()
        meeting.action_plan()
        pack = meeting.pack_attachment_id
        reader = PyPDF2.PdfFileReader(io.BytesIO(base64.b64decode(pack.datas)))
        pages = reader.getNumPages()
        self.assertGreaterEqual(pages, 2, "the cover, then the item's document")
        self.assertIn("Camp plan", reader.getPage(pages - 1).extractText())
        cover = reader.getPage(0).extractText().replace(" ", "").replace("\n", "")
        self.assertIn("Күнтәртібі", cover, "the cover in the protocol's language, Kazakh")
        self.assertIn("Campsof2027", cover)
        sent = meeting.message_ids.filtered(lambda m: pack in m.attachment_ids)
        self.assertIn(self.portal_member.partner_id, sent.partner_ids, "an outside member gets the pack")
        self.authenticate("cp_member", "cp_member")
        self.assertIn(f"/my/councils/meetings/{meeting.id}/pack", self.url_open(f"/my/councils/{self.council.id}").text)
        response = self.url_open(f"/my/councils/meetings/{meeting.id}/pack")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        budget = Attachment.create(
            {"name": "budget.pdf", "datas": one_page_pdf("Budget"), "mimetype": "application/pdf"}
        )
        item.document_ids = [(4, budget.id)]
        reader = PyPDF2.PdfFileReader(io.BytesIO(base64.b64decode(meeting.pack_attachment_id.datas)))
        self.assertEqual(reader.getNumPages(), pages + 1, "made again with the new document")
        self.assertEqual(meeting.pack_attachment_id, pack, "the same file, brought up to date")
        self.authenticate("cp_other", "cp_other")
        self.assertEqual(self.url_open(f"/my/councils/meetings/{meeting.id}/pack").status_code, 404)
