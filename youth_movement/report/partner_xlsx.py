"""Partner organizations: the list by type and district, with a pie of the types, and their part
in the period's council meetings (co-hosted, participants from them) and events (organized, held
at their venue).

:meth:`_activity_columns` and :meth:`_activity_values` add those columns to the right of the
list.
"""

from odoo import models

from ..tools import sheets


class YouthReportXlsxPartners(models.AbstractModel):
    _name = "youth.report.xlsx.partners"
    _inherit = "youth.report.xlsx"
    _description = "Excel report: partner organizations"
    _youth_sequence = 50

    def _domain(self, wizard):
        """Partner organizations in the scope: those of its districts and the region-wide ones
        (no district), as the requesting user may read them."""
        scope = wizard._scope_domain("youth_district_id")
        domain = [("youth_org_type_id", "!=", False), ("is_youth_school", "=", False)]
        if scope:
            domain += ["|", ("youth_district_id", "=", False)] + scope
        return domain + wizard._source_domain("res.partner")

    def _activity_columns(self):
        """Columns on the partners' part in meetings and events: :class:`sheets.Column` list."""
        _ = self.env._
        return [
            sheets.Column("cohosted", _("Meetings co-hosted"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("participants", _("Participants at meetings"), 13, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("organized", _("Events organized"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
            sheets.Column("venue", _("Events at their venue"), 12, sheets.INTEGER, sheets.TOTAL_SUM),
        ]

    def _activity_values(self, wizard, partners):
        """``{partner id: {column key: value}}`` for :meth:`_activity_columns`, read in bulk: the
        meetings held in the period that the organization co-hosted, the participants present on
        its behalf, and the events of the period it organized or hosted (Odoo's organizer and venue),
        as far as the user may read them. Four grouped reads, whatever the number of partners."""
        if not partners:
            return {}
        start, end = wizard._utc_bounds()
        held = [("start", ">=", start), ("start", "<", end), ("state", "in", ("held", "approved"))]
        ids = partners.ids
        values = {partner_id: {} for partner_id in ids}

        def count(key, model, domain, groupby):
            for partner, number in self.env[model]._read_group(domain, [groupby], ["__count"]):
                if partner.id in values:
                    values[partner.id][key] = values[partner.id].get(key, 0) + number

        count("cohosted", "youth.council.meeting", held + [("cohost_ids", "in", ids)], "cohost_ids")
        count(
            "participants",
            "youth.council.participant",
            [
                ("organization_id", "in", ids),
                ("state", "=", "present"),
                ("meeting_id", "any", held),
            ],
            "organization_id",
        )
        period = [("date_begin", ">=", start), ("date_begin", "<", end)]
        count("organized", "event.event", period + [("organizer_id", "in", ids)], "organizer_id")
        count("venue", "event.event", period + [("address_id", "in", ids)], "address_id")
        for row in values.values():
            for key in ("cohosted", "participants", "organized", "venue"):
                row.setdefault(key, 0)
        return values

    def _build_sheets(self, xlsx):
        _ = self.env._
        partners = self.env["res.partner"].search_fetch(
            self._domain(xlsx.wizard),
            ["name", "youth_org_type_id", "youth_district_id", "city", "phone", "email"],
            order="youth_org_type_id, name",
        )
        columns = [
            sheets.Column("name", _("Organization"), 40, total=sheets.TOTAL_COUNT),
            sheets.Column("type", _("Organization type"), 26),
            sheets.Column("district", _("District or city"), 22),
            sheets.Column("city", _("City"), 16),
            sheets.Column("phone", _("Phone"), 18),
            sheets.Column("email", _("Email"), 26),
        ] + self._activity_columns()
        activity = self._activity_values(xlsx.wizard, partners)
        region = _("Region-wide")
        rows = []
        for partner in partners:
            row = {
                "name": partner.name,
                "type": partner.youth_org_type_id.name,
                "district": partner.youth_district_id.name or region,
                "city": partner.city or "",
                "phone": partner.phone or "",
                "email": partner.email or "",
            }
            row.update(activity.get(partner.id, {}))
            rows.append(sheets.row_values(columns, row))
        sheet = xlsx.add_sheet(_("Partner organizations"))
        top = xlsx.write_title(
            sheet,
            _("Partner organizations"),
            [
                (_("Meetings and events"), _("council meetings held and events that begin in the period")),
            ],
        )
        layout = xlsx.write_table(sheet, columns, rows, top, total_label=_("Total"))
        by_type = {}
        for partner in partners:
            by_type[partner.youth_org_type_id] = by_type.get(partner.youth_org_type_id, 0) + 1
        type_columns = [
            sheets.Column("name", _("Organization type"), 40, total=sheets.TOTAL_LABEL),
            sheets.Column("count", _("Organizations"), 26, sheets.INTEGER, sheets.TOTAL_SUM),
        ]
        xlsx.write_table(
            sheet,
            type_columns,
            [[org_type.name, count] for org_type, count in by_type.items()],
            layout.totals_row + 2,
            main=False,
            caption=_("Organizations by type"),
            chart={
                "type": "pie",
                "title": _("Organizations by type"),
                "categories": "name",
                "series": ["count"],
                "anchor_row": layout.header_row,
                "anchor_col": len(columns) + 1,
            },
        )
