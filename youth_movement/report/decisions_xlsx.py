"""Council decisions: the decisions by council (done, under way, overdue), the list of decisions
per council and meeting with their responsible, deadline, status and days overdue, and the
district roll-up of the decisions the regional council sent down."""

from odoo import fields, models
from odoo.osv import expression

from ..tools import sheets

OPEN = ("open", "in_progress")
ADOPTED = ("held", "approved")


class YouthReportXlsxDecisions(models.AbstractModel):
    _name = "youth.report.xlsx.decisions"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: council decisions"
    _youth_sequence = 60

    def _decision_domain(self, wizard):
        """Decisions adopted at a meeting held in the period, decisions sent down (without a meeting of
        their own) in the period or due in it, or those chosen in the decisions list; of the councils
        of the scope."""
        domain = wizard._source_domain("youth.council.decision")
        if not domain:
            start, end = wizard._utc_bounds()
            domain = expression.OR(
                [
                    [("meeting_id", "any", [("start", ">=", start), ("start", "<", end), ("state", "in", ADOPTED)])],
                    [
                        ("meeting_id", "=", False),
                        "|",
                        "&",
                        ("create_date", ">=", start),
                        ("create_date", "<", end),
                        "&",
                        ("deadline", ">=", wizard.date_from),
                        ("deadline", "<=", wizard.date_to),
                    ],
                ]
            )
        return expression.AND([domain, wizard._scope_domain("council_district_id")])

    def _build_sheets(self, xlsx):
        today = fields.Date.context_today(xlsx.wizard)
        domain = self._decision_domain(xlsx.wizard)
        self._sheet_by_council(xlsx, domain, today)
        self._sheet_list(xlsx, domain, today)
        self._sheet_cascade(xlsx, domain, today)

    # ------------------------------------------------------------------ by council
    def _status_columns(self, count_header=None):
        _ = self.env._
        return [
            sheets.Column("decisions", count_header or _("Decisions"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("done", _("Done"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("under_way", _("Under way"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("overdue", _("Overdue"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("cancelled", _("Cancelled"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("done_share", _("Done share"), 10, sheets.PERCENT, sheets.TOTAL_RATIO, ("done", "decisions")),
        ]

    @staticmethod
    def _add_state(row, state, count):
        row["decisions"] = row.get("decisions", 0) + count
        key = "under_way" if state in OPEN else state
        row[key] = row.get(key, 0) + count

    @staticmethod
    def _finish(row):
        """Overdue decisions are taken out of those under way; the done share is of all decisions."""
        row["under_way"] = row.get("under_way", 0) - row.get("overdue", 0)
        for key in ("decisions", "done", "overdue", "cancelled"):
            row.setdefault(key, 0)
        row["done_share"] = sheets.ratio(row["done"], row["decisions"])
        return row

    def _sheet_by_council(self, xlsx, domain, today):
        _ = self.env._
        Decision = self.env["youth.council.decision"]
        rows = {}
        for council, state, count in Decision._read_group(domain, ["council_id", "state"], ["__count"]):
            self._add_state(rows.setdefault(council, {}), state, count)
        for council, count in Decision._read_group(domain + [("is_overdue", "=", True)], ["council_id"], ["__count"]):
            rows.setdefault(council, {})["overdue"] = count
        readable = self._readable("youth.council", [council.id for council in rows], ["name", "level"])
        names = {council: council.name for council in readable}
        councils = sorted(rows, key=lambda c: (c not in readable or c.level != "region", (names.get(c) or "").lower()))
        columns = [sheets.Column("name", _("Council"), 40, total=sheets.TOTAL_LABEL), *self._status_columns()]
        for council in councils:
            self._finish(rows[council])["name"] = names.get(council, "")
        sheet = xlsx.add_sheet(_("Decisions by council"))
        top = xlsx.write_title(sheet, _("Execution of the council decisions"), self._title_lines(xlsx, today))
        xlsx.write_table(
            sheet,
            columns,
            (sheets.row_values(columns, rows[council]) for council in councils),
            top,
            chart={
                "type": "bar",
                "subtype": "stacked",
                "title": _("Decisions by council"),
                "categories": "name",
                "series": ["done", "under_way", "overdue"],
            },
        )

    def _title_lines(self, xlsx, today):
        _ = self.env._
        return [
            (_("Decisions"), _("adopted at the meetings held in the period; sent down in the period or due in it")),
            (_("Overdue"), _("not done by the deadline, as of %(date)s", date=xlsx.wizard._format_date(today))),
        ]

    # ------------------------------------------------------------------ the list
    def _sheet_list(self, xlsx, domain, today):
        _ = self.env._
        state_labels = self._selection_labels("youth.council.decision", "state")
        Decision = self.env["youth.council.decision"]
        decisions = Decision.search_fetch(
            domain,
            [
                "council_id",
                "meeting_id",
                "agenda_item_id",
                "sequence",
                "text",
                "partner_ids",
                "district_ids",
                "deadline",
                "state",
                "date_done",
                "parent_id",
            ],
        )
        columns = [
            sheets.Column("council", _("Council"), 30),
            sheets.Column("meeting", _("Meeting"), 10),
            sheets.Column("date", _("Meeting date"), 11, sheets.DATE),
            sheets.Column("number", _("No."), 7),
            sheets.Column("text", _("Decision"), 60, total=sheets.TOTAL_COUNT),
            sheets.Column("responsible", _("Responsible"), 34),
            sheets.Column("deadline", _("Deadline"), 11, sheets.DATE),
            sheets.Column("state", _("Status"), 12),
            sheets.Column("date_done", _("Done on"), 11, sheets.DATE),
            sheets.Column("overdue", _("Days overdue"), 10, sheets.INTEGER),
            sheets.Column("reports", _("Progress reports"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("last_report", _("Last progress report"), 50),
            sheets.Column("vote", _("Vote (for / against / abstained / absent)"), 24),
            sheets.Column("vote_result", _("Result of the vote"), 14),
        ]
        sent_down = _("Sent down")
        # progress and votes as the user may read them (the same rules as the decisions')
        reports = {}
        for report in self.env["youth.council.decision.progress"].search_fetch(
            [("decision_id", "in", decisions.ids)], ["decision_id", "date", "text"], order="date, id"
        ):
            reports.setdefault(report.decision_id.id, []).append(report)
        votes = {}
        for vote in self.env["youth.council.vote"].search_fetch(
            [("decision_id", "in", decisions.ids), ("state", "=", "closed")],
            ["decision_id", "for_count", "against_count", "abstain_count", "absent_count", "result"],
            order="date_open, id",
        ):
            votes[vote.decision_id.id] = vote
        results = self._selection_labels("youth.council.vote", "result")
        councils = {c.id: c.name for c in self._readable("youth.council", decisions.council_id.ids, ["name"])}
        meetings = {
            meeting.id: meeting
            for meeting in self._readable("youth.council.meeting", decisions.meeting_id.ids, ["name", "start"])
        }
        # the number is the rank on the meeting's agenda: known where the user may read the meeting
        numbered = Decision.browse([d.id for d in decisions if d.meeting_id.id in meetings])
        numbers = dict(zip(numbered.ids, numbered.mapped("number")))
        rows = []
        for decision in decisions:
            meeting = meetings.get(decision.meeting_id.id)
            overdue = decision.state in OPEN and decision.deadline and decision.deadline < today
            last = (reports.get(decision.id) or [None])[-1]
            vote = votes.get(decision.id)
            rows.append(
                sheets.row_values(
                    columns,
                    {
                        "council": councils.get(decision.council_id.id, ""),
                        "meeting": meeting.name if meeting else (sent_down if decision.parent_id else ""),
                        "date": meeting.date if meeting else None,
                        "number": numbers.get(decision.id) or "",
                        "text": decision.text,
                        "responsible": ", ".join(
                            decision.partner_ids.mapped("name") + decision.district_ids.mapped("name")
                        ),
                        "deadline": decision.deadline or None,
                        "state": _("Overdue") if overdue else state_labels[decision.state],
                        "date_done": decision.date_done or None,
                        "overdue": (today - decision.deadline).days if overdue else None,
                        "reports": len(reports.get(decision.id, [])),
                        "last_report": "%s: %s" % (xlsx.wizard._format_date(last.date), last.text) if last else "",
                        "vote": (
                            "%s / %s / %s / %s"
                            % (vote.for_count, vote.against_count, vote.abstain_count, vote.absent_count)
                            if vote
                            else ""
                        ),
                        "vote_result": results[vote.result] if vote else "",
                    },
                )
            )
        sheet = xlsx.add_sheet(_("Council decisions"))
        top = xlsx.write_title(sheet, _("Council decisions"), self._title_lines(xlsx, today))
        xlsx.write_table(sheet, columns, rows, top, total_label=_("Total"))

    # ------------------------------------------------------------------ the cascade
    def _sheet_cascade(self, xlsx, domain, today):
        """Per decision of the regional council sent down: the district decisions in the scope, how
        many are done and overdue, and each district's status."""
        _ = self.env._
        state_labels = self._selection_labels("youth.council.decision", "state")
        Decision = self.env["youth.council.decision"]
        source = xlsx.wizard._source_domain("youth.council.decision")
        if source:  # chosen in the list: the regional decisions chosen, or district decisions themselves
            domain = expression.AND(
                [
                    expression.OR([source, [("parent_id", "any", source)]]),
                    xlsx.wizard._scope_domain("council_district_id"),
                ]
            )
        domain = expression.AND([domain, [("parent_id", "!=", False)]])
        states = Decision._read_group(domain, ["parent_id", "council_district_id", "state"], ["__count"])
        overdue = {
            (parent, district): count
            for parent, district, count in Decision._read_group(
                domain + [("is_overdue", "=", True)], ["parent_id", "council_district_id"], ["__count"]
            )
        }
        parents = Decision.union(*{parent for parent, _district, _state, _count in states})
        # the regional decisions the user may read; the others are known by their district copies
        readable = self._readable("youth.council.decision", parents.ids, ["text", "deadline", "meeting_id"])
        meetings = {m.id: m.name for m in self._readable("youth.council.meeting", readable.meeting_id.ids, ["name"])}
        copies = {}
        for child in Decision.search_fetch(
            domain + [("parent_id", "in", (parents - readable).ids)], ["parent_id", "text", "deadline"]
        ):
            copies.setdefault(child.parent_id.id, child)
        districts = sorted(
            {district for _parent, district, _state, _count in states}, key=lambda d: (not d, (d.name or "").lower())
        )
        rows = {}
        for parent, district, state, count in states:
            row = rows.setdefault(parent.id, {})
            self._add_state(row, state, count)
            cell = row.setdefault(("district", district), set())
            cell.add(_("Overdue") if overdue.get((parent, district)) else state_labels[state])
        for (parent, _district), count in overdue.items():
            rows[parent.id]["overdue"] = rows[parent.id].get("overdue", 0) + count
        for parent in parents:
            row = self._finish(rows[parent.id])
            for district in districts:
                if ("district", district) in row:
                    row[("district", district)] = ", ".join(sorted(row[("district", district)]))
            known = parent if parent in readable else copies.get(parent.id, parent.browse())
            row["number"] = meetings.get(parent.meeting_id.id, "") if parent in readable else ""
            row["text"] = known.text or ""
            row["deadline"] = known.deadline or None
        order = sorted(parents, key=lambda p: (rows[p.id]["deadline"] or today, p.id))
        columns = [
            sheets.Column("number", _("Meeting"), 12, total=sheets.TOTAL_LABEL),
            sheets.Column("text", _("Regional decision"), 50, total=sheets.TOTAL_COUNT),
            sheets.Column("deadline", _("Deadline"), 11, sheets.DATE),
            *self._status_columns(_("Districts")),
        ] + [
            sheets.Column(("district", district), district.name if district else _("No district"), 14)
            for district in districts
        ]
        sheet = xlsx.add_sheet(_("Decisions sent down"))
        top = xlsx.write_title(
            sheet,
            _("Decisions of the regional council sent down to the districts"),
            [
                (_("Districts"), _("the district decisions of the scope, one per district council")),
                self._title_lines(xlsx, today)[1],
            ],
        )
        xlsx.write_table(
            sheet,
            columns,
            (sheets.row_values(columns, rows[parent.id]) for parent in order),
            top,
            total_label=_("Total"),
            chart={
                "type": "bar",
                "subtype": "stacked",
                "title": _("District decisions"),
                "categories": "text",
                "series": ["done", "under_way", "overdue"],
                "anchor_col": len(columns) + 1,
            },
        )
