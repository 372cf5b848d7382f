import contextlib

from odoo import models
from odoo.tests import tagged

from ..models.youth_group_order_mixin import YouthGroupOrderMixin
from .common_event import YouthEventCase

ROLES = ("district_coordinator", "regional_manager")


def odoo_web_read_group(model, *args, **kwargs):
    """Odoo's own ``web_read_group`` (the web addon's), for ``model`` that inherits the mixin."""
    return super(YouthGroupOrderMixin, model).web_read_group(*args, **kwargs)


@tagged("post_install", "-at_install")
class TestGroupOrder(YouthEventCase):
    """Grouped lists and pivots of the large tables (models/youth_group_order_mixin.py): the same
    groups in the same order as Odoo's own ``_read_group``, ordered after they are counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_a1 = cls.env["youth.unit"].create(
            {"name": "Unit of A1", "school_id": cls.school_a1.id, "tier_id": cls.tier_kyran.id}
        )
        cls.members = cls.env["youth.member"].concat(
            *(
                cls.make_member(
                    school=(cls.school_b1, cls.school_a2, cls.school_a1)[index % 3],
                    grade=(3, 9)[index % 2],
                    status="active",
                )
                for index in range(12)
            )
        )
        cls.members.filtered(lambda m: m.school_id == cls.school_a1 and m.grade == 3).unit_id = cls.unit_a1
        cls.events = cls.make_event(name="Zeta rally", start_in_days=3) | cls.make_event(name="Alpha contest")
        cls.env["event.registration"].create(
            [
                {"event_id": event.id, "youth_member_id": member.id}
                for event, members in zip(cls.events, (cls.members[:7], cls.members[4:]))
                for member in members
            ]
        )

    def _both(self, Model, groupby, order, **kwargs):
        """``(ours, Odoo's)``: the rows of the mixin's ``_read_group`` and of Odoo's own."""
        aggregates = ["__count"]
        ours = Model._read_group([], groupby, aggregates, order=order, **kwargs)
        odoo = models.BaseModel._read_group(Model, [], groupby, aggregates, order=order, **kwargs)
        return ours, odoo

    def test_same_groups_in_the_same_order(self):
        """As a coordinator and as the manager, for one and two many2ones, ascending, descending,
        nulls first or last, a page of groups: the rows are Odoo's own."""
        cases = [
            ("youth.member", ["district_id"], "district_id"),
            ("youth.member", ["district_id"], "district_id desc"),
            ("youth.member", ["school_id"], "school_id"),  # a contact: complete_name, id desc
            ("youth.member", ["school_id"], "school_id desc"),
            ("youth.member", ["district_id", "tier_id"], "district_id, tier_id"),  # the pivot
            ("youth.member", ["district_id", "tier_id"], "tier_id desc, district_id"),
            ("youth.member", ["unit_id"], "unit_id"),  # most pupils have no unit
            ("youth.member", ["unit_id"], "unit_id desc"),
            ("youth.member", ["unit_id"], "unit_id asc nulls first"),
            ("youth.member", ["unit_id"], "unit_id desc nulls last"),
            ("event.registration", ["event_id"], "event_id"),
            ("youth.guardian.link", ["member_id"], "member_id"),
            # a many2one with a selection, an integer, a boolean: the registrations' pivot and others
            ("event.registration", ["member_district_id", "state"], "member_district_id, state"),
            ("event.registration", ["member_district_id", "state"], "state desc, member_district_id desc"),
            ("youth.member", ["district_id", "grade"], "district_id, grade desc"),
            ("youth.member", ["school_id", "active"], "active desc, school_id"),
        ]
        self.make_family_member(school=self.school_a1)
        self.make_family_member(school=self.school_b1)
        for role in ROLES:
            for model, groupby, order in cases:
                Model = self.env[model].with_user(self.users[role])
                with self.subTest(role=role, model=model, order=order):
                    ours, odoo = self._both(Model, groupby, order)
                    self.assertTrue(odoo)
                    self.assertEqual(ours, odoo)
                    self.assertEqual(self._both(Model, groupby, order, offset=1, limit=2)[0], odoo[1:3])
        unit_rows = self._both(self.env["youth.member"], ["unit_id"], "unit_id")[0]
        self.assertEqual(unit_rows[0][0], self.unit_a1)
        self.assertFalse(unit_rows[-1][0], "without a unit last, as Odoo orders them")

    def test_counted_on_the_table_alone(self):
        """The grouping query counts on the members' own table; the districts and their region, whose
        order sorts the groups, are joined to the counted groups."""
        queries = []
        Member = self.env["youth.member"].with_user(self.users["regional_manager"])
        Member.web_read_group([("status", "=", "active")], [], ["district_id"], lazy=True)  # warm the caches
        self.env.invalidate_all()
        with contextlib.contextmanager(self._patchExecute)(queries, True):
            Member.web_read_group([("status", "=", "active")], [], ["district_id"], lazy=True)
        grouping = [query for query in queries if 'GROUP BY "youth_member"' in query]
        self.assertEqual(len(grouping), 1, queries)
        counting, ordering = grouping[0].split("GROUP BY")
        self.assertNotIn("youth_district", counting)
        self.assertNotIn("res_country_state", counting)
        self.assertIn('LEFT JOIN "youth_district"', ordering, "the groups joined after the count")
        self.assertIn('LEFT JOIN "res_country_state"', ordering)

    def test_other_orders_are_odoo_s(self):
        """An order on the count, on a field grouped by a granularity, on the contact's columns, or on
        plain fields alone, is Odoo's own query."""
        Member = self.env["youth.member"]
        cases = (
            (["district_id"], "__count desc"),
            (["grade"], "grade desc"),
            (["district_id", "birth_date:year"], "district_id, birth_date"),  # grouped by year
            (["country_id"], "country_id"),  # the contact's: a column of res_partner
        )
        for groupby, order in cases:
            with self.subTest(order=order):
                self.assertFalse(Member._youth_groups_ordered_after(groupby, order))
        self.assertTrue(Member._youth_groups_ordered_after(["district_id", "grade"], "district_id"))
        ours, odoo = self._both(Member, ["district_id"], "__count desc")
        self.assertEqual(ours, odoo)

    def test_number_of_groups(self):
        """The grouped list's pager counts every group, as many as Odoo's web_read_group counts, for a
        page of groups, a page past the first, a date grouping, a search that finds nothing, and the
        groups Odoo adds itself (the event stages' group_expand, the calendar's fill_temporal)."""
        self.make_family_member(school=self.school_a1)
        self.make_family_member(school=self.school_b1)
        self.env["youth.guardian.link"].create(
            [
                {
                    "member_id": member.id,
                    "guardian_id": self.env["res.partner"].create({"name": f"Parent {member.id}"}).id,
                }
                for member in self.members
            ]
        )
        cases = [
            ("youth.guardian.link", [], ["guardian_id"], {}),
            ("youth.member", [("status", "=", "active")], ["school_id"], {}),
            ("event.registration", [], ["event_id"], {}),
            ("event.event", [], ["date_begin:month"], {}),
            ("event.event", [], ["stage_id"], {}),
            ("event.event", [], ["date_begin:day"], {"fill_temporal": True}),
            ("youth.member", [("id", "=", 0)], ["district_id"], {}),
        ]
        for role in ROLES:
            for model, domain, groupby, context in cases:
                Model = self.env[model].with_user(self.users[role]).with_context(**context)
                every = len(odoo_web_read_group(Model, domain, [], groupby)["groups"])
                for limit, offset in ((1, 0), (2, 1), (80, 0), (every or 1, 0)):
                    with self.subTest(role=role, model=model, groupby=groupby, limit=limit, offset=offset):
                        result = Model.web_read_group(domain, [], groupby, limit=limit, offset=offset)
                        odoo = odoo_web_read_group(Model, domain, [], groupby, limit=limit, offset=offset)
                        self.assertEqual(result["length"], odoo["length"])
                        self.assertEqual(result["groups"], odoo["groups"])
        self.assertGreater(
            len(self.env["event.stage"].search([])), len(self.env["event.event"]._read_group([], ["stage_id"]))
        )
        self.assertGreater(len(self.env["youth.guardian.link"]._read_group([], ["guardian_id"])), 2)
