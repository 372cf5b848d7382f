"""Partner organisations: the list by type and district, with a pie of the types.

Hook for the councils and events: :meth:`PartnerReport._activity_columns` and
:meth:`PartnerReport._activity_values` add columns (meetings attended, events co-organised...)
to the right of the list; they return nothing until those models exist.
"""

from ..tools import sheets
from .xlsx_report import ReportBuilder, register


@register
class PartnerReport(ReportBuilder):
    code = "partners"
    sequence = 50

    def _domain(self):
        """Partner organisations in the scope: those of its districts and the region-wide ones
        (no district), as the requesting user may read them."""
        wizard = self.wizard
        scope = wizard._scope_domain("youth_district_id")
        domain = [("youth_org_type_id", "!=", False), ("is_youth_school", "=", False)]
        if scope:
            domain += ["|", ("youth_district_id", "=", False)] + scope
        return domain + wizard._source_domain("res.partner")

    def _activity_columns(self):
        """Columns on the partners' part in meetings and events: :class:`sheets.Column` list."""
        return []

    def _activity_values(self, partners):
        """``{partner id: {column key: value}}`` for :meth:`_activity_columns`, read in bulk."""
        return {}

    def build(self):
        _ = self.env._
        partners = self.env["res.partner"].search_fetch(
            self._domain(), ["name", "youth_org_type_id", "youth_district_id", "city", "phone", "email"],
            order="youth_org_type_id, name",
        )
        columns = [
            sheets.Column("name", _("Organisation"), 40, total=sheets.TOTAL_COUNT),
            sheets.Column("type", _("Organisation type"), 26),
            sheets.Column("district", _("District or city"), 22),
            sheets.Column("city", _("City"), 16),
            sheets.Column("phone", _("Phone"), 18),
            sheets.Column("email", _("Email"), 26),
        ] + self._activity_columns()
        activity = self._activity_values(partners)
        region = _("Region-wide")
        rows = []
        for partner in partners:
            row = {
                "name": partner.name, "type": partner.youth_org_type_id.name,
                "district": partner.youth_district_id.name or region, "city": partner.city or "",
                "phone": partner.phone or "", "email": partner.email or "",
            }
            row.update(activity.get(partner.id, {}))
            rows.append(sheets.row_values(columns, row))
        xlsx = self.xlsx
        sheet = xlsx.add_sheet(_("Partner organisations"))
        top = xlsx.write_title(sheet, _("Partner organisations"))
        layout = xlsx.write_table(sheet, columns, rows, top, total_label=_("Total"))
        by_type = {}
        for partner in partners:
            by_type[partner.youth_org_type_id] = by_type.get(partner.youth_org_type_id, 0) + 1
        type_columns = [
            sheets.Column("name", _("Organisation type"), 40, total=sheets.TOTAL_LABEL),
            sheets.Column("count", _("Organisations"), 26, sheets.INTEGER, sheets.TOTAL_SUM),
        ]
        xlsx.write_table(
            sheet, type_columns, [[org_type.name, count] for org_type, count in by_type.items()],
            layout.totals_row + 2, main=False, caption=_("Organisations by type"),
            chart={"type": "pie", "title": _("Organisations by type"), "categories": "name", "series": ["count"],
                   "anchor_row": layout.header_row, "anchor_col": len(columns) + 1},
        )
