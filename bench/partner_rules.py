#!/usr/bin/env python3
"""What the movement's contact rules cost: the same calls with them and without them, side by side.

    python3 bench/partner_rules.py -d DB --db_host HOST --db_port PORT -r odoo \\
        --addons-path /opt/odoo18/odoo/addons,. [--repeat 15] [--warmup 3]

Run it on a database filled by bench/generate_region.py. The addon confines contacts (issue
"Trust"): an internal user outside the movement sees no pupil and no parent, a school leader or
district coordinator those of their scope, the regional manager all. Those rules are read on
every search of ``res.partner``, and through ``_inherits`` on every search of ``youth.member``.

Each call is timed as the user in-process with a cold record cache and warm registry caches (as
a running server has: each switch of the rules is followed by an untimed run of every call),
twice per round: with the rules as installed, and as the reference with the four
``res_partner_rule_*`` rules of the addon switched off in the same transaction (Odoo's own rules
stay, so that is the cost before the issue). Rounds alternate the two; everything is rolled back at the end.

- contacts list, page 1, and its count, as ``bench_employee`` (an internal user outside the
  movement: Contacts app, 80 rows);
- contact autocomplete ``name_search("Ива")`` as ``bench_employee`` (any many2one to a contact);
- contacts list, page 1, as ``bench_coordinator`` (the largest district);
- members list, page 1, as ``bench_coordinator`` (Youth Movement > Members).

The users are created when missing (passwords are the logins).
"""

import statistics

import members_list
import odoo_env

from odoo import Command

PAGE = 80
RULES = [
    "youth_movement.res_partner_rule_employee",
    "youth_movement.res_partner_rule_school_leader",
    "youth_movement.res_partner_rule_district_coordinator",
    "youth_movement.res_partner_rule_regional_manager",
]


def ensure_employee(env):
    users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    user = users.search([("login", "=", "bench_employee")], limit=1)
    values = {"groups_id": [Command.set([env.ref("base.group_user").id])]}
    if user:
        user.write(dict(values, active=True))
    else:
        user = users.create(dict(values, login="bench_employee", password="bench_employee", name="Bench Employee"))
    env.cr.commit()
    return user


def size(result):
    if isinstance(result, dict):
        return result.get("length", len(result.get("records", [])))
    return len(result) if isinstance(result, list) else result


def main():
    parser = odoo_env.argument_parser(__doc__, repeat=15)
    options = odoo_env.parse(parser)
    with odoo_env.environment(options.database) as env:
        _state, _sizes, district = members_list.coordinated_district(env, parser, options.region)
        coordinator, _manager = members_list.ensure_users(env, district)
        employee = ensure_employee(env)
        contacts = members_list.list_specification(env(user=employee.id), "res.partner")
        members = members_list.list_specification(env(user=coordinator.id))
        plans = [
            (
                "contacts, page 1 (employee)",
                employee,
                "res.partner",
                lambda P: P.web_search_read([], contacts, limit=PAGE, count_limit=10001),
            ),
            ("contacts, count (employee)", employee, "res.partner", lambda P: P.search_count([])),
            ("autocomplete (employee)", employee, "res.partner", lambda P: P.name_search("Ива", limit=8)),
            (
                "contacts, page 1 (coordinator)",
                coordinator,
                "res.partner",
                lambda P: P.web_search_read([], contacts, limit=PAGE, count_limit=10001),
            ),
            (
                "members, page 1 (coordinator)",
                coordinator,
                "youth.member",
                lambda M: M.web_search_read(
                    members_list.DOMAIN, members, limit=PAGE, order="", count_limit=members_list.COUNT_LIMIT + 1
                ),
            ),
        ]
        rules = env["ir.rule"].browse([env.ref(xmlid).id for xmlid in RULES])
        variants = ("with the rules", "reference")
        timings = {(label, v): [] for label, *_rest in plans for v in variants}
        queries, lengths = {}, {}
        for run in range(options.warmup + options.repeat):
            for variant in variants:
                rules.write({"active": variant == "with the rules"})
                env.registry.clear_cache()
                for _label, user, model, call in plans:  # warm the registry's caches, as a running server has
                    odoo_env.run_as(env, user, model, call)
                for label, user, model, call in plans:
                    seconds, count, result = odoo_env.run_as(env, user, model, call)
                    if run >= options.warmup:
                        timings[(label, variant)].append(seconds)
                    queries[(label, variant)] = count
                    lengths[(label, variant)] = size(result)
        env.cr.rollback()
        partners = env["res.partner"].search_count([])
        people = env["youth.member"].search_count([])
        print(
            f"Contact rules: {partners} contacts, {people} pupils; coordinator of {district.name}; "
            f"{options.repeat} rounds after {options.warmup} warm-up, median ms (rows or count)"
        )
        print(f"{'':<32}{'with the rules':>30}{'reference (no addon rule)':>30}{'ratio':>8}")
        for label, *_rest in plans:
            line = f"{label:<32}"
            medians = []
            for variant in variants:
                median = statistics.median(timings[(label, variant)])
                medians.append(median)
                line += f"{1000 * median:>12.1f} ms {queries[(label, variant)]:>4} q {lengths[(label, variant)]:>8}"
            line += f"{medians[0] / medians[1]:>8.2f}"
            print(line)


if __name__ == "__main__":
    main()
