import datetime

from odoo import fields
from odoo.tests import tagged

from .common import CouncilCase
from .common_event import YouthEventCase
from .common_xlsx import XlsxReadMixin

HEADERS = {  # sheet names and headers of the activity reports, per language
    "en_US": {
        "sheets": [
            "Events by month",
            "Events by district",
            "Participation by district",
            "Results by category",
            "Participation detail",
            "Council decisions",
            "Work-plan execution",
        ],
        "month": "Month",
        "reached": "Pupils reached",
        "attendance": "Attendance rate",
        "pupil": "Pupil",
        "decision": "Decision",
        "overdue": "Days overdue",
        "target": "Target",
        "total": "Total",
        "cohosted": "Meetings co-hosted",
    },
    "kk_KZ": {
        "sheets": [
            "Айлар бойынша іс-шаралар",
            "Аудандар бойынша іс-шаралар",
            "Аудандар бойынша қатысу",
            "Санаттар бойынша нәтижелер",
            "Қатысу тізімі",
            "Кеңес шешімдері",
            "Жұмыс жоспарының орындалуы",
        ],
        "month": "Ай",
        "reached": "Қамтылған оқушылар",
        "attendance": "Қатысу үлесі",
        "pupil": "Оқушы",
        "decision": "Шешім",
        "overdue": "Мерзімі өткен күндер",
        "target": "Жоспарлы көрсеткіш",
        "total": "Барлығы",
        "cohosted": "Бірлесіп өткізген отырыстар",
    },
    "ru_RU": {
        "sheets": [
            "Мероприятия по месяцам",
            "Мероприятия по районам",
            "Участие по районам",
            "Результаты по категориям",
            "Список участия",
            "Решения советов",
            "Исполнение плана работы",
        ],
        "month": "Месяц",
        "reached": "Охвачено учащихся",
        "attendance": "Посещаемость",
        "pupil": "Учащийся",
        "decision": "Решение",
        "overdue": "Дней просрочки",
        "target": "Плановый показатель",
        "total": "Итого",
        "cohosted": "Совместно проведённые заседания",
    },
}


def utc(day, hour=4):
    return datetime.datetime.fromisoformat(day).replace(hour=hour)


