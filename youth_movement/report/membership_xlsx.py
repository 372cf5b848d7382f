"""Membership: members by district, tier and sex; by school and grade with coverage; joins and
leavers in the period; and, when asked, the list of members (one row each)."""

from odoo import models
from odoo.tools import SQL

from ..tools import school as school_rules
from ..tools import sheets


class YouthReportXlsxMembership(models.AbstractModel):
    _name = "youth.report.xlsx.membership"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: membership"
    _youth_sequence = 10

    def _build_sheets(self, xlsx):
        data = self._read(xlsx.wizard)
        self._sheet_by_district(xlsx, data)
        self._sheet_by_school(xlsx, data)

    # ------------------------------------------------------------------ reading
    def _read(self, wizard):
        """Every figure of the two summary sheets in a fixed number of queries, whatever the
        number of members: grouped counts, read as the requesting user (record rules apply)."""
        Member = self.env["youth.member"]
        domain = wizard._member_domain()
        groups = Member._read_group(
            domain + [("status", "in", school_rules.IN_MOVEMENT)],
            ["district_id", "school_id", "tier_id", "grade", "sex", "status"],
            ["__count"],
        )
        joined = Member._read_group(
            domain + [("join_date", ">=", wizard.date_from), ("join_date", "<=", wizard.date_to)],
            ["district_id", "school_id"],
            ["__count"],
        )
        left = Member._read_group(
            domain + [("leave_date", ">=", wizard.date_from), ("leave_date", "<=", wizard.date_to)],
            ["district_id", "school_id"],
            ["__count"],
        )
        year = wizard._school_year()
        enrollments = self.env["youth.school.enrollment"]._read_group(
            wizard._scope_domain("district_id", "school_id") + [("school_year", "=", year)],
            ["district_id", "school_id"],
            ["pupils_count:sum"],
        )
        schools = {}  # school -> district, for every school with members or enrolled pupils
        for district, school, *_rest in groups + joined + left + enrollments:
            schools.setdefault(school, district)
        tiers = self.env["youth.tier"].search([])
        used_tiers = {group[2] for group in groups}
        return {
            "groups": groups,
            "joined": {school: count for _district, school, count in joined},
            "left": {school: count for _district, school, count in left},
            "pupils": {school: count for _district, school, count in enrollments},
            "schools": schools,
            "tiers": tiers | self.env["youth.tier"].union(*(t for t in used_tiers if t)),
            "year": year,
        }

    @staticmethod
    def _sort_key(record):
        return (record.name or "").lower() if record else ""

    # ------------------------------------------------------------------ by district
    def _sheet_by_district(self, xlsx, data):
        _ = self.env._
        tiers = data["tiers"]
        districts = sorted(set(data["schools"].values()), key=self._sort_key)
        blank = dict.fromkeys(("male", "female", "active", "applicant", "joined", "left", "pupils"), 0)
        blank.update(
            dict.fromkeys(
                (("tier", tier.id, sex) for tier in tiers for sex in ("male", "female", "all")),
                0,
            )
        )
        rows = {district: dict(blank) for district in districts}
        for district, _school, tier, _grade, sex, status, count in data["groups"]:
            row = rows[district]
            row[status] += count
            if status != "active":
                continue
            if sex:
                row[sex] += count
            if tier:
                row[("tier", tier.id, "all")] += count
                if sex:
                    row[("tier", tier.id, sex)] += count
        for figure in ("joined", "left", "pupils"):
            for school, count in data[figure].items():
                rows[data["schools"][school]][figure] += count

        columns = [sheets.Column("name", _("District or city"), 28, total=sheets.TOTAL_LABEL)]
        for tier in tiers:
            columns += [
                sheets.Column(
                    ("tier", tier.id, "male"), _("%(tier)s: boys", tier=tier.name), 11, sheets.INTEGER, sheets.TOTAL_SUM
                ),
                sheets.Column(
                    ("tier", tier.id, "female"),
                    _("%(tier)s: girls", tier=tier.name),
                    11,
                    sheets.INTEGER,
                    sheets.TOTAL_SUM,
                ),
                sheets.Column(("tier", tier.id, "all"), tier.name, 11, sheets.INTEGER, sheets.TOTAL_SUM),
            ]
        columns += [
            sheets.Column("male", _("Boys"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("female", _("Girls"), 10, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("active", _("Members"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("applicant", _("Applicants"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("joined", _("Joined in the period"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("left", _("Left in the period"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("pupils", _("Pupils enrolled"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("coverage", _("Coverage"), 11, sheets.PERCENT, sheets.TOTAL_RATIO, ("active", "pupils")),
        ]
        for district, row in rows.items():
            row["name"] = district.name if district else _("No district")
            row["coverage"] = sheets.ratio(row["active"], row["pupils"])

        sheet = xlsx.add_sheet(_("Membership by district"))
        top = xlsx.write_title(
            sheet,
            _("Membership by district"),
            [
                (
                    _("Members"),
                    _(
                        "active members; the pupils enrolled are those of the school year %(year)s",
                        year=school_rules.school_year_label(data["year"]),
                    ),
                ),
            ],
        )
        layout = xlsx.write_table(
            sheet,
            columns,
            (sheets.row_values(columns, rows[district]) for district in districts),
            top,
            chart={
                "type": "column",
                "subtype": "stacked",
                "title": _("Members by district and tier"),
                "categories": "name",
                "series": [("tier", tier.id, "all") for tier in tiers],
            },
        )
        # the tiers of the region, with a pie
        tier_columns = [
            sheets.Column("name", _("Tier"), 28, total=sheets.TOTAL_LABEL),
            sheets.Column("male", _("Boys"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("female", _("Girls"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("active", _("Members"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
        ]
        tier_rows = [
            [
                tier.name,
                sum(row[("tier", tier.id, "male")] for row in rows.values()),
                sum(row[("tier", tier.id, "female")] for row in rows.values()),
                sum(row[("tier", tier.id, "all")] for row in rows.values()),
            ]
            for tier in tiers
        ]
        xlsx.write_table(
            sheet,
            tier_columns,
            tier_rows,
            layout.totals_row + 2,
            main=False,
            caption=_("Members by tier"),
            chart={
                "type": "pie",
                "title": _("Members by tier"),
                "categories": "name",
                "series": ["active"],
                "anchor_row": layout.totals_row + 3,
                "anchor_col": len(tier_columns) + 1,
            },
        )

    # ------------------------------------------------------------------ by school
    def _sheet_by_school(self, xlsx, data):
        _ = self.env._
        tiers = data["tiers"]
        grades = range(school_rules.MIN_GRADE, school_rules.MAX_GRADE + 1)
        schools = sorted(data["schools"], key=lambda s: (self._sort_key(data["schools"][s]), self._sort_key(s)))
        rows = {}
        for school in schools:
            row = rows[school] = {("grade", grade): 0 for grade in grades}
            row.update({("tier", tier.id): 0 for tier in tiers})
            row.update(
                active=0,
                joined=data["joined"].get(school, 0),
                left=data["left"].get(school, 0),
                pupils=data["pupils"].get(school, 0),
            )
        for _district, school, tier, grade, _sex, status, count in data["groups"]:
            if status != "active":
                continue
            row = rows[school]
            row["active"] += count
            row[("grade", grade)] += count
            if tier:
                row[("tier", tier.id)] += count
        for school, row in rows.items():
            district = data["schools"][school]
            row["name"] = school.name
            row["district"] = district.name if district else ""
            row["coverage"] = sheets.ratio(row["active"], row["pupils"])

        columns = [
            sheets.Column("name", _("School"), 34, total=sheets.TOTAL_LABEL),
            sheets.Column("district", _("District or city"), 20),
        ]
        columns += [
            sheets.Column(("grade", grade), _("Grade %(grade)s", grade=grade), 7, sheets.INTEGER, sheets.TOTAL_SUM)
            for grade in grades
        ]
        columns += [sheets.Column(("tier", tier.id), tier.name, 11, sheets.INTEGER, sheets.TOTAL_SUM) for tier in tiers]
        columns += [
            sheets.Column("active", _("Members"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("joined", _("Joined in the period"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("left", _("Left in the period"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("pupils", _("Pupils enrolled"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("coverage", _("Coverage"), 11, sheets.PERCENT, sheets.TOTAL_RATIO, ("active", "pupils")),
        ]
        sheet = xlsx.add_sheet(_("Membership by school"))
        top = xlsx.write_title(
            sheet,
            _("Membership by school and grade"),
            [
                (
                    _("Members"),
                    _(
                        "active members; the pupils enrolled are those of the school year %(year)s",
                        year=school_rules.school_year_label(data["year"]),
                    ),
                ),
            ],
        )
        xlsx.write_table(sheet, columns, (sheets.row_values(columns, rows[school]) for school in schools), top)


class YouthReportXlsxMemberList(models.AbstractModel):
    """One row per member, streamed: 150,000 rows take a few seconds and little memory."""

    _name = "youth.report.xlsx.member_list"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: member list"
    _youth_sequence = 20
    _youth_fields = (
        "partner_id",
        "school_id",
        "district_id",
        "grade",
        "class_letter",
        "tier_id",
        "status",
        "join_date",
    )

    def _build_sheets(self, xlsx):
        _ = self.env._
        query, tables = self._query(xlsx.wizard)
        cells = self._cells(query, tables)
        sheet = xlsx.add_sheet(_("Member list"))
        top = xlsx.write_title(sheet, _("Member list"))
        xlsx.write_table(
            sheet, [cell[0] for cell in cells], self._rows(xlsx, query, cells), top, total_label=_("Total")
        )

    def _query(self, wizard):
        """The members in the scope as one query built by the ORM as the requesting user
        (``_search``: access rights, record rules, the scope's domain), with the member's contact,
        school and district joined, in the order of the sheet; and ``{name: alias}`` of the
        tables (``member``, ``partner``, ``school``, ``district``)."""
        Member = self.env["youth.member"]
        Member.check_field_access_rights("read", ["name", *self._youth_fields])
        Member.flush_model(self._youth_fields)
        self.env["res.partner"].flush_model(["name"])
        self.env["youth.district"].flush_model(["name"])
        query = Member._search(wizard._member_domain(), order="id")
        table = Member._table
        partner = query.join(table, "partner_id", "res_partner", "id", "member_list_partner")
        school = query.join(table, "school_id", "res_partner", "id", "member_list_school")
        district = query.left_join(table, "district_id", "youth_district", "id", "member_list_district")
        # by district and school names, then grade, class and id: the order of the sheet, sorted
        # on the plain names (not on each model's full _order, which costs a second at this scale)
        query.order = SQL(
            "%s, %s, %s, %s, %s",
            self.env["youth.district"]._field_to_sql(district, "name"),
            SQL.identifier(school, "name"),
            SQL.identifier(table, "grade"),
            SQL.identifier(table, "class_letter"),
            SQL.identifier(table, "id"),
        )
        return query, {"member": table, "partner": partner, "school": school, "district": district}

    def _cells(self, query, tables):
        """The columns of the sheet, in order: ``(sheets.Column, SQL of its value, function that
        turns the value read into the cell's, or None)``. An addon adds a column by extending
        this list (joining to ``query`` what it needs, flushing the fields it reads).

        The member's name is its own (inherited) field, read from the contact the member record
        is built on, as the ORM does; school and district names come with the rows (the
        district's in the report's language), tier names and status labels from small lookups
        made once."""
        _ = self.env._
        member = tables["member"]
        tiers = {tier.id: tier.name for tier in self.env["youth.tier"].with_context(active_test=False).search([])}
        status_labels = self._selection_labels("youth.member", "status")
        district_name = self.env["youth.district"]._field_to_sql(tables["district"], "name")  # report's language
        return [
            (
                sheets.Column("name", _("Name"), 32, total=sheets.TOTAL_COUNT),
                SQL.identifier(tables["partner"], "name"),
                None,
            ),
            (sheets.Column("school", _("School"), 32), SQL.identifier(tables["school"], "name"), None),
            (sheets.Column("district", _("District or city"), 20), district_name, None),
            (sheets.Column("grade", _("Grade"), 7, sheets.INTEGER), SQL.identifier(member, "grade"), None),
            (sheets.Column("class", _("Class"), 7), SQL.identifier(member, "class_letter"), None),
            (sheets.Column("tier", _("Tier"), 12), SQL.identifier(member, "tier_id"), tiers.get),
            (sheets.Column("status", _("Status"), 12), SQL.identifier(member, "status"), status_labels.__getitem__),
            (sheets.Column("join_date", _("Member since"), 12, sheets.DATE), SQL.identifier(member, "join_date"), None),
        ]

    def _rows(self, xlsx, query, cells):
        """The rows of the sheet, read through a server-side cursor ``CHUNK`` rows at a time, so
        that neither the ORM cache nor the client holds 150,000 members."""
        convert = [(index, cell[2]) for index, cell in enumerate(cells) if cell[2]]
        for values in xlsx.stream(query.select(*(cell[1] for cell in cells))):
            row = list(values)
            for index, function in convert:
                row[index] = function(row[index])
            yield row
