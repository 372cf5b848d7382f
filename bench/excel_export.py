#!/usr/bin/env python3
"""The member list in Excel at regional scale: our export, Odoo's own list export, and the floor.

    python3 bench/excel_export.py -d DB [--members 150000] [odoo options: --db_host ... --addons-path ...]

Measures, each in a fresh process so that the figures do not mix, the same rows and columns
(name, school, district, grade, class, tier, status, join date: 8 columns, one row per member):

- ours:  the reports wizard's member list (youth.report.wizard, report_member_list), read
         through the ORM as the regional manager and streamed to xlsxwriter (constant_memory);
- odoo:  Odoo's list export, as /web/export/xlsx does it: search, export_data, ExcelExport;
- floor: one SQL query, then xlsxwriter in constant_memory mode writing the rows.

Reports wall time and peak memory growth (VmHWM after the run minus VmRSS before it, the peak
being reset first) with the ratios to the floor. With --members N, members are first added by
SQL (quickly, without the ORM) until the database holds N of them, spread over its schools.
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
    wizard = env["youth.report.wizard"].create({
        "report_membership": False, "report_member_list": True, "scope": "region", "lang": "en_US",
    })
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
        fields = [{"name": name, "label": label, "type": Member._fields[name].type}
                  for name, label in zip(FIELDS, HEADERS)]
        return ExcelExport().from_data(fields, HEADERS, rows)
    finally:
        _request_stack.pop()


def run_floor(env):
    import xlsxwriter

    env.cr.execute("""
        SELECT p.name, s.name, d.name->>'en_US', m.grade, m.class_letter, t.name->>'en_US', m.status, m.join_date
          FROM youth_member m
          JOIN res_partner p ON p.id = m.partner_id
          JOIN res_partner s ON s.id = m.school_id
     LEFT JOIN youth_district d ON d.id = m.district_id
     LEFT JOIN youth_tier t ON t.id = m.tier_id
      ORDER BY d.name->>'en_US', s.name, m.grade, m.class_letter, m.id
    """)
    rows = env.cr.fetchall()
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "default_date_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet("Members")
    sheet.write_row(0, 0, HEADERS)
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
        manager = env.ref("youth_movement.user_regional_manager_demo")
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
    return {"variant": variant, "rows": count, "seconds": round(seconds, 2),
            "memory_mb": round((peak - baseline) / 2**20, 1), "bytes": len(content)}


# ---------------------------------------------------------------------- data
def generate(database, odoo_args, members):
    """Add members by SQL until the database holds ``members`` of them (a few seconds)."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-d", database, *odoo_args])
    with Registry(database).cursor() as cr:
        cr.execute("SELECT count(*) FROM youth_member")
        missing = members - cr.fetchone()[0]
        if missing <= 0:
            return 0
        cr.execute("SELECT id, grade_from, grade_to FROM youth_tier WHERE active")
        tiers = cr.fetchall()
        tier_case = " ".join("WHEN g.grade BETWEEN %d AND %d THEN %d" % (f, t, i) for i, f, t in tiers)
        cr.execute("SELECT coalesce(max(id), 0) FROM res_partner")
        first = cr.fetchone()[0] + 1
        cr.execute("""
            INSERT INTO res_partner (id, name, complete_name, active, type, is_company, create_date, write_date)
            SELECT %s + n, 'Bench pupil ' || n, 'Bench pupil ' || n, true, 'contact', false, now(), now()
              FROM generate_series(0, %s - 1) n
        """, [first, missing])
        cr.execute("SELECT setval('res_partner_id_seq', (SELECT max(id) FROM res_partner))")
        cr.execute("""
            WITH schools AS (
                SELECT row_number() OVER (ORDER BY s.id) - 1 AS k, s.id, s.youth_district_id, d.state_id
                  FROM res_partner s LEFT JOIN youth_district d ON d.id = s.youth_district_id
                 WHERE s.is_youth_school
            ), n AS (SELECT count(*) AS c FROM schools),
            g AS (
                SELECT x, (x * 7919) %% 12 AS grade FROM generate_series(0, %s - 1) x
            )
            INSERT INTO youth_member (partner_id, school_id, district_id, region_id, grade, class_letter,
                                      school_year, tier_id, status, iin, applied_date, join_date,
                                      create_date, write_date)
            SELECT %s + g.x, s.id, s.youth_district_id, s.state_id, g.grade, chr(1040 + (g.x %% 4)),
                   2025, CASE %s END,
                   CASE WHEN g.x %% 20 = 0 THEN 'applicant' ELSE 'active' END,
                   lpad((900000000000 + g.x)::text, 12, '0'),
                   date '2025-09-01' - (g.x %% 900), date '2025-09-01' - (g.x %% 900) + 7, now(), now()
              FROM g JOIN schools s ON s.k = g.x %% (SELECT c FROM n)
        """.replace("CASE %s END", "CASE " + tier_case + " END"), [missing, first])
        cr.commit()
        return missing


# ---------------------------------------------------------------------- driver
def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=150000, help="members the database should hold")
    parser.add_argument("--variant", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", choices=sorted(RUNNERS), default=["floor", "ours", "odoo"])
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each (interleaved); the fastest is kept, the machine being shared")
    args, odoo_args = parser.parse_known_args()
    if args.variant:
        print(json.dumps(measure(args.variant, args.database, odoo_args)))
        return
    added = generate(args.database, odoo_args, args.members)
    if added:
        print("added %d members by SQL" % added, flush=True)
    results = {}
    for _run in range(args.repeat):
        for variant in args.only:
            out = subprocess.run(
                [sys.executable, __file__, "-d", args.database, "--variant", variant, *odoo_args],
                capture_output=True, text=True, env=dict(os.environ, PYTHONWARNINGS="ignore"),
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
    for variant in args.only:
        result = results[variant]
        ratio = "%.2f" % (result["seconds"] / floor["seconds"]) if floor else "-"
        print("| %s | %d | %.2f | %s | %.1f | %.1f |" % (
            variant, result["rows"], result["seconds"], ratio, result["memory_mb"], result["bytes"] / 2**20))


if __name__ == "__main__":
    main()