@tagged("post_install", "-at_install")
class TestReportXlsxActivity(XlsxReadMixin, YouthEventCase, CouncilCase):
    """The activity reports: events and participation, council decisions, the work plan and the partners'
    part in them; reopened files, values and totals against the ORM, languages and scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.period = (datetime.date(2025, 9, 1), datetime.date(2026, 8, 31))
        cls.festival = env.ref("youth_movement.event_category_festival")
        cls.partner_org = env["res.partner"].create(
            {
                "name": "Test university",
                "is_company": True,
                "youth_org_type_id": env.ref("youth_movement.org_type_library").id,
            }
        )
        # pupils: three of district A, one of district B
        cls.p1 = cls.make_member(school=cls.school_a1, grade=7, status="active", name="Aruzhan A1")
        cls.p2 = cls.make_member(school=cls.school_a1, grade=8, status="active", name="Bolat A1")
        cls.p3 = cls.make_member(school=cls.school_a2, grade=9, status="active", name="Dana A2")
        cls.p4 = cls.make_member(school=cls.school_b1, grade=6, status="active", name="Erlan B1")
        # events: a regional contest over two days, a festival of district A, a contest of district B,
        # and an event after the period
        cls.e1 = cls._event("Regional contest", "2025-10-10", days=2, organizer_id=cls.partner_org.id)
        cls.e2 = cls._event(
            "Festival of A",
            "2025-10-20",
            youth_level="district",
            district_id=cls.district_a.id,
            youth_category_id=cls.festival.id,
            address_id=cls.partner_org.id,
        )
        cls.e3 = cls._event("Contest of B", "2026-02-05", youth_level="district", district_id=cls.district_b.id)
        cls.e4 = cls._event("Next year", "2026-10-01")
        cls.r = {}
        for event, member, state, present_days, result in [
            (cls.e1, cls.p1, "open", 2, "winner"),
            (cls.e1, cls.p2, "open", 1, False),
            (cls.e1, cls.p4, "done", 0, "participant"),
            (cls.e2, cls.p1, "open", 0, False),
            (cls.e2, cls.p3, "done", 0, False),
            (cls.e3, cls.p4, "open", 1, False),
            (cls.e3, cls.p3, "cancel", 0, False),
            (cls.e4, cls.p1, "open", 1, False),
        ]:
            registration = env["event.registration"].create({"event_id": event.id, "youth_member_id": member.id})
            for line in registration.attendance_ids.sorted("day")[:present_days]:
                line.present = True
            if state == "done" and registration.state != "done":
                registration.action_set_done()
            elif state == "cancel":
                registration.action_cancel()
            if result:
                registration.result = result
            cls.r[(event, member)] = registration

    @classmethod
    def _event(cls, name, day, days=1, **values):
        begin = utc(day)
        vals = {
            "date_begin": begin,
            "date_end": begin + datetime.timedelta(days=days - 1, hours=6),
            "date_tz": "Asia/Almaty",
        }
        vals.update(values)
        return cls.make_event(name=name, **vals)

    # ------------------------------------------------------------------ helpers
    def _wizard(self, user="regional_manager", **values):
        vals = {
            "period_type": "school_year",
            "school_year_choice": "2025",
            "scope": "districts",
            "district_ids": [(6, 0, (self.district_a | self.district_b).ids)],
            "lang": "en_US",
            "report_membership": False,
        }
        vals.update(values)
        return self.env["youth.report.wizard"].with_user(self.users[user]).create(vals)

    def _period_events(self, domain=()):
        start, end = (
            datetime.datetime.combine(day, datetime.time()) - datetime.timedelta(hours=5)
            for day in (self.period[0], self.period[1] + datetime.timedelta(days=1))
        )
        return self.env["event.event"].search([("date_begin", ">=", start), ("date_begin", "<", end), *domain])

    def _registrations(self, domain=()):
        return self.env["event.registration"].search(
            [("event_id", "in", self._period_events().ids), ("youth_member_id", "!=", False), *domain]
        )

    @staticmethod
    def _reached(registrations):
        return registrations.filtered(lambda r: r.state == "done" or r.days_present).youth_member_id

    # ------------------------------------------------------------------ events and participation
    def test_events_by_month_and_district(self):
        """Events are counted by month, category and organizing district as the ORM counts them, with a chart."""
        book = self._open(self._wizard(scope="region", report_events=True))
        self.assertEqual(book.sheetnames[:4], HEADERS["en_US"]["sheets"][:4])
        sheet = book["Events by month"]
        block, headers, data, totals = self._table(sheet)
        self.assertEqual(sheet["A1"].value, "Events held by month and category")
        self.assertIn("2025–2026", block["Period"])
        self.assertEqual(sheet.freeze_panes, "A%d" % (len(block) + 4))
        self.assertTrue(sheet.auto_filter.ref)
        self.assertEqual(len(sheet._charts), 1)
        self.assertEqual(len(data), 12, "every month of the school year")
        rows = {row["Month"]: row for row in data}
        self.assertEqual(rows["October 2025"]["Contest"], 1)
        self.assertEqual(rows["October 2025"]["Festival"], 1)
        self.assertEqual(rows["February 2026"]["Events"], 1)
        self.assertEqual(totals["Month"], "Total")
        self.assertEqual(totals["Events"], len(self._period_events()))
        self.assertEqual(
            totals["Contest"], len(self._period_events([("youth_category_id", "=", self.category_contest.id)]))
        )
        _block, _headers, districts, totals = self._table(book["Events by district"])
        by_district = {row["Organizing district"]: row["Events"] for row in districts}
        self.assertEqual(
            by_district,
            {
                "Regional events": len(self._period_events([("district_id", "=", False)])),
                "Test district A": len(self._period_events([("district_id", "=", self.district_a.id)])),
                "Test district B": len(self._period_events([("district_id", "=", self.district_b.id)])),
            },
        )
        self.assertEqual(totals["Events"], 3)

    def test_participation_reach_attendance_and_results(self):
        """Pupils reached, attendance rate and results match the registrations and attendance in the ORM."""
        book = self._open(self._wizard(scope="region", report_events=True))
        block, _headers, data, totals = self._table(book["Participation by district"])
        rows = {row["District or city"]: row for row in data}
        Attendance = self.env["youth.event.attendance"]
        for district in (self.district_a, self.district_b):
            registrations = self._registrations([("member_district_id", "=", district.id)])
            row = rows[district.name]
            self.assertEqual(row["Pupils reached"], len(self._reached(registrations)), district.name)
            seated = registrations.filtered(lambda r: r.state in ("open", "done"))
            self.assertEqual(row["Confirmed registrations"], len(seated))
            self.assertEqual(row["Registrations"], len(registrations.filtered(lambda r: r.state != "cancel")))
            expected = Attendance.search_count([("registration_id", "in", seated.ids)])
            present = Attendance.search_count([("registration_id", "in", seated.ids), ("present", "=", True)])
            self.assertEqual((row["Days expected"], row["Days present"]), (expected, present))
            self.assertAlmostEqual(row["Attendance rate"], present / expected)
            self.assertEqual(
                row["Members"],
                self.env["youth.member"].search_count([("district_id", "=", district.id), ("status", "=", "active")]),
            )
        self.assertEqual(
            (rows["Test district A"]["Pupils reached"], rows["Test district B"]["Pupils reached"]),
            (3, 1),
            "p1 and p2 were present, p3 attended; p4 came twice but counts once",
        )
        self.assertEqual(totals["Pupils reached"], 4)
        self.assertEqual(block["Pupils reached in all"], len(self._reached(self._registrations())))
        self.assertAlmostEqual(totals["Attendance rate"], totals["Days present"] / totals["Days expected"])
        sheet = book["Results by category"]
        self.assertEqual(len(sheet._charts), 1)
        _block, headers, categories, totals = self._table(sheet)
        self.assertIn("Winner", headers)
        contest = next(row for row in categories if row["Category"] == "Contest")
        contest_regs = self._registrations([("event_id.youth_category_id", "=", self.category_contest.id)])
        self.assertEqual(contest["Winner"], len(contest_regs.filtered(lambda r: r.result == "winner")))
        self.assertEqual(contest["Participant"], 1)
        self.assertEqual(contest["Events with participants"], 2)
        self.assertEqual(totals["Results"], len(self._registrations([("result", "!=", False)])))

    def test_participation_detail(self):
        """The detail lists one row per registration of the period with the pupil, school, days present and result."""
        book = self._open(self._wizard(scope="region", report_participation_list=True))
        self.assertEqual(book.sheetnames, ["Participation detail"])
        _block, headers, data, totals = self._table(book["Participation detail"])
        self.assertEqual(
            headers,
            ["Event", "Date", "District or city", "School", "Pupil", "Grade", "Status", "Days present", "Result"],
        )
        registrations = self._registrations()
        self.assertEqual(len(data), len(registrations))
        self.assertEqual(totals["Event"], len(registrations))
        self.assertEqual(totals["Days present"], sum(registrations.mapped("days_present")))
        winner = next(row for row in data if row["Pupil"] == "Aruzhan A1" and row["Event"] == "Regional contest")
        self.assertEqual(winner["Date"].date(), datetime.date(2025, 10, 10))
        self.assertEqual(
            (winner["School"], winner["District or city"], winner["Grade"]), ("School A1", "Test district A", 7)
        )
        self.assertEqual((winner["Status"], winner["Days present"], winner["Result"]), ("Attended", 2, "Winner"))
        self.assertEqual([row["Event"] for row in data][:3], ["Regional contest"] * 3, "in the order of the events")
        self.assertNotIn("Next year", {row["Event"] for row in data})

    def test_events_from_the_list_view(self):
        """Opened from the events list, the wizard ticks the events report and keeps to the chosen events."""
        Wizard = (
            self.env["youth.report.wizard"]
            .with_user(self.users["regional_manager"])
            .with_context(active_model="event.event", active_ids=(self.e1 | self.e4).ids)
        )
        wizard = Wizard.create({"report_participation_list": True, "lang": "en_US", "scope": "region"})
        self.assertTrue(wizard.report_events)
        book = self._open(wizard)
        _block, _headers, data, _totals = self._table(book["Events by month"])
        self.assertEqual(sum(row["Events"] for row in data), 2, "the chosen events, whatever the period")
        _block, _headers, rows, _totals = self._table(book["Participation detail"])
        self.assertEqual({row["Event"] for row in rows}, {"Regional contest", "Next year"})
        binding = self.env.ref("youth_movement.youth_report_wizard_action_event")
        self.assertEqual(binding.binding_model_id.model, "event.event")

    def test_decisions_and_plan_lines_from_their_lists(self):
        """The decisions and plan-line lists open the wizard on their report, kept to the chosen rows."""
        self._make_decisions()
        self._make_plan()
        Wizard = self.env["youth.report.wizard"].with_user(self.users["regional_manager"])
        wizard = Wizard.with_context(active_model="youth.council.decision", active_ids=self.d_late.ids).create(
            {"lang": "en_US", "scope": "region"}
        )
        self.assertEqual((wizard.report_decisions, wizard.report_membership), (True, False))
        _block, _headers, rows, _totals = self._table(self._open(wizard)["Council decisions"])
        self.assertEqual([row["Decision"] for row in rows], ["Report on the units"])
        wizard = Wizard.with_context(active_model="youth.work.plan.line", active_ids=self.l_quarter.ids).create(
            {"lang": "en_US", "scope": "region"}
        )
        self.assertTrue(wizard.report_work_plan)
        _block, _headers, rows, _totals = self._table(self._open(wizard)["Work-plan execution"])
        self.assertEqual([row["Line"] for row in rows], ["Monitoring of B"])
        for xmlid, model in (("decision", "youth.council.decision"), ("work_plan_line", "youth.work.plan.line")):
            binding = self.env.ref("youth_movement.youth_report_wizard_action_%s" % xmlid)
            self.assertEqual((binding.binding_model_id.model, binding.binding_view_types), (model, "list"))

    def test_coordinator_sees_their_district(self):
        """A coordinator's activity reports hold their district's events, pupils, decisions and plan lines only."""
        self._make_decisions()
        self._make_plan()
        wizard = self._wizard(
            "district_coordinator",
            district_ids=[(6, 0, self.district_a.ids)],
            report_events=True,
            report_participation_list=True,
            report_decisions=True,
            report_work_plan=True,
        )
        book = self._open(wizard)
        _block, _headers, districts, totals = self._table(book["Events by district"])
        self.assertEqual([row["Organizing district"] for row in districts], ["Test district A"])
        _block, _headers, participation, _totals = self._table(book["Participation by district"])
        self.assertEqual([row["District or city"] for row in participation], ["Test district A"])
        _block, _headers, detail, _totals = self._table(book["Participation detail"])
        self.assertEqual({row["District or city"] for row in detail}, {"Test district A"})
        readable = (
            self.env["event.event"]
            .with_user(self.users["district_coordinator"])
            .search([("id", "in", self._period_events().ids)])
        )
        self.assertEqual(
            len(detail),
            len(
                self._registrations([("member_district_id", "=", self.district_a.id), ("event_id", "in", readable.ids)])
            ),
            "their pupils' registrations at the events they may read (not at district B's)",
        )
        _block, _headers, decisions, _totals = self._table(book["Council decisions"])
        self.assertEqual({row["Council"] for row in decisions}, {"Council of district A"})
        _block, _headers, cascade, _totals = self._table(book["Decisions sent down"])
        self.assertEqual([row["Districts"] for row in cascade], [1], "their own district's copy only")
        self.assertEqual(cascade[0]["Test district A"], "Done")
        self.assertNotIn("Test district B", cascade[0])
        _block, _headers, lines, _totals = self._table(book["Work-plan execution"])
        self.assertEqual({row["District or city"] for row in lines}, {"Test district A"})

    def test_query_count_does_not_grow_with_registrations(self):
        """The events report and the participation detail take as many queries for 60 registrations as for 6."""

        def queries():
            wizard = self._wizard(scope="region", report_events=True, report_participation_list=True)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard._render_xlsx()
            return self.env.cr.sql_log_count - before

        def register(count, event, school):
            members = self.env["youth.member"].create(
                [
                    {
                        "name": "Bulk pupil %d" % index,
                        "iin": self.make_iin(),
                        "school_id": school.id,
                        "grade": 5,
                        "status": "active",
                    }
                    for index in range(count)
                ]
            )
            self.env["event.registration"].create(
                [{"event_id": event.id, "youth_member_id": member.id} for member in members]
            )

        queries()  # caches (rules, translations) warm up once
        small = queries()
        register(30, self.e1, self.school_a2)
        register(24, self.e3, self.school_b1)
        self.assertEqual(queries(), small)

    # ------------------------------------------------------------------ decisions
    def _make_decisions(self):
        Decision = self.env["youth.council.decision"]
        meeting = self.make_meeting(day="2026-01-28")
        meeting.action_add_members()
        self.d_done = Decision.create(
            {
                "meeting_id": meeting.id,
                "text": "Hold a forum",
                "deadline": "2026-03-01",
                "partner_ids": [(6, 0, self.chair.ids)],
            }
        )
        self.d_late = Decision.create(
            {
                "meeting_id": meeting.id,
                "text": "Report on the units",
                "deadline": "2026-04-15",
                "district_ids": [(6, 0, self.district_a.ids)],
            }
        )
        self.d_later = Decision.create(
            {"meeting_id": meeting.id, "text": "Plan the next year", "deadline": "2027-06-01"}
        )
        self.hold(meeting)
        self.d_done.action_done()
        regional = self.make_meeting(council=self.regional, day="2026-02-10")
        self.env["youth.council.member"].create(
            {"council_id": self.regional.id, "partner_id": self.chair.id, "role": "chair"}
        )
        regional.action_add_members()
        self.r_decision = Decision.create(
            {"meeting_id": regional.id, "text": "Make events systematic", "deadline": "2026-05-29"}
        )
        self.hold(regional)
        children = self.r_decision._youth_cascade(self.council | self.council_b)
        children.filtered(lambda d: d.council_id == self.council).action_done()
        return children

    def test_decisions_per_council_with_overdue_days(self):
        """Decisions are listed per council and meeting with responsible, status and days overdue; councils summed."""
        self._make_decisions()
        wizard = self._wizard(report_decisions=True)
        book = self._open(wizard)
        self.assertEqual(book.sheetnames, ["Decisions by council", "Council decisions", "Decisions sent down"])
        _block, _headers, councils, totals = self._table(book["Decisions by council"])
        Decision = self.env["youth.council.decision"]
        rows = {row["Council"]: row for row in councils}
        council_a = rows["Council of district A"]
        self.assertEqual(council_a["Decisions"], Decision.search_count([("council_id", "=", self.council.id)]))
        self.assertEqual(
            council_a["Overdue"],
            Decision.search_count([("council_id", "=", self.council.id), ("is_overdue", "=", True)]),
        )
        self.assertEqual(
            (council_a["Done"], council_a["Under way"], council_a["Overdue"]),
            (2, 1, 1),
            "two done (one sent down), one under way, one overdue",
        )
        in_scope = [("council_district_id", "in", (self.district_a | self.district_b).ids)]
        self.assertEqual(totals["Decisions"], Decision.search_count(in_scope))
        self.assertEqual(set(rows), {"Council of district A", "Council of district B"})
        self.assertEqual(len(book["Decisions by council"]._charts), 1)
        _block, headers, decisions, totals = self._table(book["Council decisions"])
        self.assertEqual(totals["Decision"], Decision.search_count(in_scope))
        late = next(row for row in decisions if row["Decision"] == "Report on the units")
        today = fields.Date.context_today(wizard)  # the day of the report, in its user's zone
        self.assertEqual(late["Days overdue"], (today - datetime.date(2026, 4, 15)).days)
        self.assertEqual(
            (late["Status"], late["Responsible"], late["Meeting"]),
            ("Overdue", "Test district A", self.d_late.meeting_id.name),
        )
        self.assertEqual(late["No."], self.d_late.number)
        done = next(row for row in decisions if row["Decision"] == "Hold a forum")
        self.assertEqual((done["Status"], done["Days overdue"], done["Responsible"]), ("Done", None, "Chair Person"))

    def test_decisions_list_progress_reports_and_votes(self):
        """The list of decisions counts the progress reports, quotes the last one and gives the tally and
        result of the decision's closed vote."""
        self._make_decisions()
        Progress = self.env["youth.council.decision.progress"]
        Progress.create({"decision_id": self.d_late.id, "text": "Two units visited", "date": "2026-04-01"})
        Progress.create({"decision_id": self.d_late.id, "text": "Report drafted", "date": "2026-04-10"})
        vote = self.env["youth.council.vote"].create(
            {
                "decision_id": self.d_late.id,
                "mode": "remote",
                "date_close": fields.Datetime.now() + datetime.timedelta(days=1),
            }
        )
        vote.action_open()
        for ballot, choice in zip(vote.ballot_ids, ("for", "for", "against")):
            ballot.write({"choice": choice})
        vote.action_close()
        book = self._open(self._wizard(report_decisions=True))
        _block, headers, decisions, totals = self._table(book["Council decisions"])
        late = next(row for row in decisions if row["Decision"] == "Report on the units")
        self.assertEqual(late["Progress reports"], 2)
        self.assertIn("Report drafted", late["Last progress report"])
        absent = len(vote.ballot_ids) - 3
        self.assertEqual(late["Vote (for / against / abstained / absent)"], f"2 / 1 / 0 / {absent}")
        self.assertEqual(
            late["Result of the vote"], dict(vote._fields["result"]._description_selection(self.env))[vote.result]
        )
        self.assertGreaterEqual(totals["Progress reports"], 2)

    def test_cascaded_decisions_rolled_up_by_district(self):
        """A regional decision sent down shows its districts, the done and overdue ones, and each district's status."""
        children = self._make_decisions()
        book = self._open(self._wizard(report_decisions=True))
        sheet = book["Decisions sent down"]
        _block, headers, rows, totals = self._table(sheet)
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["Regional decision"], "Make events systematic")
        self.assertEqual(row["Districts"], len(children))
        self.assertEqual((row["Done"], row["Overdue"]), (1, 1))
        self.assertEqual((row["Test district A"], row["Test district B"]), ("Done", "Overdue"))
        self.assertAlmostEqual(row["Done share"], 0.5)
        self.assertEqual(len(sheet._charts), 1)

    # ------------------------------------------------------------------ work plan
    def _make_plan(self):
        Line = self.env["youth.work.plan.line"]
        plan = self.env["youth.work.plan"].create({"partner_id": self.partner_org.id, "school_year": 2025})
        self.l_done = Line.create(
            {
                "plan_id": plan.id,
                "title": "Regional contest",
                "month": "10",
                "target": 100,
                "actual": 80,
                "state": "done",
            }
        )
        self.l_late = Line.create(
            {"plan_id": plan.id, "title": "Festival", "month": "10", "target": 50, "district_id": self.district_a.id}
        )
        self.l_quarter = Line.create(
            {
                "plan_id": plan.id,
                "title": "Monitoring of B",
                "period_type": "quarter",
                "quarter": "3",
                "kind": "monitoring",
                "district_id": self.district_b.id,
            }
        )
        next_plan = self.env["youth.work.plan"].create({"partner_id": self.partner_org.id, "school_year": 2026})
        Line.create({"plan_id": next_plan.id, "title": "Other year", "month": "10", "target": 7})
        (self.e1 | self.e4).plan_line_id = self.l_done
        self.e2.plan_line_id = self.l_late
        return plan

    def test_work_plan_execution(self):
        """Plan lines show period, execution, target against actual and pupils reached; done/late/pending by month."""
        self._make_plan()
        book = self._open(self._wizard(scope="region", report_work_plan=True))
        sheet = book["Work-plan execution"]
        _block, _headers, data, totals = self._table(sheet)
        rows = {row["Line"]: row for row in data if row["Plan"] == self.l_done.plan_id.name}
        self.assertEqual(set(rows), {"Regional contest", "Festival", "Monitoring of B"})
        done = rows["Regional contest"]
        self.assertEqual(
            (done["Period"], done["Execution"], done["Target"], done["Actual"]), ("October", "Done", 100, 80)
        )
        self.assertEqual(done["District or city"], "Region-wide")
        self.assertAlmostEqual(done["Actual against target"], 0.8)
        self.assertEqual(done["Events"], 2)
        reached = self.env["event.registration"].search([("event_id.plan_line_id", "=", self.l_done.id)])
        self.assertEqual(done["Pupils reached"], len(self._reached(reached)))
        self.assertEqual(done["Pupils reached"], 3, "p1, p2 and p4 at the contest; p1 again next year counts once")
        self.assertEqual(done["Pupils reached"], self.l_done.pupils_reached)
        self.assertEqual(rows["Festival"]["Execution"], "Late")
        self.assertEqual(rows["Festival"]["Pupils reached"], 1, "p3 attended; p1 did not come")
        self.assertEqual(rows["Monitoring of B"]["Period"], "3rd quarter (Mar-May)")
        self.assertEqual(rows["Festival"]["District or city"], "Test district A")
        Line = self.env["youth.work.plan.line"]
        lines = Line.search([("date_start", "<=", self.period[1]), ("date_end", ">=", self.period[0])])
        self.assertEqual(totals["Line"], len(lines))
        self.assertEqual(totals["Target"], sum(lines.mapped("target")))
        self.assertAlmostEqual(
            totals["Actual against target"], sum(lines.mapped("actual")) / sum(lines.mapped("target"))
        )
        self.assertEqual(len(sheet._charts), 1, "done, late and pending by month")
        october = [line for line in lines if line.date_end.replace(day=1) == datetime.date(2025, 10, 1)]
        expected = tuple(sum(1 for line in october if line.execution == key) for key in ("done", "late", "pending"))
        month_row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "October 2025")
        self.assertEqual(month_row[1:4], expected)

    # ------------------------------------------------------------------ partners
    def test_partner_activity_columns(self):
        """Partner organizations show the meetings they co-hosted and attended and the events they organized."""
        meeting = self.make_meeting(day="2026-01-28", cohost_ids=[(6, 0, self.partner_org.ids)])
        meeting.action_add_members()
        self.env["youth.council.participant"].create(
            {"meeting_id": meeting.id, "name": "Vice-rector", "organization_id": self.partner_org.id}
        )
        self.hold(meeting)
        book = self._open(self._wizard(scope="region", report_partners=True))
        _block, headers, data, totals = self._table(book["Partner organizations"])
        row = next(row for row in data if row["Organization"] == "Test university")
        self.assertEqual((row["Meetings co-hosted"], row["Participants at meetings"]), (1, 1))
        self.assertEqual(
            (row["Events organized"], row["Events at their venue"]),
            (
                len(self._period_events([("organizer_id", "=", self.partner_org.id)])),
                len(self._period_events([("address_id", "=", self.partner_org.id)])),
            ),
        )
        self.assertEqual((row["Events organized"], row["Events at their venue"]), (1, 1))
        held = self.env["youth.council.meeting"].search(
            [
                ("start", ">=", "2025-08-31 19:00:00"),
                ("start", "<", "2026-08-31 19:00:00"),
                ("state", "in", ("held", "approved")),
            ]
        )
        self.assertEqual(
            totals["Meetings co-hosted"],
            len(held.cohost_ids.filtered(lambda p: p.youth_org_type_id and not p.is_youth_school)),
            "one co-host per meeting here",
        )

    # ------------------------------------------------------------------ languages
    def test_headers_in_three_languages(self):
        """Sheet names and headers of the activity reports come in Kazakh, Russian and English."""
        self._make_decisions()
        self._make_plan()
        for code in ("kk_KZ", "ru_RU"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], ["kk_KZ", "ru_RU"], overwrite=True)
        for lang, words in HEADERS.items():
            wizard = self._wizard(
                scope="region",
                lang=lang,
                report_events=True,
                report_participation_list=True,
                report_decisions=True,
                report_work_plan=True,
                report_partners=True,
            )
            book = self._open(wizard)
            for name in words["sheets"]:
                self.assertIn(name[:31], book.sheetnames, lang)
            sheets = {name: book[name[:31]] for name in words["sheets"]}
            _block, headers, _data, totals = self._table(sheets[words["sheets"][0]])
            self.assertEqual((headers[0], totals[headers[0]]), (words["month"], words["total"]), lang)
            _block, headers, _data, _totals = self._table(sheets[words["sheets"][2]])
            self.assertIn(words["reached"], headers, lang)
            self.assertIn(words["attendance"], headers, lang)
            _block, headers, _data, _totals = self._table(sheets[words["sheets"][4]])
            self.assertIn(words["pupil"], headers, lang)
            _block, headers, _data, _totals = self._table(sheets[words["sheets"][5]])
            self.assertIn(words["decision"], headers, lang)
            self.assertIn(words["overdue"], headers, lang)
            _block, headers, _data, _totals = self._table(sheets[words["sheets"][6]])
            self.assertIn(words["target"], headers, lang)
            self.assertTrue(any(self._has(sheet, words["cohosted"]) for sheet in book.worksheets), lang)

    @staticmethod
    def _has(sheet, text):
        return any(text in row for row in sheet.iter_rows(values_only=True))
