#!/usr/bin/env python3
"""The member list in Excel at regional scale: our export, Odoo's own list export, and the floor.

    python3 bench/excel_export.py -d DB [--repeat 3] [--only floor ours odoo] [odoo options]

on a database filled by bench/generate_region.py (150,000 pupils). Odoo options as for
``python3 -m odoo``: --db_host, --db_port, -r, --addons-path...

Measures, each in a fresh process so that the figures do not mix, the same rows and columns
(name, school, district, grade, class, tier, status, join date: 8 columns, one row per member):

- ours:  the reports wizard's member list (youth.report.wizard, report_member_list), read
         through the ORM as the regional manager and streamed to xlsxwriter (constant_memory);
- odoo:  Odoo's list export, as /web/export/xlsx does it: search, export_data, ExcelExport;
- floor: one SQL query, then xlsxwriter in constant_memory mode writing the rows.

All three run as the same regional manager (``bench_excel_manager``, made on the first run)
and export every member. Reports wall time and peak memory growth (VmHWM after the run minus
VmRSS before it, the peak being reset first) with the ratios to the floor.
With --repeat R each one runs R times, interleaved, and the fastest run is reported.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import time

FIELDS = ["name", "school_id", "district_id", "grade", "class_letter", "tier_id", "status", "join_date"]
HEADERS = ["Name", "School", "District or city", "Grade", "Class", "Tier", "Status", "Member since"]


# ---------------------------------------------------------------------- memory
def _status(key):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(key)


def _reset_peak():
    """Make VmHWM start again from the current RSS (Linux >= 4.0)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


# ---------------------------------------------------------------------- the three ways
def run_ours(env):
    wizard = env["youth.report.wizard"].create(
        {
            "report_membership": False,
            "report_member_list": True,
            "scope": "region",
            "lang": "en_US",
        }
    )
    return wizard._render_xlsx()


def run_odoo(env):
    from types import SimpleNamespace

    from odoo.http import _request_stack

    from odoo.addons.web.controllers.export import ExcelExport

    _request_stack.push(SimpleNamespace(env=env))  # ExportXlsxWriter reads request.env
    try:
        Member = env["youth.member"]
        records = Member.search([], offset=0, limit=False, order=False)
        rows = records.export_data(FIELDS).get("datas", [])
        fields = [
            {"name": name, "label": label, "type": Member._fields[name].type} for name, label in zip(FIELDS, HEADERS)
        ]
        return ExcelExport().from_data(fields, HEADERS, rows)
    finally:
        _request_stack.pop()


def run_floor(env):
    env.cr.execute("""
        SELECT p.name, s.name, d.name->>'en_US', m.grade, m.class_letter, t.name->>'en_US', m.status, m.join_date
          FROM youth_member m
          JOIN res_partner p ON p.id = m.partner_id
          JOIN res_partner s ON s.id = m.school_id
     LEFT JOIN youth_district d ON d.id = m.district_id
     LEFT JOIN youth_tier t ON t.id = m.tier_id
      ORDER BY d.name->>'en_US', s.name, m.grade, m.class_letter, m.id
    """)
    return write_floor("Members", HEADERS, env.cr.fetchall())


def write_floor(sheet_name, headers, rows):
    """The floor's file: the rows as they are, xlsxwriter in constant-memory mode."""
    import xlsxwriter

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "default_date_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet(sheet_name)
    sheet.write_row(0, 0, headers)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    book.close()
    return output.getvalue()


RUNNERS = {"floor": run_floor, "ours": run_ours, "odoo": run_odoo}


# ---------------------------------------------------------------------- one measurement
def measure(variant, database, odoo_args):
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-d", database, *odoo_args])
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        manager = env["res.users"].search([("login", "=", LOGIN)])
        # Odoo's export asks for the export right; given here and rolled back with the rest
        manager.groups_id |= env.ref("base.group_allow_export")
        env.flush_all()
        env = env(user=manager.id, context={"lang": "en_US", "tz": "Asia/Almaty"})
        env["youth.member"].search_count([])  # registry, rules and caches loaded before measuring
        count = env["youth.member"].search_count([])
        env.invalidate_all()
        baseline = _status("VmRSS")
        _reset_peak()
        start = time.perf_counter()
        content = RUNNERS[variant](env)
        seconds = time.perf_counter() - start
        peak = _status("VmHWM")
        cr.rollback()
    return {
        "variant": variant,
        "rows": count,
        "seconds": round(seconds, 2),
        "memory_mb": round((peak - baseline) / 2**20, 1),
        "bytes": len(content),
    }


# ---------------------------------------------------------------------- the user
LOGIN = "bench_excel_manager"


def ensure_manager(database, odoo_args):
    """The regional manager the exports run as (created once, password = login)."""
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-d", database, *odoo_args])
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not env["res.users"].search([("login", "=", LOGIN)]):
            env["res.users"].create(
                {
                    "name": "Bench Excel manager",
                    "login": LOGIN,
                    "password": LOGIN,
                    "groups_id": [(6, 0, [env.ref("youth_movement.youth_movement_group_regional_manager").id])],
                }
            )
        return env["youth.member"].search_count([])


# ---------------------------------------------------------------------- driver
def compare(script, database, variants, repeat, extra, odoo_args):
    """Run each variant of ``script`` ``repeat`` times, each in a process of its own (so that its
    memory growth is its own), keep the fastest run of each and print them beside the floor."""
    results = {}
    for _run in range(repeat):
        for variant in variants:
            out = subprocess.run(
                [sys.executable, script, "-d", database, "--variant", variant, *extra, *odoo_args],
                capture_output=True,
                text=True,
                env=dict(os.environ, PYTHONWARNINGS="ignore"),
            )
            if out.returncode:
                sys.exit("%s failed:\n%s" % (variant, out.stderr[-3000:]))
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps(result), flush=True)
            if variant not in results or result["seconds"] < results[variant]["seconds"]:
                results[variant] = result
    floor = results.get("floor")
    print("\n| export | rows | wall time (s) | × floor | peak memory growth (MB) | file (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for variant in variants:
        result = results[variant]
        ratio = "%.2f" % (result["seconds"] / floor["seconds"]) if floor else "-"
        print(
            "| %s | %d | %.2f | %s | %.1f | %.1f |"
            % (variant, result["rows"], result["seconds"], ratio, result["memory_mb"], result["bytes"] / 2**20)
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--variant", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", choices=sorted(RUNNERS), default=["floor", "ours", "odoo"])
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each (interleaved); the fastest is kept, the machine being shared",
    )
    args, odoo_args = parser.parse_known_args()
    if args.variant:
        print(json.dumps(measure(args.variant, args.database, odoo_args)))
        return
    print("%d members in the database" % ensure_manager(args.database, odoo_args), flush=True)
    compare(__file__, args.database, args.only, args.repeat, [], odoo_args)


if __name__ == "__main__":
    main()
