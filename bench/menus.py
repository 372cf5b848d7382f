#!/usr/bin/env python3
"""Time what each Youth Movement menu opens, as a district coordinator and as the regional manager.

    python3 bench/menus.py -d DB --db_host HOST --db_port PORT -r odoo \\
        --addons-path /opt/odoo18/odoo/addons,. [--repeat 10] [--warmup 2] [--only WORD]

Run it on a database filled by bench/generate_region.py (and bench/bench_events.py for the
events). For every menu of the addon that opens a window action and that the user sees, it makes
the calls the web client makes, in-process as the user, with a cold record cache each time (as a
new request) and warm PostgreSQL and registry caches (as a running server):

- the action's first view: a list or kanban page (``web_search_read``: the action's domain and
  default filters, the view's fields and default order, 80 rows, the count up to 10 000), or the
  grouped list when a default filter groups (``web_read_group``, 80 groups, lazy), or the pivot;
- the pivot, where the action has one: the ``read_group`` calls the pivot view makes for its row
  and column fields (every prefix of the rows with every prefix of the columns, lazy=False).

It prints the median and 95th percentile in ms and the SQL queries of each call; the users are
those of bench/members_list.py (bench_coordinator, bench_manager), created when missing.
"""

import datetime
import statistics

import members_list
import odoo_env
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tools import safe_eval as safe
from odoo.tools.safe_eval import safe_eval

PAGE = 80
COUNT_LIMIT = 10000


def eval_context(user):
    """What the web client's domains and contexts may name."""
    return {
        "uid": user.id,
        "context_today": lambda: datetime.date.today(),
        "datetime": safe.datetime,
        "relativedelta": relativedelta,
        "allowed_company_ids": user.company_ids.ids,
    }


def default_search(Model, action, context, names):
    """``(domain, groupby)`` of the action's ``search_default_*`` filters: filters of one group
    (between separators) are OR-ed, groups AND-ed, as the search panel does."""
    view_id = action.search_view_id.id or False
    arch = etree.fromstring(Model.get_views([(view_id, "search")])["views"]["search"]["arch"])
    wanted = {
        key[len("search_default_") :] for key, value in context.items() if key.startswith("search_default_") and value
    }
    groups, current, groupby = [], [], []
    for node in arch.iter("filter", "separator", "group"):
        if node.tag != "filter":
            groups.append(current)
            current = []
            continue
        if node.get("name") not in wanted:
            continue
        if node.get("domain"):
            current.append(safe_eval(node.get("domain"), names))
        if node.get("context"):
            groupby += [safe_eval(node.get("context"), names).get("group_by")]
    groups.append(current)
    domain = []
    for filters in groups:
        if filters:
            domain += ["|"] * (len(filters) - 1) + [leaf for part in filters for leaf in part]
    return domain, [name for name in groupby if name]


def list_call(Model, view_type, domain, view_id=False):
    """The first page of the action's list (or kanban) view."""
    view = Model.get_views([(view_id, view_type)])["views"][view_type]
    specification = (
        members_list.list_specification(Model.env, Model._name) if view_type == "list" else {"display_name": {}}
    )
    order = etree.fromstring(view["arch"]).get("default_order") or ""
    return lambda M: M.web_search_read(domain, specification, limit=PAGE, order=order, count_limit=COUNT_LIMIT + 1)


def pivot_call(Model, domain, view_id=False):
    """The pivot's read_groups: rows and columns of its view, each prefix with each prefix."""
    arch = etree.fromstring(Model.get_views([(view_id, "pivot")])["views"]["pivot"]["arch"])
    rows = [node.get("name") for node in arch.iterfind("field") if node.get("type") == "row"]
    cols = [node.get("name") for node in arch.iterfind("field") if node.get("type") == "col"]
    measures = [node.get("name") for node in arch.iterfind("field") if node.get("type") == "measure"]
    fields = [f"{name}:sum" for name in measures] + ["__count"]
    groupbys = [rows[:i] + cols[:j] for i in range(len(rows) + 1) for j in range(len(cols) + 1)]
    return lambda M: [M.read_group(domain, fields, groupby, lazy=False) for groupby in groupbys], len(groupbys)


