import ast
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..report.xlsx_report import XlsxReport
from ..tools import school, timezone

MANAGER = "youth_movement.youth_movement_group_regional_manager"
COORDINATOR = "youth_movement.youth_movement_group_district_coordinator"
LANGUAGES = [("kk_KZ", "Қазақша"), ("ru_RU", "Русский"), ("en_US", "English")]
# the list views the wizard opens from, and the report each one preselects
SOURCE_REPORTS = {
    "youth.member": "membership",
    "res.partner": "partners",
    "event.event": "events",
    "youth.council.decision": "decisions",
    "youth.work.plan.line": "work_plan",
}


class YouthReportWizard(models.TransientModel):
    _name = "youth.report.wizard"
    _description = "Excel reports"

    # reports: one boolean per report builder, report_<code> for youth.report.xlsx.<code>
    # (see report/xlsx_report.py)
    report_membership = fields.Boolean(
        "Membership",
        help="Members by district, school, tier, sex and grade; joins and leavers in the "
        "period; coverage against the pupils enrolled.",
    )
    report_member_list = fields.Boolean(
        "Member list",
        help="One row per member: name, school, district, grade, class, tier, status, " "date of joining.",
    )
    report_events = fields.Boolean(
        "Events and participation",
        help="Events by month, category and district; pupils reached, attendance "
        "rate and results by district and category.",
    )
    report_participation_list = fields.Boolean(
        "Participation detail",
        help="One row per registration of a pupil: event, date, district, school, pupil, "
        "grade, status, days present, result.",
    )
    report_partners = fields.Boolean("Partner organizations", help="Partner organizations by type and district.")
    report_decisions = fields.Boolean(
        "Council decisions",
        help="Decisions per council and meeting: responsible, deadline, status, days overdue; "
        "the district roll-up of the decisions sent down.",
    )
    report_work_plan = fields.Boolean(
        "Work-plan execution",
        help="Each plan line with its period, responsible, status, target against actual and "
        "pupils reached; lines done, late and pending by month.",
    )
    # period
    period_type = fields.Selection(
        [("school_year", "School year"), ("dates", "Dates")],
        string="Period",
        required=True,
        default="school_year",
    )
    school_year_choice = fields.Selection(
        "_school_year_selection",
        string="School year",
        default=lambda self: str(school.school_year_of(fields.Date.context_today(self))),
    )
    date_from = fields.Date(
        "From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date_to = fields.Date("To", compute="_compute_dates", store=True, readonly=False, required=True, precompute=True)
    # scope
    scope = fields.Selection(
        [("region", "Region"), ("districts", "Districts"), ("schools", "Schools")],
        required=True,
        default=lambda self: self._default_scope(),
    )
    district_ids = fields.Many2many(
        "youth.district",
        string="Districts",
        default=lambda self: self.env.user.youth_district_ids,
    )
    school_ids = fields.Many2many(
        "res.partner",
        string="Schools",
        domain=[("is_youth_school", "=", True)],
        default=lambda self: self.env.user.youth_school_ids,
    )
    # the records chosen in the list the wizard was opened from
    source_model = fields.Char(readonly=True)
    source_domain = fields.Char(readonly=True)
    source_count = fields.Integer("Records chosen in the list", readonly=True)
    lang = fields.Selection(
        LANGUAGES,
        string="Language",
        required=True,
        default=lambda self: self.env.lang if self.env.lang in dict(LANGUAGES) else "en_US",
    )

    @api.model
    def _school_year_selection(self):
        current = school.school_year_of(fields.Date.context_today(self))
        return [(str(year), school.school_year_label(year)) for year in range(current - 5, current + 2)]

    @api.model
    def _default_scope(self):
        user = self.env.user
        if user.has_group(MANAGER):
            return "region"
        if user.has_group(COORDINATOR) and user.youth_district_ids:
            return "districts"
        return "schools"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        model = context.get("active_model")
        code = SOURCE_REPORTS.get(model)
        if code and context.get("active_ids"):
            values["report_%s" % code] = True
            ids = context["active_ids"]
            domain = [("id", "in", ids)]
            active_domain = context.get("active_domain")
            if active_domain and self.env[model].search_count(active_domain) == len(ids):
                domain = active_domain  # "select all": the list's own filter, not a long list of ids
            values.update(source_model=model, source_domain=repr(domain), source_count=len(ids))
        elif not any(values.get("report_%s" % code) for code in self._report_codes()):
            values["report_membership"] = True
        return values

    @api.depends("period_type", "school_year_choice")
    def _compute_dates(self):
        for wizard in self:
            if wizard.period_type == "school_year" and wizard.school_year_choice:
                wizard.date_from, wizard.date_to = school.school_year_bounds(int(wizard.school_year_choice))
            elif not (wizard.date_from and wizard.date_to):
                today = fields.Date.context_today(wizard)
                wizard.date_from, wizard.date_to = school.school_year_bounds(school.school_year_of(today))

    # ------------------------------------------------------------------ what the builders read
    def _school_year(self):
        """The school year the period stands for: the one chosen, or the one of the last day."""
        if self.period_type == "school_year" and self.school_year_choice:
            return int(self.school_year_choice)
        return school.school_year_of(self.date_to)

    def _source_domain(self, model):
        """The records chosen in the list, when the wizard was opened from a list of ``model``."""
        if self.source_model == model and self.source_domain:
            return expression.normalize_domain(ast.literal_eval(self.source_domain))
        return []

    def _scope_domain(self, district_field, school_field=None):
        """The chosen scope as a domain on a model whose district (and school) fields are given.
        Record rules narrow it further: nobody gets more than they may read."""
        if self.scope == "districts":
            return [(district_field, "in", self.district_ids.ids)]
        if self.scope == "schools":
            if school_field:
                return [(school_field, "in", self.school_ids.ids)]
            return [(district_field, "in", self.school_ids.youth_district_id.ids)]
        return []

    def _member_domain(self):
        return expression.AND(
            [
                self._scope_domain("district_id", "school_id"),
                self._source_domain("youth.member"),
            ]
        )

    def _event_domain(self, scoped=True):
        """Events of the period (or those chosen in the event list), organized in the scope."""
        domain = self._source_domain("event.event")
        if not domain:  # the records chosen in the list stand for the period
            start, end = self._utc_bounds()
            domain = [("date_begin", ">=", start), ("date_begin", "<", end)]
        if scoped:
            domain = expression.AND([domain, self._scope_domain("district_id", "school_id")])
        return domain

    def _registration_domain(self):
        """Pupils' registrations of the scope at the events of the period the user may read."""
        return expression.AND(
            [
                [("event_id", "any", self._event_domain(scoped=False)), ("youth_member_id", "!=", False)],
                self._scope_domain("member_district_id", "member_school_id"),
            ]
        )

    def _utc_bounds(self):
        """The period as naive UTC datetimes ``[start, end)``, in the user's time zone."""
        return timezone.utc_bounds(self.date_from, self.date_to, self.env.user.tz)

    def _months(self):
        """The first day of each month of the period, in order."""
        day, last = self.date_from.replace(day=1), self.date_to
        months = []
        while day <= last:
            months.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return months

    # ------------------------------------------------------------------ labels of the title block
    # dates as documents in Kazakhstan write them, in every language of the report
    def _format_date(self, value):
        return value.strftime("%d.%m.%Y") if value else ""

    def _format_datetime(self, value):
        """A UTC datetime in the user's time zone."""
        return timezone.to_local(value, self.env.user.tz).strftime("%d.%m.%Y %H:%M")

    def _period_label(self):
        dates = "%s – %s" % (self._format_date(self.date_from), self._format_date(self.date_to))
        if self.period_type == "school_year" and self.school_year_choice:
            return self.env._(
                "School year %(year)s (%(dates)s)",
                year=school.school_year_label(int(self.school_year_choice)),
                dates=dates,
            )
        return dates

    def _scope_label(self):
        if self.scope == "districts":
            return self.env._("Districts: %(names)s", names=", ".join(self.district_ids.mapped("name")))
        if self.scope == "schools":
            return self.env._("Schools: %(names)s", names=", ".join(self.school_ids.mapped("name")))
        regions = self.env["youth.district"].search([]).state_id
        return (
            self.env._("Region: %(names)s", names=", ".join(regions.mapped("name")))
            if regions
            else self.env._("Region")
        )

    def _source_label(self):
        if not self.source_model:
            return ""
        return self.env._("%(count)s records chosen in the list", count=self.source_count)

    def _report_file_title(self):
        return self.env._("Youth movement reports")

    # ------------------------------------------------------------------ actions
    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_from > wizard.date_to:
                raise UserError(self.env._("The period must not end before it begins."))

    @api.model
    def _report_codes(self):
        """The reports the wizard offers: a ``report_<code>`` boolean each, whose sheets the abstract
        model ``youth.report.xlsx.<code>`` builds."""
        return [
            name[len("report_") :]
            for name, field in self._fields.items()
            if name.startswith("report_") and field.type == "boolean"
        ]

    def _builders(self):
        """The builders of the ticked reports (in this wizard's environment), in their order."""
        return sorted(
            (self.env["youth.report.xlsx.%s" % code] for code in self._report_codes() if self["report_%s" % code]),
            key=lambda builder: builder._youth_sequence,
        )

    def _render_xlsx(self):
        """Build the workbook as the requesting user, in the chosen language; return its bytes."""
        self.ensure_one()
        wizard = self.with_context(lang=self.lang)
        builders = wizard._builders()
        if not builders:
            raise UserError(self.env._("Choose at least one report."))
        if wizard.scope == "districts" and not wizard.district_ids:
            raise UserError(self.env._("Choose the districts of the report, or another scope."))
        if wizard.scope == "schools" and not wizard.school_ids:
            raise UserError(self.env._("Choose the schools of the report, or another scope."))
        xlsx = XlsxReport(wizard)
        for builder in builders:
            builder._build_sheets(xlsx)
        return xlsx.close()

    def _file_name(self):
        return "%s %s.xlsx" % (
            self.with_context(lang=self.lang).env._("Youth movement"),
            fields.Date.context_today(self),
        )

    def action_export(self):
        """Download the .xlsx file: it is made when the browser asks for it, as the requesting user,
        and streamed without being stored (``controllers/report.py``)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": "/youth_movement/report/%s" % self.id,
            "target": "self",
        }
