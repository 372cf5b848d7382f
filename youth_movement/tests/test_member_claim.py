from unittest.mock import patch

from psycopg2 import errorcodes
from psycopg2 import errors as pg_errors

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import GROUPS, YouthCase


@tagged("post_install", "-at_install")
class TestMemberClaim(YouthCase):
    """An application with the IIN of a child on file becomes a claim that the child's staff settle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.child = cls.make_member(name="Child On File", school=cls.school_a1, status="active")
        cls.family = new_test_user(
            cls.env, "claim_family", groups="base.group_portal", name="Applying Family", lang="en_US"
        )
        cls.squatter = new_test_user(
            cls.env, "claim_squatter", groups="base.group_portal", name="First Applicant", lang="en_US"
        )

    def _post(self, iin, **values):
        post = {
            "name": "Typed Name",
            "iin": iin,
            "district_id": str(self.district_b.id),
            "school_id": str(self.school_b1.id),
            "grade": "6",
            "class_letter": "Б",
            "relation": "mother",
            "consent_personal_data": "1",
            "consent_photo_video": "1",
        }
        post.update(values)
        return post

    def _claim(self, user=None, member=None, **values):
        parent = (user or self.family).partner_id
        claim = self.env["youth.member"]._portal_apply(parent, self._post((member or self.child).iin, **values))
        self.assertEqual(claim._name, "youth.member.claim")
        return claim

    def _mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)], order="id")

    def test_claim_goes_to_the_staff_of_the_child(self):
        """The staff who cover the child on file see the claim and get a to-do; others do not see it."""
        claim = self._claim()
        self.assertEqual((claim.state, claim.member_id, claim.school_id), ("open", self.child, self.school_b1))
        self.assertEqual(claim.display_name, "Typed Name", "the claim is named as the family typed it")
        self.assertEqual(claim.activity_ids.user_id, self.users["school_leader"])
        self.assertEqual(claim.activity_ids.summary, "Settle the application of Applying Family")
        for role in ("school_leader", "district_coordinator", "regional_manager"):
            Claim = self.env["youth.member.claim"].with_user(self.users[role])
            self.assertEqual(Claim.search([("id", "=", claim.id)]), claim, role)
        neighbour = new_test_user(
            self.env, "claim_neighbour", groups=GROUPS["school_leader"], youth_school_ids=[(6, 0, self.school_b1.ids)]
        )
        outsiders = (neighbour, self.internal_user, self.portal_user, self.family)
        for user in outsiders:
            with self.assertRaises(AccessError):
                claim.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                claim.with_user(user).action_accept()
        self.assertEqual(claim.state, "open")
        self.assertFalse(self.child.guardian_link_ids)

    def test_accept_links_the_family_with_their_consents(self):
        """Accepting makes the family a parent of the child, with the consents and versions they gave."""
        self.consent_photo.version = "3"
        claim = self._claim()
        self.consent_photo.version = "4"
        claim.with_user(self.users["school_leader"]).action_accept()
        link = self.child.guardian_link_ids
        self.assertEqual(
            (link.guardian_id, link.relation, link.is_legal_representative), (self.family.partner_id, "mother", True)
        )
        consents = {c.type_id: c for c in self.child.consent_ids}
        self.assertEqual(set(consents), {self.consent_personal, self.consent_photo})
        self.assertEqual(consents[self.consent_photo].version, "3", "the version the family accepted")
        self.assertEqual(consents[self.consent_photo].channel, "portal")
        self.assertEqual(claim.state, "accepted")
        self.assertFalse(claim.activity_ids, "the to-do is done")
        self.assertEqual(self.env["youth.member"]._in_care_of(self.family.partner_id), self.child)
        self.assertIn("Child On File", self._mails_to(self.family.partner_id)[-1].body_html)
        with self.assertRaisesRegex(UserError, "settled already"):
            claim.with_user(self.users["school_leader"]).action_accept()

    def test_refusal_reads_as_a_rejected_application(self):
        """The refusal of a claim and the rejection of a new application send the same mail, from
        what each family typed, in English, Russian and Kazakh: the family does not learn that the
        child was on file."""
        words = {"en_US": "was not approved", "ru_RU": "не одобрено", "kk_KZ": "мақұлданбады"}
        langs = list(words)
        for lang in langs[1:]:
            self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], langs[1:], overwrite=True)
        reason = "The school could not confirm that you are a parent of the child."
        for lang in langs:
            with self.subTest(lang=lang):
                new, claimant = (
                    new_test_user(
                        self.env, f"{who}_{lang}", groups="base.group_portal", name="Applying Family", lang=lang
                    )
                    for who in ("new", "claimant")
                )
                fresh = self.env["youth.member"]._portal_apply(new.partner_id, self._post(self.make_iin()))
                claim = self._claim(user=claimant)
                self.env["youth.member.reject"].with_user(self.users["regional_manager"]).create(
                    {"member_ids": [(6, 0, fresh.ids)], "reason": reason}
                ).action_reject()
                self.env["youth.member.claim.refuse"].with_user(self.users["school_leader"]).create(
                    {"claim_ids": [(6, 0, claim.ids)], "reason": reason}
                ).action_refuse()
                self.assertEqual((claim.state, claim.refusal_reason), ("refused", reason))
                self.assertNotIn(claimant.partner_id, self.child.guardian_link_ids.guardian_id)
                new_mails, claim_mails = self._mails_to(new.partner_id), self._mails_to(claimant.partner_id)
                self.assertEqual(len(claim_mails), 2, "the acknowledgement, then the refusal")
                for mail, twin in zip(new_mails, claim_mails):
                    self.assertEqual((twin.subject, twin.body_html), (mail.subject, mail.body_html))
                    self.assertEqual(twin.message_id.split("-openerp-")[1].split("@")[0], "youth-application")
                rejected, refused = new_mails[-1], claim_mails[-1]
                self.assertEqual(refused.subject, rejected.subject)
                self.assertEqual(refused.body_html, rejected.body_html)
                self.assertIn(reason, refused.body_html)
                self.assertIn(words[lang], refused.body_html, "in the family's language")
                self.assertNotIn("Child On File", refused.body_html + refused.subject)
                self.assertNotIn("claim", refused.message_id)
                self.assertEqual(refused.message_id.split("-openerp-")[1].split("@")[0], "youth-application")
                rows = self.env["youth.member"]._portal_applications(claimant.partner_id)
                self.assertEqual(
                    [(r["name"], r["status"], r["reason"]) for r in rows], [("Typed Name", "rejected", reason)]
                )

    def test_first_applicant_gives_way(self):
        """A squatter who applied first for a child does not block the real family: staff accept the
        family instead, and the squatter's application is refused as any other."""
        iin = self.make_iin()
        pending = self.env["youth.member"]._portal_apply(
            self.squatter.partner_id,
            self._post(iin, name="Squatted", district_id=str(self.district_a.id), school_id=str(self.school_a1.id)),
        )
        claim = self._claim(member=pending, name="Real Name")
        self.assertEqual(claim.member_id, pending)
        self.assertEqual(claim.first_applicant_id, self.squatter.partner_id)
        Wizard = self.env["youth.member.claim.refuse"].with_user(self.users["school_leader"])
        action = claim.with_user(self.users["school_leader"]).action_open_replace_wizard()
        Wizard.with_context(**action["context"]).create({"reason": "Not the child's parent."}).action_refuse()

        self.assertEqual(claim.state, "accepted")
        self.assertEqual(pending.status, "applicant", "the child's application goes on, the real family's now")
        self.assertEqual(pending.applied_by_id, self.family.partner_id)
        self.assertEqual(pending.guardian_link_ids.guardian_id, self.family.partner_id)
        squatter_consents = pending.consent_ids.filtered(lambda c: c.guardian_id == self.squatter.partner_id)
        self.assertEqual(set(squatter_consents.mapped("state")), {"withdrawn"})
        Member = self.env["youth.member"]
        self.assertFalse(Member._in_care_of(self.squatter.partner_id))
        self.assertEqual(
            [(r["name"], r["status"]) for r in Member._portal_applications(self.squatter.partner_id)],
            [("Squatted", "rejected")],
            "the squatter's portal shows a rejected application",
        )
        self.assertEqual(
            [(r["name"], r["status"]) for r in Member._portal_applications(self.family.partner_id)],
            [("Squatted", "applicant")],
            "the family's application is the child's now",
        )
        self.assertIn("was not approved", self._mails_to(self.squatter.partner_id)[-1].subject)
        pending.with_user(self.users["school_leader"]).action_approve_application()
        self.assertIn("has been approved", self._mails_to(self.family.partner_id)[-1].body_html)

    def test_accepted_on_a_rejected_application(self):
        """A claim on another family's rejected application makes it this family's, to decide again:
        the family never sees the reason given to the other one, who keeps their refusal."""
        iin = self.make_iin()
        Member = self.env["youth.member"]
        rejected = Member._portal_apply(
            self.squatter.partner_id,
            self._post(iin, name="Squatted", district_id=str(self.district_a.id), school_id=str(self.school_a1.id)),
        )
        rejected.with_user(self.users["school_leader"])._reject_application("Unknown at this school.")
        told = self._mails_to(self.squatter.partner_id)
        claim = self._claim(member=rejected, name="Real Name")
        claim.with_user(self.users["school_leader"]).action_accept()
        self.assertEqual(
            (rejected.status, rejected.rejection_reason, rejected.applied_by_id),
            ("applicant", False, self.family.partner_id),
        )
        self.assertEqual(rejected.guardian_link_ids.guardian_id, self.family.partner_id)
        self.assertEqual(
            [(r["status"], r["reason"]) for r in Member._portal_applications(self.squatter.partner_id)],
            [("rejected", "Unknown at this school.")],
        )
        self.assertEqual(self._mails_to(self.squatter.partner_id), told, "no second mail to the first family")
        self.assertEqual(
            [(r["status"], r["reason"]) for r in Member._portal_applications(self.family.partner_id)],
            [("applicant", "")],
        )

    def test_replace_needs_another_familys_application(self):
        """Only an undecided portal application of another family can be replaced."""
        claim = self._claim()
        with self.assertRaisesRegex(UserError, "no undecided application"):
            claim.with_user(self.users["school_leader"])._accept_instead_of_first_applicant("Reason")
        self.assertEqual(claim.state, "open")

    def test_what_the_family_sent_stays(self):
        """Staff note what they checked, and cannot change what the family sent nor decide by writing."""
        claim = self._claim().with_user(self.users["school_leader"])
        claim.note = "Birth certificate seen"
        for values in (
            {"name": "Other"},
            {"member_id": self.make_member().id},
            {"state": "accepted"},
            {"partner_id": self.squatter.partner_id.id},
        ):
            with self.assertRaisesRegex(UserError, "what the family sent"):
                claim.write(values)

    def test_repeat_and_own_child_are_refused_alike(self):
        """A family applying again for a child on their list is told so, for a claim as for an applicant."""
        Member = self.env["youth.member"]
        claim = self._claim()
        self.assertIn(
            "already on your list",
            Member._portal_application_errors(self._post(self.child.iin), self.family.partner_id)["iin"],
        )
        fresh_iin = self.make_iin()
        Member._portal_apply(self.family.partner_id, self._post(fresh_iin))
        self.assertIn(
            "already on your list",
            Member._portal_application_errors(self._post(fresh_iin), self.family.partner_id)["iin"],
        )
        claim.sudo().write({"state": "accepted"})
        self.child.sudo().guardian_link_ids.unlink()
        self.assertFalse(
            Member._portal_application_errors(self._post(self.child.iin), self.family.partner_id),
            "an accepted claim whose link was removed leaves the child off the list",
        )

    @mute_logger("odoo.sql_db")
    def test_a_parallel_registration_is_retried(self):
        """When another transaction registers the IIN after ours looked, the application fails as a
        serialisation error (Odoo retries it and makes a claim), never as a message, and leaves nothing."""
        Member = self.env["youth.member"]
        iin = self.make_iin()
        self.make_member(iin=iin)
        counts = (Member.search_count([]), self.env["res.partner"].search_count([]))
        with (
            patch.object(type(Member), "_portal_on_file", lambda self, value: self.browse()),
            patch.object(type(Member), "_check_iin_free", lambda self, iins: None),
            self.assertRaises(pg_errors.SerializationFailure) as caught,
        ):
            Member._portal_apply(self.family.partner_id, self._post(iin))
        self.assertEqual(caught.exception.pgcode, errorcodes.SERIALIZATION_FAILURE)
        self.assertEqual((Member.search_count([]), self.env["res.partner"].search_count([])), counts)
