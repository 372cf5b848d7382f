#!/usr/bin/env python3
"""The participation detail in Excel at regional scale: our export, Odoo's own list export, and the floor.

    python3 bench/excel_participation.py -d DB [--repeat 2] [--only floor ours odoo] [--school-year 2026] \\
        [odoo options]

on a database filled by bench/generate_region.py (150,000 pupils) and bench/bench_events.py
(5,000 events, 500,000 registrations in the school year 2026-2027). Odoo options as for
``python3 -m odoo``: --db_host, --db_port, -r, --addons-path...

Measures, each in a fresh process, the same rows and columns (event, date, district, school,
pupil, grade, status, days present, result: one row per registration of a pupil at an event that
begins in the school year):

- ours:  the reports wizard's participation detail (youth.report.wizard, report_participation_list),
         one query built by the ORM as the regional manager, streamed to xlsxwriter (constant_memory);
- odoo:  Odoo's list export of the registrations, as /web/export/xlsx does it: search, export_data
         (with the computed days present), ExcelExport;
- floor: one SQL query (fetchall), then xlsxwriter in constant_memory mode writing the rows.

All three run as ``bench_excel_manager`` (regional manager, made by bench/excel_export.py or here).
Reports wall time and peak memory growth (VmHWM after the run minus VmRSS before it, the peak
being reset first) with the ratio to the floor; with --repeat the fastest run of each is kept.
"""

import argparse
import datetime
import json
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import excel_export  # the memory probes and the bench user

FIELDS = [
    "event_id",
    "event_id/date_begin",
    "member_district_id",
    "member_school_id",
    "youth_member_id",
    "youth_member_id/grade",
    "state",
    "days_present",
    "result",
]
HEADERS = ["Event", "Date", "District or city", "School", "Pupil", "Grade", "Status", "Days present", "Result"]


def _bounds(school_year):
    """The school year as UTC datetimes, Almaty midnight to midnight (as the wizard computes it)."""
    start = datetime.datetime(school_year, 9, 1) - datetime.timedelta(hours=5)
    end = datetime.datetime(school_year + 1, 9, 1) - datetime.timedelta(hours=5)
    return start, end


def run_ours(env, school_year):
    wizard = env["youth.report.wizard"].create(
        {
            "report_membership": False,
            "report_participation_list": True,
            "scope": "region",
            "lang": "en_US",
            "period_type": "school_year",
            "school_year_choice": str(school_year),
        }
    )
    return wizard._render_xlsx()


def run_odoo(env, school_year):
    from types import SimpleNamespace

    from odoo.http import _request_stack

    from odoo.addons.web.controllers.export import ExcelExport

    _request_stack.push(SimpleNamespace(env=env))  # ExportXlsxWriter reads request.env
    try:
        start, end = _bounds(school_year)
        Registration = env["event.registration"]
        records = Registration.search(
            [
                ("event_id.date_begin", ">=", start),
                ("event_id.date_begin", "<", end),
                ("youth_member_id", "!=", False),
            ]
        )
        rows = records.export_data(FIELDS).get("datas", [])
        fields = [{"name": name, "label": label, "type": "char"} for name, label in zip(FIELDS, HEADERS)]
        return ExcelExport().from_data(fields, HEADERS, rows)
    finally:
        _request_stack.pop()


def run_floor(env, school_year):
    start, end = _bounds(school_year)
    env.cr.execute(
        """
        SELECT e.name->>'en_US', (timezone(COALESCE(e.date_tz, 'UTC'), timezone('UTC', e.date_begin)))::date,
               d.name->>'en_US', s.name, p.name, m.grade, r.state,
               COALESCE(a.present, 0), r.result
          FROM event_registration r
          JOIN event_event e ON e.id = r.event_id
     LEFT JOIN (SELECT registration_id, count(*) AS present FROM youth_event_attendance WHERE present
                 GROUP BY registration_id) a ON a.registration_id = r.id
          JOIN youth_member m ON m.id = r.youth_member_id
          JOIN res_partner p ON p.id = m.partner_id
     LEFT JOIN res_partner s ON s.id = r.member_school_id
     LEFT JOIN youth_district d ON d.id = r.member_district_id
         WHERE e.date_begin >= %s AND e.date_begin < %s AND r.active
      ORDER BY 2, 1, e.id, 3, 4, 5, r.id
    """,
        [start, end],
    )
    return excel_export.write_floor("Participation", HEADERS, env.cr.fetchall())


RUNNERS = {"floor": run_floor, "ours": run_ours, "odoo": run_odoo}


def measure(variant, database, school_year, odoo_args):
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-d", database, *odoo_args])
    registry = Registry(database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        manager = env["res.users"].search([("login", "=", excel_export.LOGIN)])
        manager.groups_id |= env.ref("base.group_allow_export")  # rolled back with the rest
        env.flush_all()
        env = env(user=manager.id, context={"lang": "en_US", "tz": "Asia/Almaty"})
        start, end = _bounds(school_year)
        count = env["event.registration"].search_count(
            [("event_id.date_begin", ">=", start), ("event_id.date_begin", "<", end), ("youth_member_id", "!=", False)]
        )
        env.invalidate_all()
        baseline = excel_export._status("VmRSS")
        excel_export._reset_peak()
        started = time.perf_counter()
        content = RUNNERS[variant](env, school_year)
        seconds = time.perf_counter() - started
        peak = excel_export._status("VmHWM")
        cr.rollback()
    return {
        "variant": variant,
        "rows": count,
        "seconds": round(seconds, 2),
        "memory_mb": round((peak - baseline) / 2**20, 1),
        "bytes": len(content),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--variant", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", choices=sorted(RUNNERS), default=["floor", "ours", "odoo"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--school-year", type=int, default=2026, help="first year of the school year exported")
    args, odoo_args = parser.parse_known_args()
    if args.variant:
        print(json.dumps(measure(args.variant, args.database, args.school_year, odoo_args)))
        return
    excel_export.ensure_manager(args.database, odoo_args)
    excel_export.compare(
        __file__, args.database, args.only, args.repeat, ["--school-year", str(args.school_year)], odoo_args
    )


if __name__ == "__main__":
    main()
