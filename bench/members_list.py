#!/usr/bin/env python3
"""Time the members list as a district coordinator and as the regional manager, side by side.

    python3 bench/members_list.py -d DB --db_host HOST --db_port PORT -r odoo \\
        --addons-path /opt/odoo18/odoo/addons,. [--repeat 20] [--warmup 3] [--explain]

Run it on a database filled by bench/generate_region.py. Each scenario makes the calls the web
client makes when Youth Movement > Members opens (the action's default filter "Active", its
order, the list view's fields, 80 rows, the pager's count up to 10 000), in-process as the user,
with a cold record cache each time (as a new request has) and warm PostgreSQL and registry
caches (as a running server has). HTTP and JSON are not included.

The users bench_coordinator (district coordinator of the largest district of the region, or
--district) and bench_manager (regional manager) are created when missing; their passwords are
their logins.
"""

import math
import statistics

import odoo_env
from lxml import etree

from odoo import Command, models
from odoo.tools import SQL

PAGE = 80
COUNT_LIMIT = 10000  # the web client's default: it counts up to 10 000 and then shows "10000+"
DOMAIN = [("status", "=", "active")]  # search_default_active_member of youth_member_action
# the read_group calls of Membership analysis's pivot (rows: district, columns: tier), lazy=False
PIVOT = ([], ["tier_id"], ["district_id"], ["district_id", "tier_id"])


def coordinated_district(env, parser, region, name=None):
    """``(region, [(district, members)], district)``: the district named, or the largest of the region."""
    state = env["res.country.state"].search([("country_id.code", "=", "KZ"), ("code", "=", region)])
    sizes = env["youth.member"]._read_group([("region_id", "=", state.id)], ["district_id"], ["__count"])
    if not sizes:
        parser.error(f"{state.name or region} has no members: run bench/generate_region.py first")
    if not name:
        return state, sizes, max(sizes, key=lambda pair: pair[1])[0]
    district = env["youth.district"].search([("state_id", "=", state.id), ("name", "=", name)])
    if not district:
        parser.error(f"no district {name} in {state.name}")
    return state, sizes, district


def ensure_users(env, district):
    """The two benchmark users, created or updated; return ``(coordinator, manager)``."""
    users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    groups = {
        "bench_coordinator": env.ref("youth_movement.youth_movement_group_district_coordinator"),
        "bench_manager": env.ref("youth_movement.youth_movement_group_regional_manager"),
    }
    found = []
    for login, group in groups.items():
        values = {
            "groups_id": [Command.set([group.id])],
            "youth_district_ids": [Command.set(district.ids if login == "bench_coordinator" else [])],
        }
        user = users.search([("login", "=", login)], limit=1)
        if user:
            user.write(dict(values, active=True))
        else:
            user = users.create(dict(values, login=login, password=login, name=login.replace("_", " ").title()))
        found.append(user)
    env.cr.commit()
    return found


def list_specification(env, model="youth.member"):
    """What the list view asks for: its fields, many2one ones with their display name."""
    Model = env[model]
    arch = Model.get_views([(False, "list")])["views"]["list"]["arch"]
    names = [node.get("name") for node in etree.fromstring(arch).iterfind("field") if node.get("name") in Model._fields]
    return {name: {"fields": {"display_name": {}}} if Model._fields[name].type == "many2one" else {} for name in names}


