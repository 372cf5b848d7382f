"""Events and participation: events held by month, category and organizing district; the pupils
they reached, attendance and results by the pupils' district and by category; and, when asked,
the participation detail (one row per registration, streamed).

Two scopes meet here. Events are counted where they are organized (the district or school of the
scope; regional events in the region's scope). Participation is counted by the pupil: the
registrations of the scope's pupils, at any event of the period the user may read.
"""

from odoo import models
from odoo.osv import expression
from odoo.tools import SQL

from ..models.event_registration import RESULTS
from ..tools import sheets

SEATED = ("open", "done")


class YouthReportXlsxEvents(models.AbstractModel):
    _name = "youth.report.xlsx.events"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: events and participation"
    _youth_sequence = 30

    def _build_sheets(self, xlsx):
        wizard = xlsx.wizard
        events = self._read_events(wizard)
        participation = self._read_participation(wizard)
        categories = (
            self.env["youth.event.category"]
            .with_context(active_test=False)
            .browse(sorted({key for key in events["categories"] | set(participation["by_category"]) if key}))
            .sorted()
        )
        columns = [(category.id, category.name) for category in categories]
        if None in events["categories"] or None in participation["by_category"]:
            columns.append((None, self.env._("No category")))
        self._sheet_by_month(xlsx, events, columns)
        self._sheet_by_district(xlsx, events, columns)
        self._sheet_participation(xlsx, participation)
        self._sheet_by_category(xlsx, participation, columns)

    # ------------------------------------------------------------------ reading
    def _read_events(self, wizard):
        """Events by month, category and organizing district: one grouped read."""
        Event = self.env["event.event"].with_context(tz=self._tz().zone)
        groups = Event._read_group(
            wizard._event_domain(), ["date_begin:month", "youth_category_id", "district_id"], ["__count"]
        )
        counts = {}
        for month, category, district, count in groups:
            key = (month.date() if hasattr(month, "date") else month, category.id or None, district)
            counts[key] = counts.get(key, 0) + count
        return {
            "counts": counts,
            "categories": {category for _month, category, _district in counts},
            "months": sorted({month for month, _category, _district in counts}),
            "districts": {district for _month, _category, district in counts},
        }

    def _read_participation(self, wizard):
        """Registrations, pupils reached, days expected and present, and results by the pupil's
        district, by the event's category and in all: one query, built by the ORM as the user
        (access rights and record rules of the registrations, the events and the attendance).

        A pupil is reached when their registration is marked attended or they were present on a
        day; the days expected are the days of the confirmed registrations (open or attended).
        """
        Registration = self.env["event.registration"]
        Attendance = self.env["youth.event.attendance"]
        Registration.check_field_access_rights(
            "read", ["event_id", "youth_member_id", "member_district_id", "state", "result"]
        )
        Attendance.check_field_access_rights("read", ["registration_id", "present"])
        self.env["event.event"].check_field_access_rights("read", ["youth_category_id"])
        Registration.flush_model(["event_id", "youth_member_id", "member_district_id", "state", "result", "active"])
        Attendance.flush_model(["registration_id", "present"])
        self.env["event.event"].flush_model(["youth_category_id"])

        days = Attendance._search([])
        days.order = None
        attendance = Attendance._table
        days.groupby = SQL.identifier(attendance, "registration_id")
        days_select = days.select(
            SQL("%s AS registration_id", SQL.identifier(attendance, "registration_id")),
            SQL("count(*) AS expected"),
            SQL("count(*) FILTER (WHERE %s) AS present", SQL.identifier(attendance, "present")),
        )
        query = Registration._search(wizard._registration_domain())
        query.order = None
        table = Registration._table
        event = query.join(table, "event_id", "event_event", "id", "participation_event")
        query.add_join(
            "LEFT JOIN",
            "participation_days",
            SQL("(%s)", days_select),
            SQL("%s = %s", SQL.identifier("participation_days", "registration_id"), SQL.identifier(table, "id")),
        )
        district = SQL.identifier(table, "member_district_id")
        category = SQL.identifier(event, "youth_category_id")
        state = SQL.identifier(table, "state")
        seated = SQL("%s IN %s", state, SEATED)
        present = SQL("COALESCE(%s, 0)", SQL.identifier("participation_days", "present"))
        expected = SQL("COALESCE(%s, 0)", SQL.identifier("participation_days", "expected"))
        reached = SQL("(%s = 'done' OR %s > 0)", state, present)
        result = SQL.identifier(table, "result")
        query.groupby = SQL("GROUPING SETS ((%s), (%s), ())", district, category)
        self.env.cr.execute(
            query.select(
                SQL("GROUPING(%s)", district),
                SQL("GROUPING(%s)", category),
                district,
                category,
                SQL("count(DISTINCT %s)", SQL.identifier(table, "event_id")),
                SQL("count(*) FILTER (WHERE %s <> 'cancel')", state),
                SQL("count(*) FILTER (WHERE %s)", seated),
                SQL("count(*) FILTER (WHERE %s = 'waitlist')", state),
                SQL("count(DISTINCT %s) FILTER (WHERE %s)", SQL.identifier(table, "youth_member_id"), reached),
                SQL("COALESCE(sum(%s) FILTER (WHERE %s), 0)", expected, seated),
                SQL("COALESCE(sum(%s) FILTER (WHERE %s), 0)", present, seated),
                *(SQL("count(*) FILTER (WHERE %s = %s)", result, key) for key, _label in RESULTS),
            )
        )
        keys = ("events", "registrations", "seated", "waitlist", "reached", "expected", "present")
        by_district, by_category, overall = {}, {}, dict.fromkeys(keys, 0)
        for grouping_district, grouping_category, district_id, category_id, *values in self.env.cr.fetchall():
            figures = dict(zip(keys, values[: len(keys)]))
            figures.update(zip((("result", key) for key, _label in RESULTS), values[len(keys) :]))
            if grouping_district and grouping_category:
                overall = figures
            elif grouping_category:
                by_district[district_id] = figures
            else:
                by_category[category_id] = figures
        members = self.env["youth.member"]._read_group(
            expression.AND([wizard._member_domain(), [("status", "=", "active")]]), ["district_id"], ["__count"]
        )
        return {
            "by_district": by_district,
            "by_category": by_category,
            "overall": overall,
            "members": {district.id or None: count for district, count in members},
        }

    # ------------------------------------------------------------------ sheets
    def _category_columns(self, columns):
        return [sheets.Column(("category", key), name, 12, sheets.INTEGER, sheets.TOTAL_SUM) for key, name in columns]

    def _sheet_by_month(self, xlsx, events, categories):
        _ = self.env._
        wizard = xlsx.wizard
        months = sorted(
            set(events["months"]) | (set() if wizard._source_domain("event.event") else set(wizard._months()))
        )
        rows = {month: {("category", key): 0 for key, _name in categories} for month in months}
        for (month, category, _district), count in events["counts"].items():
            rows[month][("category", category)] += count
        columns = (
            [sheets.Column("name", _("Month"), 18, total=sheets.TOTAL_LABEL)]
            + self._category_columns(categories)
            + [sheets.Column("total", _("Events"), 11, sheets.INTEGER, sheets.TOTAL_SUM)]
        )
        for month, row in rows.items():
            row["name"] = self._month_label(month)
            row["total"] = sum(value for key, value in row.items() if isinstance(key, tuple))
        sheet = xlsx.add_sheet(_("Events by month"))
        top = xlsx.write_title(
            sheet,
            _("Events held by month and category"),
            [
                (_("Events"), _("events that begin in the period, organized in the scope")),
            ],
        )
        xlsx.write_table(
            sheet,
            columns,
            (sheets.row_values(columns, rows[month]) for month in months),
            top,
            chart={
                "type": "column",
                "subtype": "stacked",
                "title": _("Events by month"),
                "categories": "name",
                "series": [("category", key) for key, _name in categories],
            },
        )

    def _sheet_by_district(self, xlsx, events, categories):
        _ = self.env._
        districts = sorted(events["districts"], key=lambda d: (bool(d), (d.name or "").lower()))
        rows = {district: {("category", key): 0 for key, _name in categories} for district in districts}
        for (_month, category, district), count in events["counts"].items():
            rows[district][("category", category)] += count
        columns = (
            [sheets.Column("name", _("Organizing district"), 28, total=sheets.TOTAL_LABEL)]
            + self._category_columns(categories)
            + [sheets.Column("total", _("Events"), 11, sheets.INTEGER, sheets.TOTAL_SUM)]
        )
        for district, row in rows.items():
            row["name"] = district.name if district else _("Regional events")
            row["total"] = sum(value for key, value in row.items() if isinstance(key, tuple))
        sheet = xlsx.add_sheet(_("Events by district"))
        top = xlsx.write_title(
            sheet,
            _("Events held by organizing district and category"),
            [
                (_("Events"), _("events that begin in the period, organized in the scope")),
            ],
        )
        xlsx.write_table(sheet, columns, (sheets.row_values(columns, rows[district]) for district in districts), top)

    def _figure_columns(self):
        _ = self.env._
        return [
            sheets.Column("registrations", _("Registrations"), 13, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("seated", _("Confirmed registrations"), 13, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("waitlist", _("Waitlisted"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
        ]

    def _attendance_columns(self):
        _ = self.env._
        return [
            sheets.Column("expected", _("Days expected"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("present", _("Days present"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column(
                "attendance", _("Attendance rate"), 12, sheets.PERCENT, sheets.TOTAL_RATIO, ("present", "expected")
            ),
        ]

    def _sheet_participation(self, xlsx, data):
        _ = self.env._
        keys = set(data["by_district"]) | set(data["members"])
        districts = self.env["youth.district"].browse(sorted(key for key in keys if key))
        order = sorted(districts, key=lambda d: (d.name or "").lower()) + ([None] if None in keys else [])
        columns = [
            sheets.Column("name", _("District or city"), 28, total=sheets.TOTAL_LABEL),
            sheets.Column("members", _("Members"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            *self._figure_columns(),
            sheets.Column("reached", _("Pupils reached"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column(
                "share", _("Share of members reached"), 13, sheets.PERCENT, sheets.TOTAL_RATIO, ("reached", "members")
            ),
            *self._attendance_columns(),
        ]
        rows = []
        for district in order:
            row = dict(data["by_district"].get(district.id if district else None, {}))
            row["name"] = district.name if district else _("No district")
            row["members"] = data["members"].get(district.id if district else None, 0)
            row["share"] = sheets.ratio(row.get("reached", 0), row["members"])
            row["attendance"] = sheets.ratio(row.get("present", 0), row.get("expected", 0))
            rows.append(sheets.row_values(columns, row))
        sheet = xlsx.add_sheet(_("Participation by district"))
        top = xlsx.write_title(
            sheet,
            _("Participation of the pupils by district"),
            [
                (
                    _("Participation"),
                    _(
                        "registrations of the scope's pupils at the events of the period; a pupil is "
                        "reached when present on a day or marked attended"
                    ),
                ),
                (_("Pupils reached in all"), data["overall"].get("reached", 0)),
            ],
        )
        xlsx.write_table(
            sheet,
            columns,
            rows,
            top,
            chart={
                "type": "bar",
                "title": _("Pupils reached by district"),
                "categories": "name",
                "series": ["reached"],
            },
        )

    def _sheet_by_category(self, xlsx, data, categories):
        _ = self.env._
        labels = dict(RESULTS)
        labels.update(self._selection_labels("event.registration", "result"))
        columns = [
            sheets.Column("name", _("Category"), 24, total=sheets.TOTAL_LABEL),
            sheets.Column("events", _("Events with participants"), 13, sheets.INTEGER, sheets.TOTAL_SUM),
            *self._figure_columns(),
            # a pupil may take part in several categories: the column adds up to more than the pupils reached
            sheets.Column("reached", _("Pupils reached"), 12, sheets.INTEGER),
            *self._attendance_columns(),
            *(sheets.Column(("result", key), labels[key], 11, sheets.INTEGER, sheets.TOTAL_SUM) for key, _l in RESULTS),
            sheets.Column("results", _("Results"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
        ]
        rows = []
        for key, name in categories:
            row = dict(data["by_category"].get(key, {}))
            row["name"] = name
            row["attendance"] = sheets.ratio(row.get("present", 0), row.get("expected", 0))
            row["results"] = sum(row.get(("result", result), 0) for result, _label in RESULTS)
            rows.append(sheets.row_values(columns, row))
        sheet = xlsx.add_sheet(_("Results by category"))
        top = xlsx.write_title(
            sheet,
            _("Participation, attendance and results by category"),
            [
                (_("Participation"), _("registrations of the scope's pupils at the events of the period")),
                (_("Pupils reached in all"), data["overall"].get("reached", 0)),
            ],
        )
        xlsx.write_table(
            sheet,
            columns,
            rows,
            top,
            chart={
                "type": "bar",
                "subtype": "stacked",
                "title": _("Results by category"),
                "categories": "name",
                "series": [("result", key) for key, _label in RESULTS],
            },
        )


class YouthReportXlsxParticipationList(models.AbstractModel):
    """One row per registration of a pupil, streamed: 500,000 rows at regional scale."""

    _name = "youth.report.xlsx.participation_list"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: participation detail"
    _youth_sequence = 40
    _youth_fields = ("event_id", "youth_member_id", "member_district_id", "member_school_id", "state", "result")

    def _build_sheets(self, xlsx):
        _ = self.env._
        columns = [
            sheets.Column("event", _("Event"), 36, total=sheets.TOTAL_COUNT),
            sheets.Column("date", _("Date"), 11, sheets.DATE),
            sheets.Column("district", _("District or city"), 20),
            sheets.Column("school", _("School"), 32),
            sheets.Column("pupil", _("Pupil"), 30),
            sheets.Column("grade", _("Grade"), 7, sheets.INTEGER),
            sheets.Column("state", _("Status"), 13),
            sheets.Column("days", _("Days present"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("result", _("Result"), 13),
        ]
        sheet = xlsx.add_sheet(_("Participation detail"))
        top = xlsx.write_title(
            sheet,
            _("Participation detail"),
            [
                (_("Participation"), _("registrations of the scope's pupils at the events of the period")),
            ],
        )
        xlsx.write_table(sheet, columns, self._rows(xlsx), top, total_label=_("Total"))

    def _rows(self, xlsx):
        """The registrations in the scope from one query built by the ORM as the requesting user
        (``_search``: access rights, record rules, scope, period), read through a server-side cursor.
        The event's name comes in the report's language, its date in the event's time zone, the
        days present from the attendance lines the user may read."""
        Registration = self.env["event.registration"]
        Attendance = self.env["youth.event.attendance"]
        Registration.check_field_access_rights("read", [*self._youth_fields, "name"])
        Attendance.check_field_access_rights("read", ["registration_id", "present"])
        self.env["youth.member"].check_field_access_rights("read", ["grade", "name"])
        Registration.flush_model([*self._youth_fields, "name", "active"])
        Attendance.flush_model(["registration_id", "present"])
        self.env["event.event"].flush_model(["name", "date_begin", "date_tz"])
        self.env["youth.member"].flush_model(["grade", "partner_id"])
        self.env["res.partner"].flush_model(["name"])
        self.env["youth.district"].flush_model(["name"])

        days = Attendance._search([("present", "=", True)])
        days.order = None
        attendance = Attendance._table
        days.groupby = SQL.identifier(attendance, "registration_id")
        days_select = days.select(
            SQL("%s AS registration_id", SQL.identifier(attendance, "registration_id")), SQL("count(*) AS present")
        )

        query = Registration._search(xlsx.wizard._registration_domain())
        table = Registration._table
        event = query.join(table, "event_id", "event_event", "id", "detail_event")
        member = query.left_join(table, "youth_member_id", "youth_member", "id", "detail_member")
        pupil = query.left_join(member, "partner_id", "res_partner", "id", "detail_pupil")
        school = query.left_join(table, "member_school_id", "res_partner", "id", "detail_school")
        district = query.left_join(table, "member_district_id", "youth_district", "id", "detail_district")
        query.add_join(
            "LEFT JOIN",
            "detail_days",
            SQL("(%s)", days_select),
            SQL("%s = %s", SQL.identifier("detail_days", "registration_id"), SQL.identifier(table, "id")),
        )
        event_name = self.env["event.event"]._field_to_sql(event, "name")  # in the report's language
        district_name = self.env["youth.district"]._field_to_sql(district, "name")
        day = SQL(
            "(timezone(COALESCE(%s, 'UTC'), timezone('UTC', %s)))::date",
            SQL.identifier(event, "date_tz"),
            SQL.identifier(event, "date_begin"),
        )
        pupil_name = SQL("COALESCE(%s, %s)", SQL.identifier(pupil, "name"), SQL.identifier(table, "name"))
        # by event (day, name, id), then the pupils by district, school and name: the order of the sheet
        query.order = SQL(
            "%s, %s, %s, %s, %s, %s, %s",
            day,
            event_name,
            SQL.identifier(event, "id"),
            district_name,
            SQL.identifier(school, "name"),
            pupil_name,
            SQL.identifier(table, "id"),
        )
        states = self._selection_labels("event.registration", "state")
        results = self._selection_labels("event.registration", "result")
        select = query.select(
            event_name,
            day,
            district_name,
            SQL.identifier(school, "name"),
            pupil_name,
            SQL.identifier(member, "grade"),
            SQL.identifier(table, "state"),
            SQL("COALESCE(%s, 0)", SQL.identifier("detail_days", "present")),
            SQL.identifier(table, "result"),
        )
        for name, date, district_label, school_name, pupil_label, grade, state, present, result in xlsx.stream(select):
            yield (
                name,
                date,
                district_label,
                school_name,
                pupil_label,
                grade,
                states.get(state, state),
                present,
                results.get(result, "") if result else "",
            )
