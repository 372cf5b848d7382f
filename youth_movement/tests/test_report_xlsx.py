import datetime
import io

import openpyxl

from odoo import models
from odoo.tests import tagged
from odoo.tools import SQL

from ..tools import sheets
from .common import YouthCase
from .common_xlsx import XlsxReadMixin

TITLE_LABELS = {
    "en_US": ("Period", "Scope", "Made on", "Made by"),
    "kk_KZ": ("Кезең", "Аумақ", "Жасалған күні", "Жасаған"),
    "ru_RU": ("Период", "Территория", "Дата составления", "Составил"),
}
HEADERS = {  # the first headers of the district sheet, the sheet names
    "en_US": ("Membership by district", "District or city", "Boys", "Girls", "Members", "Coverage", "Total"),
    "kk_KZ": ("Аудандар бойынша мүшелік", "Аудан немесе қала", "Ұлдар", "Қыздар", "Мүшелер", "Қамту үлесі", "Барлығы"),
    "ru_RU": ("Участники по районам", "Район или город", "Мальчики", "Девочки", "Участники", "Охват", "Итого"),
}


@tagged("post_install", "-at_install")
class TestReportXlsx(XlsxReadMixin, YouthCase):
    """The Excel reports: reopened files, their titles, headers, values, totals and scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school_year = 2025
        cls.period = (datetime.date(2025, 9, 1), datetime.date(2026, 8, 31))
        cls.young_boy = datetime.date(2017, 4, 2)
        cls.old_girl = datetime.date(2012, 6, 9)
        boy = {"iin_sex": "male", "born": cls.young_boy}
        girl = {"iin_sex": "female", "born": cls.old_girl}
        plan = [  # school, grade, who, status, join date, leave date
            (cls.school_a1, 2, boy, "active", datetime.date(2025, 10, 1), False),
            (cls.school_a1, 2, boy, "active", datetime.date(2024, 10, 1), False),
            (cls.school_a1, 7, girl, "active", datetime.date(2025, 9, 15), False),
            (cls.school_a1, 7, girl, "applicant", False, False),
            (cls.school_a2, 8, girl, "active", datetime.date(2023, 9, 1), False),
            (cls.school_a2, 9, girl, "left", datetime.date(2023, 9, 1), datetime.date(2026, 1, 20)),
            (cls.school_b1, 3, boy, "active", datetime.date(2025, 11, 3), False),
            (cls.school_b1, 10, girl, "active", datetime.date(2022, 9, 1), False),
        ]
        for school, grade, who, status, join_date, leave_date in plan:
            cls.make_member(
                school=school,
                grade=grade,
                status=status,
                join_date=join_date,
                leave_date=leave_date,
                iin=cls.make_iin(who["born"], who["iin_sex"]),
            )
        Enrollment = cls.env["youth.school.enrollment"]
        Enrollment.create(
            [
                {"school_id": cls.school_a1.id, "school_year": 2025, "pupils_count": 300},
                {"school_id": cls.school_a2.id, "school_year": 2025, "pupils_count": 100},
                {"school_id": cls.school_b1.id, "school_year": 2025, "pupils_count": 50},
                {"school_id": cls.school_b1.id, "school_year": 2024, "pupils_count": 999},
            ]
        )
        cls.org_library = cls.env["res.partner"].create(
            {
                "name": "Test district library",
                "is_company": True,
                "youth_org_type_id": cls.env.ref("youth_movement.org_type_library").id,
                "youth_district_id": cls.district_a.id,
            }
        )

    # ------------------------------------------------------------------ helpers
    def _wizard(self, user="regional_manager", **values):
        vals = {
            "report_membership": True,
            "period_type": "school_year",
            "school_year_choice": str(self.school_year),
            "scope": "districts",
            "district_ids": [(6, 0, (self.district_a | self.district_b).ids)],
            "lang": "en_US",
        }
        vals.update(values)
        return self.env["youth.report.wizard"].with_user(self.users[user]).create(vals)

    def _count(self, domain):
        return self.env["youth.member"].search_count(domain)

    # ------------------------------------------------------------------ tests
    def test_district_sheet_values_and_totals(self):
        """The district sheet counts members by tier and sex, joins, leavers and coverage as the ORM does."""
        book = self._open(self._wizard())
        sheet = book["Membership by district"]
        block, headers, data, totals = self._table(sheet)
        self.assertEqual(sheet["A1"].value, "Membership by district")
        self.assertEqual(block["Made by"], self.users["regional_manager"].name)
        self.assertIn("2025–2026", block["Period"])
        self.assertIn("Test district A", block["Scope"])
        self.assertEqual(sheet.freeze_panes, "A%d" % (len(block) + 4))
        self.assertTrue(sheet.auto_filter.ref)
        self.assertEqual(len(sheet._charts), 2, "members by district and tier, and the tiers' pie")
        rows = {row["District or city"]: row for row in data}
        self.assertEqual(set(rows), {"Test district A", "Test district B"})
        date_from, date_to = self.period
        for district in (self.district_a, self.district_b):
            row = rows[district.name]
            active = [("district_id", "=", district.id), ("status", "=", "active")]
            self.assertEqual(row["Members"], self._count(active))
            self.assertEqual(row["Boys"], self._count(active + [("sex", "=", "male")]))
            self.assertEqual(row["Girls"], self._count(active + [("sex", "=", "female")]))
            self.assertEqual(row["Zhas Kyran"], self._count(active + [("tier_id", "=", self.tier_kyran.id)]))
            self.assertEqual(
                row["Zhas Ulan: girls"],
                self._count(active + [("tier_id", "=", self.tier_ulan.id), ("sex", "=", "female")]),
            )
            self.assertEqual(
                row["Applicants"], self._count([("district_id", "=", district.id), ("status", "=", "applicant")])
            )
            self.assertEqual(
                row["Joined in the period"],
                self._count(
                    [("district_id", "=", district.id), ("join_date", ">=", date_from), ("join_date", "<=", date_to)]
                ),
            )
            self.assertEqual(
                row["Left in the period"],
                self._count(
                    [("district_id", "=", district.id), ("leave_date", ">=", date_from), ("leave_date", "<=", date_to)]
                ),
            )
        self.assertEqual(rows["Test district A"]["Pupils enrolled"], 400, "this school year's figures only")
        self.assertAlmostEqual(rows["Test district A"]["Coverage"], 4 / 400)
        self.assertEqual(totals["District or city"], "Total")
        self.assertEqual(
            totals["Members"],
            self._count([("district_id", "in", (self.district_a | self.district_b).ids), ("status", "=", "active")]),
        )
        self.assertEqual(totals["Members"], 6)
        self.assertEqual(totals["Joined in the period"], 3)
        self.assertEqual(totals["Left in the period"], 1)
        self.assertEqual(totals["Pupils enrolled"], 450)
        self.assertAlmostEqual(totals["Coverage"], 6 / 450)
        formula_book = openpyxl.load_workbook(io.BytesIO(self._wizard()._render_xlsx()))
        members_col = headers.index("Members") + 1
        total_cell = formula_book["Membership by district"].cell(len(block) + 3 + len(data) + 1, members_col)
        self.assertTrue(str(total_cell.value).startswith("=SUBTOTAL(109,"), "totals follow the filter")

    def test_school_sheet_grades_and_coverage(self):
        """The school sheet spreads members over grades and sets them against the pupils enrolled."""
        book = self._open(self._wizard())
        _block, headers, data, totals = self._table(book["Membership by school"])
        self.assertIn("Grade 0", headers)
        self.assertIn("Grade 11", headers)
        rows = {row["School"]: row for row in data}
        self.assertEqual(set(rows), {"School A1", "School A2", "School B1"})
        a1 = rows["School A1"]
        self.assertEqual((a1["Grade 2"], a1["Grade 7"], a1["Members"]), (2, 1, 3))
        self.assertEqual(a1["District or city"], "Test district A")
        self.assertEqual(a1["Pupils enrolled"], 300)
        self.assertAlmostEqual(a1["Coverage"], 3 / 300)
        self.assertEqual(rows["School B1"]["Pupils enrolled"], 50)
        for grade in range(12):
            self.assertEqual(
                totals["Grade %d" % grade],
                self._count(
                    [
                        ("district_id", "in", (self.district_a | self.district_b).ids),
                        ("status", "=", "active"),
                        ("grade", "=", grade),
                    ]
                ),
            )

    def test_coordinator_sees_their_district_only(self):
        """A coordinator's report holds their district, even when they ask for the whole region."""
        for scope in ("districts", "region"):
            wizard = self._wizard("district_coordinator", scope=scope, report_member_list=True)
            book = self._open(wizard)
            _block, _headers, data, totals = self._table(book["Membership by district"])
            self.assertEqual([row["District or city"] for row in data], ["Test district A"], scope)
            self.assertEqual(totals["Members"], 4)
            _block, _headers, schools, _totals = self._table(book["Membership by school"])
            self.assertEqual({row["School"] for row in schools}, {"School A1", "School A2"})
            _block, _headers, members, count = self._table(book["Member list"])
            self.assertEqual({row["District or city"] for row in members}, {"Test district A"})
            self.assertEqual(count["Name"], len(members))
            self.assertEqual(len(members), self._count([("district_id", "=", self.district_a.id)]))

    def test_default_scope_is_the_users(self):
        """The wizard opens on the user's own districts or schools."""
        Wizard = self.env["youth.report.wizard"]
        coordinator = Wizard.with_user(self.users["district_coordinator"]).create({})
        self.assertEqual((coordinator.scope, coordinator.district_ids), ("districts", self.district_a))
        leader = Wizard.with_user(self.users["school_leader"]).create({})
        self.assertEqual((leader.scope, leader.school_ids), ("schools", self.school_a1))
        self.assertEqual(Wizard.with_user(self.users["regional_manager"]).create({}).scope, "region")
        self.assertTrue(leader.report_membership)
        year = int(leader.school_year_choice)
        self.assertEqual(
            (leader.date_from, leader.date_to), (datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31))
        )

    def test_member_list_from_the_list_view(self):
        """Opened from the members list, the wizard preselects the report and keeps to the chosen members."""
        chosen = self.env["youth.member"].search([("school_id", "=", self.school_a1.id)], limit=2)
        Wizard = (
            self.env["youth.report.wizard"]
            .with_user(self.users["regional_manager"])
            .with_context(active_model="youth.member", active_ids=chosen.ids)
        )
        wizard = Wizard.create({"report_member_list": True, "lang": "en_US"})
        self.assertTrue(wizard.report_membership)
        self.assertEqual(wizard.source_count, 2)
        book = self._open(wizard)
        block, headers, members, count = self._table(book["Member list"])
        self.assertEqual(
            headers, ["Name", "School", "District or city", "Grade", "Class", "Tier", "Status", "Member since"]
        )
        self.assertEqual(sorted(row["Name"] for row in members), sorted(chosen.mapped("name")))
        self.assertEqual(count["Name"], 2)
        self.assertIn("2", block["Selection"])
        first = chosen.sorted(lambda m: (m.grade, m.id))[0]
        row = next(row for row in members if row["Name"] == first.name)
        self.assertEqual(
            (row["School"], row["Grade"], row["Tier"], row["Status"]),
            ("School A1", first.grade, first.tier_id.name, "Active" if first.status == "active" else "Applicant"),
        )
        action = wizard.action_export()
        self.assertEqual(action["url"], "/youth_movement/report/%s" % wizard.id)

    def test_partner_sheet(self):
        """Partner organizations are listed with their type and district, counted and charted."""
        wizard = self._wizard(
            report_membership=False, report_partners=True, scope="districts", district_ids=[(6, 0, self.district_a.ids)]
        )
        book = self._open(wizard)
        self.assertEqual(book.sheetnames, ["Partner organizations"])
        sheet = book["Partner organizations"]
        _block, _headers, data, totals = self._table(sheet)
        rows = {row["Organization"]: row for row in data}
        self.assertEqual(rows["Test district library"]["District or city"], "Test district A")
        self.assertEqual(rows["Test district library"]["Organization type"], "Library")
        expected = self.env["res.partner"].search_count(
            [
                ("youth_org_type_id", "!=", False),
                ("is_youth_school", "=", False),
                "|",
                ("youth_district_id", "=", False),
                ("youth_district_id", "=", self.district_a.id),
            ]
        )
        self.assertEqual(totals["Organization"], expected)
        self.assertEqual(len(data), expected)
        self.assertEqual(len(sheet._charts), 1)

    def test_headers_in_three_languages(self):
        """Sheet names, title block and headers come in Kazakh, Russian and English."""
        for code in ("kk_KZ", "ru_RU"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(["youth_movement"], ["kk_KZ", "ru_RU"], overwrite=True)
        for lang, (sheet_name, district, boys, girls, members, coverage, total) in HEADERS.items():
            book = self._open(self._wizard(lang=lang))
            self.assertEqual(book.sheetnames[0], sheet_name[:31], lang)
            block, headers, _data, totals = self._table(book.worksheets[0])
            self.assertEqual(tuple(block)[:4], TITLE_LABELS[lang], lang)
            self.assertEqual(headers[0], district, lang)
            for header in (boys, girls, members, coverage):
                self.assertIn(header, headers, lang)
            self.assertEqual(totals[district], total, lang)

    def test_query_count_does_not_grow_with_members(self):
        """The membership report and the member list take as many queries for 200 members as for 20."""

        def queries():
            wizard = self._wizard(report_member_list=True)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard._render_xlsx()
            return self.env.cr.sql_log_count - before

        def add_members(count, school):
            self.env["youth.member"].create(
                [
                    {
                        "name": "Bulk pupil %d" % index,
                        "iin": self.make_iin(),
                        "school_id": school.id,
                        "grade": index % 12,
                        "status": "active",
                        "join_date": datetime.date(2025, 10, 1),
                    }
                    for index in range(count)
                ]
            )

        add_members(20, self.school_a1)
        queries()  # caches (rules, translations, views) warm up once
        small = queries()
        add_members(180, self.school_a2)
        add_members(20, self.school_b1)
        self.assertEqual(queries(), small)

    def _extend(self, model_class):
        """Load ``model_class`` as another addon's ``_inherit`` of a builder would be loaded, for
        this test only (as Odoo's own tests of the ORM do)."""
        model = self.registry[model_class._name]
        self.addCleanup(self.registry.setup_models, self.env.cr)
        self.addCleanup(setattr, model, "_BaseModel__base_classes", model._BaseModel__base_classes)
        model_class._build_model(self.registry, self.env.cr)
        self.registry.setup_models(self.env.cr)

    @staticmethod
    def _extensions():
        """What another addon would write: a column in the streamed member list, a sheet after the
        membership sheets."""

        class MemberListWithEmail(models.AbstractModel):
            _module = None
            _inherit = "youth.report.xlsx.member_list"

            def _cells(self, query, tables):
                self.env["res.partner"].flush_model(["email"])
                return super()._cells(query, tables) + [
                    (
                        sheets.Column("email", "E-mail", 30),
                        SQL.identifier(tables["partner"], "email"),
                        lambda email: (email or "").upper(),
                    ),
                ]

        class MembershipWithSchools(models.AbstractModel):
            _module = None
            _inherit = "youth.report.xlsx.membership"

            def _build_sheets(self, xlsx):
                res = super()._build_sheets(xlsx)
                sheet = xlsx.add_sheet("Schools")
                top = xlsx.write_title(sheet, "Schools")
                xlsx.write_table(
                    sheet,
                    [sheets.Column("name", "School", 30, total=sheets.TOTAL_COUNT)],
                    [[name] for name in ("School A1", "School A2")],
                    top,
                )
                return res

        return MemberListWithEmail, MembershipWithSchools

    def test_another_addon_adds_a_column_and_a_sheet(self):
        """Another addon extends the reports by _inherit: a column in the streamed member list,
        a sheet after the membership sheets."""
        MemberListWithEmail, MembershipWithSchools = self._extensions()
        self._extend(MemberListWithEmail)
        self._extend(MembershipWithSchools)
        pupil = self.env["youth.member"].search([("school_id", "=", self.school_a2.id)], limit=1)
        pupil.email = "pupil@example.kz"
        book = self._open(self._wizard(report_member_list=True))
        self.assertEqual(book.sheetnames, ["Membership by district", "Membership by school", "Schools", "Member list"])
        _block, headers, members, count = self._table(book["Member list"])
        self.assertEqual(headers[-2:], ["Member since", "E-mail"])
        self.assertEqual(next(row for row in members if row["Name"] == pupil.name)["E-mail"], "PUPIL@EXAMPLE.KZ")
        self.assertEqual(count["Name"], len(members))
        _block, _headers, schools, count = self._table(book["Schools"])
        self.assertEqual([row["School"] for row in schools], ["School A1", "School A2"])
