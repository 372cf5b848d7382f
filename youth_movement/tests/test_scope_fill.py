from odoo.tests import tagged

from ..tools import scope
from .common import YouthCase


@tagged("post_install", "-at_install")
class TestScopeFill(YouthCase):
    """``tools/scope.fill_person_scope`` (the migration's and the region generator's SQL) fills the
    contact flag and the scope tables as the ORM computes them."""

    def _scope(self, partners):
        self.env.invalidate_all()
        return {
            partner.id: (partner.youth_person, partner.youth_scope_school_ids, partner.youth_scope_district_ids)
            for partner in partners
        }

    def test_sql_fill_equals_the_orm(self):
        parent = self.env["res.partner"].create({"name": "Parent of two schools", "email": "two@example.kz"})
        stranger = self.env["res.partner"].create({"name": "Nobody's parent"})
        first = self.make_member(school=self.school_a1)
        second = self.make_member(school=self.school_b1)
        archived = self.make_member(school=self.school_b1)
        for member in (first, second):
            self.env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": parent.id})
        archived.active = False  # an archived pupil keeps the scope of their contact
        partners = parent | stranger | first.partner_id | second.partner_id | archived.partner_id
        computed = self._scope(partners)
        self.assertEqual(computed[parent.id][1], self.school_a1 | self.school_b1)
        self.env.flush_all()
        ids = tuple(partners.ids)
        self.env.cr.execute("UPDATE res_partner SET youth_person = NULL WHERE id IN %s", (ids,))
        for table, _column in scope.SCOPES:
            self.env.cr.execute(f"DELETE FROM {table} WHERE partner_id IN %s", (ids,))
        self.env.invalidate_all()
        self.assertFalse(parent.youth_scope_school_ids, "wiped")
        scope.fill_person_scope(self.env.cr)
        self.assertEqual(self._scope(partners), computed)