def scenarios(specification):
    """``(label, function of the model)``: the calls each scenario makes."""

    def page(number):
        return lambda Member: Member.web_search_read(
            DOMAIN,
            specification,
            offset=(number - 1) * PAGE,
            limit=PAGE,
            order="",
            count_limit=COUNT_LIMIT + 1,
        )

    def grouped(groupby):
        return lambda Member: Member.web_read_group(DOMAIN, [], [groupby], limit=PAGE, offset=0, orderby="", lazy=True)

    def pivot(Member):
        return [Member.read_group(DOMAIN, ["__count"], groupby, lazy=False) for groupby in PIVOT]

    def counted(groupby, odoo):
        """The grouping call alone, the addon's (ordered after counting) or Odoo's own."""
        arguments = (DOMAIN, groupby, ["__count"])
        options = {"limit": PAGE, "order": ",".join(groupby)}
        if odoo:
            return lambda Member: models.BaseModel._read_group(Member, *arguments, **options)
        return lambda Member: Member._read_group(*arguments, **options)

    def pivot_counts(odoo):
        return lambda Member: [counted(groupby, odoo)(Member) for groupby in PIVOT]

    return [
        ("list, page 1", page(1)),
        ("list, page 50", page(50)),
        ("grouped by district", grouped("district_id")),
        ("grouped by school", grouped("school_id")),
        ("pivot district x tier", pivot),
        ("full count (pager)", lambda Member: Member.search_count(DOMAIN)),
        ("by district, ours", counted(["district_id"], False)),
        ("by district, Odoo's", counted(["district_id"], True)),
        ("by school, ours", counted(["school_id"], False)),
        ("by school, Odoo's", counted(["school_id"], True)),
        ("pivot's 4, ours", pivot_counts(False)),
        ("pivot's 4, Odoo's", pivot_counts(True)),
    ]


def percentile(values, share):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def explain(env, user, offset):
    """EXPLAIN ANALYZE of the main query of the list, as ``user``."""
    Member = env(user=user.id)["youth.member"]
    query = Member._search(DOMAIN, offset=offset, limit=PAGE, order=Member._order)
    sql = query.select()
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", sql))
    return [row[0] for row in env.cr.fetchall()]


def main():
    parser = odoo_env.argument_parser(__doc__, repeat=20)
    parser.add_argument("--district", help="name of the coordinator's district (default: the largest)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the list's query")
    options = odoo_env.parse(parser)
    with odoo_env.environment(options.database) as env:
        state, sizes, district = coordinated_district(env, parser, options.region, options.district)
        in_district = dict(sizes).get(district, 0)
        total = env["youth.member"].search_count([])
        coordinator, manager = ensure_users(env, district)
        specification = list_specification(env(user=coordinator.id))
        plans = scenarios(specification)
        roles = [("coordinator", coordinator), ("manager", manager)]

        timings = {(label, role): [] for label, _call in plans for role, _user in roles}
        queries, lengths = {}, {}
        for run in range(options.warmup + options.repeat):
            for label, call in plans:
                for role, user in roles:
                    seconds, count, result = odoo_env.run_as(
                        env, user, "youth.member", call, search_default_active_member=1
                    )
                    if run >= options.warmup:
                        timings[(label, role)].append(seconds)
                    queries[(label, role)] = count
                    lengths[(label, role)] = (
                        result["length"]
                        if isinstance(result, dict)
                        else len(result)
                        if isinstance(result, list)
                        else result
                    )
        env.cr.rollback()

        print(
            f"Members list: {total} members in the database; coordinator of {district.name} "
            f"({in_district} members of {sum(count for _d, count in sizes)} in {state.name}); "
            f"{options.repeat} runs after {options.warmup} warm-up, times in ms"
        )
        header = f"{'':<22}{'coordinator':>33}{'manager':>33}{'ratio':>8}"
        print(header)
        print(f"{'':<22}" + f"{'median':>9}{'p95':>8}{'queries':>8}{'length':>8}" * 2 + f"{'c/m':>8}")
        for label, _call in plans:
            line = f"{label:<22}"
            medians = []
            for role, _user in roles:
                values = timings[(label, role)]
                medians.append(statistics.median(values))
                length = lengths[(label, role)]
                line += (
                    f"{1000 * medians[-1]:>8.1f} {1000 * percentile(values, 0.95):>7.1f} "
                    f"{queries[(label, role)]:>7} {length:>7}"
                )
            line += f"{medians[0] / medians[1]:>8.2f}"
            print(line)
        if options.explain:
            for offset in (0, 49 * PAGE):
                for role, user in roles:
                    print(f"\nEXPLAIN ANALYZE, list at offset {offset}, as the {role}:")
                    print("\n".join(explain(env, user, offset)))
            env.cr.rollback()


if __name__ == "__main__":
    main()
