from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.base.models.ir_rule import IrRule as OdooIrRule

from ..tools import sort_keys
from .common import YouthCase

ROLES = ("school_leader", "district_coordinator", "regional_manager", "admin")


@tagged("post_install", "-at_install")
class TestMemberRules(YouthCase):
    """Reading members checks their own table (models/ir_rule.py): the same members as Odoo's rules,
    which also read every member's contact, for every role; the contact's archive flag and company
    follow the contact; any other rule on contacts still applies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Another department"})
        cls.members = cls.env["youth.member"].concat(
            *(cls.make_member(school=school) for school in (cls.school_a1, cls.school_a2, cls.school_b1) * 2)
        )
        cls.archived = cls.members[0]
        cls.archived.partner_id.active = False  # archived from the contact form
        cls.elsewhere = cls.members[1]
        cls.elsewhere.partner_id.company_id = cls.company_b  # a contact of another company

    def _visible(self, user, domain):
        return self.env["youth.member"].with_user(user).with_context(active_test=False).search(domain).ids

    def _odoo_visible(self, user):
        """The ids of the members ``user`` may read by the rules of youth.member as Odoo 18 computes
        them: the member's and, on its contact, every contact rule."""
        domain = OdooIrRule._compute_domain(self.env["ir.rule"].with_user(user), "youth.member", "read")
        return sorted(self.env["youth.member"].with_context(active_test=False).search(domain).ids)

    def test_same_members_as_odoo_rules(self):
        """Every role sees exactly the members Odoo's own rules let it see, archived ones and a
        contact of another company included, in a search and in a read of each id."""
        everyone = self.env["youth.member"].with_context(active_test=False).search([]).ids
        for role in ROLES:
            user = self.users[role]
            with self.subTest(role=role):
                expected = self._odoo_visible(user)
                self.assertEqual(sorted(self._visible(user, [])), expected)
                self.assertNotIn(self.elsewhere.id, expected, "the company rule")
                readable = self.env["youth.member"].with_user(user).browse(everyone)._filtered_access("read")
                self.assertEqual(sorted(readable.ids), expected)
        self.assertEqual(
            self._visible(self.users["district_coordinator"], [("id", "in", self.members.ids)]),
            (self.members.filtered(lambda m: m.district_id == self.district_a) - self.elsewhere).ids,
        )

    def test_the_list_reads_one_table(self):
        """The members list's query, as the manager and as a coordinator, does not join the
        contacts: no res_partner in its SQL, for the default filter and the archive flag."""
        for role in ROLES:
            Member = self.env["youth.member"].with_user(self.users[role])
            query = Member._search([("status", "=", "active")], limit=80, order=Member._order)
            sql = self.env.cr.mogrify(*query.select()).decode()
            with self.subTest(role=role):
                self.assertNotIn("res_partner", sql)
                self.assertIn('"youth_member"."active"', sql)

    def test_company_of_the_user(self):
        """A user of both companies who works in the other one sees the member of that company."""
        manager = self.users["regional_manager"]
        manager.company_ids = [(4, self.company_b.id)]
        Member = self.env["youth.member"].with_user(manager)
        one = Member.with_context(allowed_company_ids=manager.company_id.ids)
        self.assertNotIn(self.elsewhere, one.search([]))
        both = Member.with_context(allowed_company_ids=[manager.company_id.id, self.company_b.id])
        self.assertIn(self.elsewhere, both.search([]))
        self.assertEqual(sorted(both.with_context(active_test=False).search([]).ids), self._odoo_visible(manager))

    def test_other_contact_rules_still_apply(self):
        """A department's own rule on contacts (or another module's) still hides members."""
        self.env["ir.rule"].create(
            {
                "name": "Contacts: not the ones marked secret",
                "model_id": self.env.ref("base.model_res_partner").id,
                "domain_force": "[('ref', '!=', 'secret')]",
            }
        )
        hidden = self.members[2]
        hidden.partner_id.ref = "secret"
        for role in ROLES:
            with self.subTest(role=role):
                visible = self._visible(self.users[role], [])
                self.assertNotIn(hidden.id, visible)
                self.assertEqual(sorted(visible), self._odoo_visible(self.users[role]))

    def test_archive_follows_the_contact(self):
        """Archiving a contact archives its member and the other way round; the default list hides
        both; restoring one restores the other."""
        Member = self.env["youth.member"].with_user(self.users["regional_manager"])
        self.assertFalse(self.archived.active)
        self.assertNotIn(self.archived, Member.search([]))
        member = self.members[3]
        member.with_user(self.users["regional_manager"]).action_archive()
        self.assertFalse(member.partner_id.active)
        self.assertNotIn(member, Member.search([]))
        member.partner_id.active = True
        self.assertTrue(member.active)
        self.assertIn(member, Member.search([]))

    def test_sql_fill_equals_the_orm(self):
        """``tools/sort_keys.fill_contact_columns`` (the 18.0.1.7.0 migration) writes what the ORM stores."""
        stored = {member.id: (member.active, member.company_id.id) for member in self.members}
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE youth_member SET active = NULL, company_id = NULL WHERE id IN %s", tuple(self.members.ids))
        )
        self.env.invalidate_all()
        self.assertFalse(self.elsewhere.company_id, "wiped")
        sort_keys.fill_contact_columns(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual({member.id: (member.active, member.company_id.id) for member in self.members}, stored)
        self.assertEqual(stored[self.elsewhere.id], (True, self.company_b.id))
        self.assertEqual(stored[self.archived.id], (False, False))
