"""Membership: members by district, tier and sex; by school and grade with coverage; joins and
leavers in the period; and, when asked, the list of members (one row each)."""

from ..tools import school as school_rules
from ..tools import sheets
from .xlsx_report import ReportBuilder, register

IN_MOVEMENT = ("applicant", "active")
# the member list: how many members are read (and forgotten) at a time
CHUNK = 4000


@register
class MembershipReport(ReportBuilder):
    code = "membership"
    sequence = 10

    def build(self):
        data = self._read()
        self._sheet_by_district(data)
        self._sheet_by_school(data)

    # ------------------------------------------------------------------ reading
    def _read(self):
        """Every figure of the two summary sheets in a fixed number of queries, whatever the
        number of members: grouped counts, read as the requesting user (record rules apply)."""
        Member = self.env["youth.member"]
        wizard = self.wizard
        domain = wizard._member_domain()
        groups = Member._read_group(
            domain + [("status", "in", IN_MOVEMENT)],
            ["district_id", "school_id", "tier_id", "grade", "sex", "status"], ["__count"],
        )
        joined = Member._read_group(
            domain + [("join_date", ">=", wizard.date_from), ("join_date", "<=", wizard.date_to)],
            ["district_id", "school_id"], ["__count"],
        )
        left = Member._read_group(
            domain + [("leave_date", ">=", wizard.date_from), ("leave_date", "<=", wizard.date_to)],
            ["district_id", "school_id"], ["__count"],
        )
        year = wizard._school_year()
        enrollments = self.env["youth.school.enrollment"]._read_group(
            wizard._scope_domain("district_id", "school_id") + [("school_year", "=", year)],
            ["district_id", "school_id"], ["pupils_count:sum"],
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
    def _sheet_by_district(self, data):
        _ = self.env._
        tiers = data["tiers"]
        districts = sorted(set(data["schools"].values()), key=self._sort_key)
        blank = dict.fromkeys(("male", "female", "active", "applicant", "joined", "left", "pupils"), 0)
        blank.update(dict.fromkeys(
            (("tier", tier.id, sex) for tier in tiers for sex in ("male", "female", "all")), 0,
        ))
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
                sheets.Column(("tier", tier.id, "male"), _("%(tier)s: boys", tier=tier.name), 11, sheets.INTEGER,
                              sheets.TOTAL_SUM),
                sheets.Column(("tier", tier.id, "female"), _("%(tier)s: girls", tier=tier.name), 11, sheets.INTEGER,
                              sheets.TOTAL_SUM),
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

        xlsx = self.xlsx
        sheet = xlsx.add_sheet(_("Membership by district"))
        top = xlsx.write_title(sheet, _("Membership by district"), [
            (_("Members"), _("active members; the pupils enrolled are those of the school year %(year)s",
                             year=school_rules.school_year_label(data["year"]))),
        ])
        layout = xlsx.write_table(
            sheet, columns, (sheets.row_values(columns, rows[district]) for district in districts), top,
            chart={
                "type": "column", "subtype": "stacked", "title": _("Members by district and tier"),
                "categories": "name", "series": [("tier", tier.id, "all") for tier in tiers],
            },
        )
        # the tiers of the region, with a pie
        tier_columns = [
            sheets.Column("name", _("Tier"), 28, total=sheets.TOTAL_LABEL),
            sheets.Column("male", _("Boys"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("female", _("Girls"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("active", _("Members"), 11, sheets.INTEGER, sheets.TOTAL_SUM),
        ]
        tier_rows = [[
            tier.name,
            sum(row[("tier", tier.id, "male")] for row in rows.values()),
            sum(row[("tier", tier.id, "female")] for row in rows.values()),
            sum(row[("tier", tier.id, "all")] for row in rows.values()),
        ] for tier in tiers]
        xlsx.write_table(
            sheet, tier_columns, tier_rows, layout.totals_row + 2, main=False, caption=_("Members by tier"),
            chart={"type": "pie", "title": _("Members by tier"), "categories": "name", "series": ["active"],
                   "anchor_row": layout.totals_row + 3, "anchor_col": len(tier_columns) + 1},
        )

    # ------------------------------------------------------------------ by school
    def _sheet_by_school(self, data):
        _ = self.env._
        tiers = data["tiers"]
        grades = range(school_rules.MIN_GRADE, school_rules.MAX_GRADE + 1)
        schools = sorted(data["schools"], key=lambda s: (self._sort_key(data["schools"][s]), self._sort_key(s)))
        rows = {}
        for school in schools:
            row = rows[school] = {("grade", grade): 0 for grade in grades}
            row.update({("tier", tier.id): 0 for tier in tiers})
            row.update(active=0, joined=data["joined"].get(school, 0), left=data["left"].get(school, 0),
                       pupils=data["pupils"].get(school, 0))
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
        xlsx = self.xlsx
        sheet = xlsx.add_sheet(_("Membership by school"))
        top = xlsx.write_title(sheet, _("Membership by school and grade"), [
            (_("Members"), _("active members; the pupils enrolled are those of the school year %(year)s",
                             year=school_rules.school_year_label(data["year"]))),
        ])
        xlsx.write_table(sheet, columns, (sheets.row_values(columns, rows[school]) for school in schools), top)


@register
class MemberListReport(ReportBuilder):
    """One row per member, streamed: 150,000 rows take a few seconds and little memory."""

    code = "member_list"
    sequence = 20
    FIELDS = ("partner_id", "school_id", "district_id", "grade", "class_letter", "tier_id", "status", "join_date")

    def build(self):
        _ = self.env._
        columns = [
            sheets.Column("name", _("Name"), 32, total=sheets.TOTAL_COUNT),
            sheets.Column("school", _("School"), 32),
            sheets.Column("district", _("District or city"), 20),
            sheets.Column("grade", _("Grade"), 7, sheets.INTEGER),
            sheets.Column("class", _("Class"), 7),
            sheets.Column("tier", _("Tier"), 12),
            sheets.Column("status", _("Status"), 12),
            sheets.Column("join_date", _("Member since"), 12, sheets.DATE),
        ]
        xlsx = self.xlsx
        sheet = xlsx.add_sheet(_("Member list"))
        top = xlsx.write_title(sheet, _("Member list"))
        xlsx.write_table(sheet, columns, self._rows(), top, total_label=_("Total"))

    def _rows(self):
        """The members in the scope, in chunks: the ids in one query, then per chunk one query
        for the members and one for their names; schools, districts and tiers are read once.
        The cache is emptied after each chunk so memory stays flat."""
        Member = self.env["youth.member"]
        members = Member.search(self.wizard._member_domain(), order="district_id, school_id, grade, class_letter, id")
        names = self._names()
        status_labels = dict(Member._fields["status"]._description_selection(self.env))
        for chunk in sheets.chunks(members._ids, CHUNK):
            batch = Member.browse(chunk)
            batch.fetch(self.FIELDS)
            batch.partner_id.fetch(["name"])
            for member in batch:
                yield (
                    member.name, names["school"].get(member.school_id.id), names["district"].get(member.district_id.id),
                    member.grade, member.class_letter or "", names["tier"].get(member.tier_id.id),
                    status_labels.get(member.status), member.join_date or None,
                )
            partners = batch.partner_id
            batch.invalidate_recordset()
            partners.invalidate_recordset()

    def _names(self):
        """Names of the schools, districts and tiers of the members, in the report's language."""
        groups = self.env["youth.member"]._read_group(
            self.wizard._member_domain(), ["school_id", "district_id", "tier_id"], ["__count"],
        )
        schools = self.env["res.partner"].union(*(group[0] for group in groups))
        districts = self.env["youth.district"].union(*(group[1] for group in groups))
        tiers = self.env["youth.tier"].union(*(group[2] for group in groups))
        return {
            "school": {record.id: record.name for record in schools},
            "district": {record.id: record.name for record in districts},
            "tier": {record.id: record.name for record in tiers},
        }
