from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import YouthCase


@tagged("post_install", "-at_install")
class TestFamily(YouthCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mother = cls.env["res.partner"].create({"name": "Mother"})
        cls.aunt = cls.env["res.partner"].create({"name": "Aunt"})

    def test_one_parent_many_children(self):
        """Siblings share a parent; the parent counts the children in their care."""
        first, second = self.make_member(), self.make_member(school=self.school_b1)
        self.env["youth.guardian.link"].create(
            [
                {"member_id": first.id, "guardian_id": self.mother.id, "relation": "mother"},
                {"member_id": second.id, "guardian_id": self.mother.id, "relation": "mother"},
            ]
        )
        self.assertEqual(self.mother.youth_child_count, 2)
        self.assertEqual(self.env["youth.member"]._in_care_of(self.mother), first | second)

    def test_legal_representative_by_relation(self):
        """Parents are legal representatives by default, other relatives are not."""
        member = self.make_member()
        mother_link = self.env["youth.guardian.link"].create(
            {"member_id": member.id, "guardian_id": self.mother.id, "relation": "mother"}
        )
        aunt_link = self.env["youth.guardian.link"].create(
            {"member_id": member.id, "guardian_id": self.aunt.id, "relation": "other"}
        )
        self.assertTrue(mother_link.is_legal_representative)
        self.assertFalse(aunt_link.is_legal_representative)

    def test_child_not_own_parent(self):
        """A child cannot be linked as their own parent."""
        member = self.make_member()
        with self.assertRaisesRegex(ValidationError, "own parent"):
            self.env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": member.partner_id.id})

    def test_consent_by_legal_representative_only(self):
        """Only a legal representative of the child can give consent."""
        member = self.make_member()
        self.env["youth.guardian.link"].create(
            [
                {"member_id": member.id, "guardian_id": self.mother.id, "relation": "mother"},
                {"member_id": member.id, "guardian_id": self.aunt.id, "relation": "other"},
            ]
        )
        with self.assertRaisesRegex(ValidationError, "not a legal representative"):
            self.env["youth.consent"].create(
                {"member_id": member.id, "guardian_id": self.aunt.id, "type_id": self.consent_personal.id}
            )
        consent = self.env["youth.consent"].create(
            {"member_id": member.id, "guardian_id": self.mother.id, "type_id": self.consent_personal.id}
        )
        self.assertEqual(consent.version, self.consent_personal.version, "the accepted version is kept")
        self.assertEqual(consent.state, "given")

    def test_consent_ok_and_withdrawal(self):
        """A member has the required consents until the personal-data consent is withdrawn."""
        member = self.make_member()
        self.env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": self.mother.id})
        self.assertFalse(member.consent_ok)
        photo = self.env["youth.consent"].create(
            {"member_id": member.id, "guardian_id": self.mother.id, "type_id": self.consent_photo.id}
        )
        self.assertFalse(member.consent_ok, "the photo consent is optional, not the required one")
        personal = self.env["youth.consent"].create(
            {"member_id": member.id, "guardian_id": self.mother.id, "type_id": self.consent_personal.id}
        )
        self.assertTrue(member.consent_ok)
        Member = self.env["youth.member"]
        self.assertIn(member, Member.search([("consent_ok", "=", True)]))
        self.assertNotIn(member, Member.search([("consent_ok", "=", False)]))
        personal.action_withdraw()
        self.assertIn(member, Member.search([("consent_ok", "=", False)]))
        self.assertIn(member, Member.search([("consent_ok", "!=", True)]))
        self.assertEqual(personal.state, "withdrawn")
        self.assertTrue(personal.withdrawn_date)
        self.assertFalse(member.consent_ok)
        with self.assertRaisesRegex(UserError, "already been withdrawn"):
            personal.action_withdraw()
        self.assertEqual(photo.state, "given")

    def test_consent_version_kept_when_text_changes(self):
        """A new version of the text does not change what was accepted before."""
        member = self.make_member()
        self.env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": self.mother.id})
        consent = self.env["youth.consent"].create(
            {"member_id": member.id, "guardian_id": self.mother.id, "type_id": self.consent_personal.id}
        )
        old = consent.version
        self.consent_personal.version = "2099-1"
        self.assertEqual(consent.version, old)
