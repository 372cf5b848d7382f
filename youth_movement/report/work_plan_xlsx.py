"""Work-plan execution: each line of the plans with its period, kind, responsible, district, status
and execution, target against actual, the events that carry it out and the pupils they reached;
then the lines done, late and pending by month, with a chart."""

from odoo import models
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import sheets

EXECUTIONS = ("done", "late", "pending", "cancelled")


class YouthReportXlsxWorkPlan(models.AbstractModel):
    _name = "youth.report.xlsx.work_plan"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: work-plan execution"
    _youth_sequence = 70
    _youth_fields = [
        "plan_id",
        "title",
        "kind",
        "period_type",
        "month",
        "quarter",
        "date_start",
        "date_end",
        "responsible_id",
        "user_id",
        "district_id",
        "state",
        "execution",
        "target",
        "actual",
    ]

    def _line_domain(self, wizard):
        """Lines whose period meets the report's (or those chosen in the plan lines list), of the
        scope's districts."""
        domain = wizard._source_domain("youth.work.plan.line")
        if not domain:
            domain = [("date_start", "<=", wizard.date_to), ("date_end", ">=", wizard.date_from)]
        return expression.AND([domain, wizard._scope_domain("district_id")])

    def _build_sheets(self, xlsx):
        _ = self.env._
        Line = self.env["youth.work.plan.line"]
        lines = Line.search_fetch(
            self._line_domain(xlsx.wizard), self._youth_fields, order="date_start, plan_id, sequence, id"
        )
        events = dict(
            self.env["event.event"]._read_group([("plan_line_id", "in", lines.ids)], ["plan_line_id"], ["__count"])
        )
        reached = self._pupils_reached(lines)
        plans = {p.id: p.name for p in self._readable("youth.work.plan", lines.plan_id.ids, ["name"])}
        labels = {
            fname: self._selection_labels("youth.work.plan.line", fname)
            for fname in ("kind", "month", "quarter", "state", "execution")
        }
        columns = [
            sheets.Column("plan", _("Plan"), 28),
            sheets.Column("title", _("Line"), 44, total=sheets.TOTAL_COUNT),
            sheets.Column("period", _("Period"), 18),
            sheets.Column("date_start", _("Period start"), 11, sheets.DATE),
            sheets.Column("date_end", _("Period end"), 11, sheets.DATE),
            sheets.Column("kind", _("Kind"), 16),
            sheets.Column("responsible", _("Responsible"), 28),
            sheets.Column("district", _("District or city"), 20),
            sheets.Column("state", _("Status"), 11),
            sheets.Column("execution", _("Execution"), 11),
            sheets.Column("target", _("Target"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("actual", _("Actual"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column(
                "rate", _("Actual against target"), 12, sheets.PERCENT, sheets.TOTAL_RATIO, ("actual", "target")
            ),
            sheets.Column("events", _("Events"), 9, sheets.INTEGER, sheets.TOTAL_SUM),
            # a pupil may be reached by several lines: the column adds up to more than the pupils
            sheets.Column("reached", _("Pupils reached"), 11, sheets.INTEGER),
        ]
        region = _("Region-wide")
        by_month = {}
        rows = []
        for line in lines:
            period = (
                labels["month"].get(line.month) if line.period_type == "month" else labels["quarter"].get(line.quarter)
            )
            responsible = line.responsible_id.name or line.user_id.name or ""
            rows.append(
                sheets.row_values(
                    columns,
                    {
                        "plan": plans.get(line.plan_id.id, ""),
                        "title": line.title,
                        "period": period or "",
                        "date_start": line.date_start or None,
                        "date_end": line.date_end or None,
                        "kind": labels["kind"].get(line.kind, ""),
                        "responsible": responsible,
                        "district": line.district_id.name or region,
                        "state": labels["state"].get(line.state, ""),
                        "execution": labels["execution"].get(line.execution, ""),
                        "target": line.target,
                        "actual": line.actual,
                        "rate": sheets.ratio(line.actual, line.target),
                        "events": events.get(line, 0),
                        "reached": reached.get(line.id, 0),
                    },
                )
            )
            if line.date_end:  # a line is due in the last month of its period
                month = by_month.setdefault(line.date_end.replace(day=1), dict.fromkeys(EXECUTIONS, 0))
                month[line.execution] = month.get(line.execution, 0) + 1
        sheet = xlsx.add_sheet(_("Work-plan execution"))
        top = xlsx.write_title(
            sheet,
            _("Execution of the work plan"),
            [
                (
                    _("Lines"),
                    _(
                        "the lines whose period meets the report's; late: the period is over and the line "
                        "is not done"
                    ),
                ),
            ],
        )
        layout = xlsx.write_table(sheet, columns, rows, top, total_label=_("Total"))
        month_columns = [
            sheets.Column("name", _("Month due"), 18, total=sheets.TOTAL_LABEL),
            sheets.Column("done", labels["execution"]["done"], 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("late", labels["execution"]["late"], 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("pending", labels["execution"]["pending"], 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("cancelled", labels["execution"]["cancelled"], 10, sheets.INTEGER, sheets.TOTAL_SUM),
        ]
        months = sorted(by_month)
        xlsx.write_table(
            sheet,
            month_columns,
            ([self._month_label(month)] + [by_month[month][key] for key in EXECUTIONS] for month in months),
            layout.totals_row + 2,
            main=False,
            caption=_("Lines by month due"),
            chart={
                "type": "column",
                "subtype": "stacked",
                "title": _("Lines done, late and pending by month"),
                "categories": "name",
                "series": ["done", "late", "pending"],
                "anchor_row": layout.totals_row + 3,
                "anchor_col": len(month_columns) + 1,
            },
        )

    def _pupils_reached(self, lines):
        """``{line id: distinct pupils}`` reached by the events of each line (present on a day or marked
        attended): one query built by the ORM as the user, on the registrations and attendance they may
        read."""
        if not lines:
            return {}
        Registration = self.env["event.registration"]
        Registration.check_field_access_rights("read", ["event_id", "youth_member_id", "state"])
        self.env["event.event"].check_field_access_rights("read", ["plan_line_id"])
        query = Registration._search(
            [
                ("event_id", "any", [("plan_line_id", "in", lines.ids)]),
                ("youth_member_id", "!=", False),
                "|",
                ("state", "=", "done"),
                ("attendance_ids", "any", [("present", "=", True)]),
            ]
        )
        query.order = None
        table = Registration._table
        event = query.join(table, "event_id", "event_event", "id", "reached_event")
        line = SQL.identifier(event, "plan_line_id")
        query.groupby = line
        self.env.flush_all()
        self.env.cr.execute(query.select(line, SQL("count(DISTINCT %s)", SQL.identifier(table, "youth_member_id"))))
        return dict(self.env.cr.fetchall())
