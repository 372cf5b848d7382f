import json
import logging

from odoo.tests import tagged
from odoo.tools import SQL

from ..tools import sort_keys
from .common import YouthCase, list_specification

_logger = logging.getLogger(__name__)
# every scan but the index-only one, switched off or on
SQL_SCANS = "SET LOCAL enable_seqscan = %(0)s; SET LOCAL enable_bitmapscan = %(0)s; SET LOCAL enable_indexscan = %(0)s"
ACTIVE = [("status", "=", "active")]  # the default filter of Youth Movement > Members


@tagged("post_install", "-at_install")
class TestMemberList(YouthCase):
    """The members list: its order, the stored keys it sorts on, the indexes that serve it, and the
    queries of a page, a grouped list and the pager's count, the same at any number of members."""

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - before

    def _calls(self, user):
        Member = self.env["youth.member"].with_user(user)
        specification = list_specification(self.env["youth.member"])
        return {
            "page": lambda: Member.web_search_read(ACTIVE, specification, limit=80, count_limit=10001),
            "grouped": lambda: Member.web_read_group(ACTIVE, [], ["district_id"], limit=80, lazy=True),
            "count": lambda: Member.search_count(ACTIVE),
        }

    def _members(self, count, **values):
        return self.env["youth.member"].concat(
            *(
                self.make_member(
                    school=(self.school_a1, self.school_a2, self.school_b1)[index % 3],
                    grade=1 + index % 11,
                    class_letter="АБВ"[index % 3],
                    status="active",
                    **values,
                )
                for index in range(count)
            )
        )

    def test_order(self):
        """School by name, grade, class, pupil by name; renaming a school or a pupil moves them."""
        Member = self.env["youth.member"]
        members = self._members(12)
        expected = members.sorted(lambda m: (m.school_id.complete_name, m.grade, m.class_letter, m.name, m.id))
        self.assertEqual(Member.search([("id", "in", members.ids)]), expected)
        self.assertEqual(members[0].school_sort_name, members[0].school_id.complete_name)

        self.school_a1.name = "Zhas School A1"  # now after School B1
        self.assertEqual(
            set(members.filtered(lambda m: m.school_id == self.school_a1).mapped("school_sort_name")),
            {"Zhas School A1"},
        )
        found = Member.search([("id", "in", members.ids)])
        self.assertEqual(found[-1].school_id, self.school_a1)
        self.assertEqual(found[0].school_id, self.school_a2)

        first, second = found.filtered(lambda m: m.school_id == self.school_a2)[:2]
        second.write({"grade": first.grade, "class_letter": first.class_letter})
        second.name = "Aa " + second.name  # sorts before "Pupil ..." in any collation
        self.assertEqual(second.sort_name, second.name)
        self.assertEqual(Member.search([("id", "in", members.ids)])[0], second)

    def test_sql_fill_equals_the_orm(self):
        """``tools/sort_keys.fill_sort_keys`` (the 18.0.1.6.0 migration) writes what the ORM stores."""
        members = self._members(5)
        self.school_b1.name = "School B1, renamed"
        computed = {member.id: (member.school_sort_name, member.sort_name) for member in members}
        self.assertEqual(computed[members[2].id][0], "School B1, renamed")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE youth_member SET school_sort_name = NULL, sort_name = 'stale' WHERE id IN %s", (tuple(members.ids),)
        )
        self.env.invalidate_all()
        self.assertEqual(members[0].sort_name, "stale", "wiped")
        sort_keys.fill_sort_keys(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual({member.id: (member.school_sort_name, member.sort_name) for member in members}, computed)

    def _plan(self, user):
        Member = self.env["youth.member"].with_user(user)
        query = Member._search(ACTIVE, limit=80, order=Member._order)
        self.env.flush_all()
        # a test database is small, where sorting a few hundred rows is cheaper than an index:
        # price scans and sorts out, so that the plan has no Sort only when an index gives the order
        self.env.cr.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
        self.env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query.select()))
        plan = json.dumps(self.env.cr.fetchone()[0])
        self.env.cr.execute("SET LOCAL enable_seqscan = on; SET LOCAL enable_sort = on")
        return plan

    def test_indexes_serve_the_order(self):
        """A page of the list is the first rows of an index scan: no sort of the region's members,
        for the manager (every district) and for a coordinator (one district)."""
        self._members(30)
        self.env.cr.execute("ANALYZE youth_member")
        manager = self._plan(self.users["regional_manager"])
        self.assertIn("youth_member_list_order_index", manager)
        self.assertNotIn('"Node Type": "Sort"', manager)
        coordinator = self._plan(self.users["district_coordinator"])
        self.assertIn("youth_member_district_list_order_index", coordinator)
        self.assertNotIn('"Node Type": "Sort"', coordinator)

    def test_pivot_reads_the_counts_index(self):
        """The pivot of the active members (district by tier) and a coordinator's tiers read the
        narrow index of the active members alone (an index-only scan)."""
        self._members(30)
        self.env.cr.execute("ANALYZE youth_member")
        # (the totals and the manager's tier-only grouping are left out: in a test database of a few
        # hundred members PostgreSQL does not always plan a whole scan of the partial index for them)
        cases = [
            ("regional_manager", ["district_id", "tier_id"]),
            ("district_coordinator", ["district_id", "tier_id"]),
            ("district_coordinator", ["tier_id"]),
        ]
        for role, groupby in cases:
            Member = self.env["youth.member"].with_user(self.users[role])
            with self.subTest(role=role, groupby=groupby):
                query = Member._search(ACTIVE)
                columns = [SQL.identifier(Member._table, name) for name in groupby]
                if columns:
                    query.groupby = SQL(", ").join(columns)
                self.env.flush_all()
                # only an index that answers alone may serve (in the small test database the planner
                # may rather read the few active members through the status index)
                self.env.cr.execute(SQL_SCANS % {"0": "off"})
                self.env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", query.select(*columns, SQL("COUNT(*)"))))
                plan = json.dumps(self.env.cr.fetchone()[0])
                self.env.cr.execute(SQL_SCANS % {"0": "on"})
                self.assertIn("youth_member_active_counts_index", plan)
                self.assertIn('"Index Only Scan"', plan)

    def test_query_counts(self):
        """A page, the list grouped by district and the full count cost the same queries with 6 or
        60 members, as the manager and as a coordinator: 9 for a page, 3 grouped, 2 counted."""
        expected = {
            # reading the pupil's name through res.partner, Odoo 18 checks the member's read rules
            # in Python on the page's rows: the company rule reads their company_id, which fetches
            # the members' other columns in one query more
            "regional_manager": {"page": 9, "grouped": 3, "count": 2},
            "district_coordinator": {"page": 9, "grouped": 3, "count": 2},
        }
        counts = {}

        def measure(size):
            for role in expected:
                for name, call in self._calls(self.users[role]).items():
                    call()  # warm the caches (rules, views, translations)
                    counts[(role, name, size)] = self._queries(call)

        self._members(6)
        measure("few")
        self._members(54)
        measure("many")
        for role, calls in expected.items():
            for name, queries in calls.items():
                self.assertEqual(counts[(role, name, "few")], counts[(role, name, "many")], (role, name, counts))
                self.assertLessEqual(counts[(role, name, "many")], queries, (role, name, counts))
        _logger.info("members list queries: %s", counts)
        manager = self._calls(self.users["regional_manager"])
        self.assertEqual(manager["count"](), self.env["youth.member"].search_count(ACTIVE))