def calls_of(env, user, only):
    """``[(label, model, function of the model)]`` for the menus ``user`` sees."""
    Menu = env["ir.ui.menu"]
    root = env.ref("youth_movement.youth_movement_menu_root")
    visible = Menu.with_user(user)._visible_menu_ids()
    menus = Menu.search([("id", "child_of", root.id), ("action", "!=", False)], order="parent_path")
    names = eval_context(user)
    found = []
    for menu in menus:
        action = menu.action
        shown = all(int(id_) in visible for id_ in menu.parent_path.strip("/").split("/"))  # the menu and its parents
        if not shown or action._name != "ir.actions.act_window" or (only and only not in menu.complete_name):
            continue
        Model = env[action.res_model].with_user(user)
        context = safe_eval(action.context or "{}", names)
        domain = safe_eval(action.domain or "[]", names)
        search_domain, groupby = default_search(Model, action, context, names)
        domain = domain + search_domain
        modes = action.view_mode.split(",")
        views = {mode: view_id for view_id, mode in action.views}  # the views the action names, else False
        label = menu.name
        if modes[0] in ("list", "kanban") and groupby:
            found.append(
                (
                    f"{label}: grouped by {groupby[0]}",
                    action.res_model,
                    lambda M, d=domain, g=groupby: M.web_read_group(d, [], g[:1], limit=PAGE, lazy=True),
                )
            )
        elif modes[0] in ("list", "kanban"):
            found.append(
                (
                    f"{label}: {modes[0]}",
                    action.res_model,
                    list_call(Model, modes[0], domain, views.get(modes[0], False)),
                )
            )
        if "pivot" in modes:
            call, count = pivot_call(Model, domain, views.get("pivot", False))
            found.append((f"{label}: pivot ({count} read_group)", action.res_model, call))
    return found


def main():
    parser = odoo_env.argument_parser(__doc__, repeat=10)
    parser.set_defaults(warmup=2)
    parser.add_argument("--district", help="name of the coordinator's district (default: the largest)")
    parser.add_argument("--only", help="only the menus whose path contains this text")
    options = odoo_env.parse(parser)
    with odoo_env.environment(options.database) as env:
        state, sizes, district = members_list.coordinated_district(env, parser, options.region, options.district)
        users = dict(zip(("coordinator", "manager"), members_list.ensure_users(env, district)))
        plans = {role: calls_of(env, user, options.only) for role, user in users.items()}
        labels = list(dict.fromkeys(label for calls in plans.values() for label, _m, _c in calls))
        timings, queries = {}, {}
        for run in range(options.warmup + options.repeat):
            for role, user in users.items():
                for label, model, call in plans[role]:
                    seconds, count, _result = odoo_env.run_as(env, user, model, call)
                    if run >= options.warmup:
                        timings.setdefault((label, role), []).append(seconds)
                    queries[(label, role)] = count
        env.cr.rollback()
        total = env["youth.member"].search_count([])
        print(
            f"Menus: {total} members; coordinator of {district.name} ({dict(sizes).get(district, 0)} members); "
            f"{options.repeat} runs after {options.warmup} warm-up, times in ms"
        )
        width = max(len(label) for label in labels) + 2
        print(f"{'':<{width}}{'coordinator':>24}{'manager':>24}")
        print(f"{'':<{width}}" + f"{'median':>8}{'p95':>8}{'queries':>8}" * 2)
        for label in labels:
            line = f"{label:<{width}}"
            for role in users:
                values = timings.get((label, role))
                if values:
                    line += (
                        f"{1000 * statistics.median(values):>8.1f}{1000 * members_list.percentile(values, 0.95):>8.1f}"
                    )
                    line += f"{queries[(label, role)]:>8}"
                else:
                    line += f"{'-':>8}{'-':>8}{'-':>8}"
            print(line)


if __name__ == "__main__":
    main()
