from odoo import api, fields, models

from ..tools import school


class YouthSchoolEnrollment(models.Model):
    _name = "youth.school.enrollment"
    _inherit = ["youth.scope.mixin", "youth.group.order.mixin"]
    _description = "Pupils enrolled in a school in a school year"
    _order = "school_year desc, district_id, school_id"
    _rec_name = "school_id"

    school_id = fields.Many2one(
        "res.partner",
        string="School",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_youth_school", "=", True)],
    )
    district_id = fields.Many2one(
        "youth.district",
        related="school_id.youth_district_id",
        store=True,
        index=True,
        string="District",
    )
    school_year = fields.Integer(
        required=True,
        index=True,
        aggregator=False,
        default=lambda self: school.school_year_of(fields.Date.context_today(self)),
        help="First calendar year of the school year: 2025 for 2025–2026.",
    )
    school_year_choice = fields.Selection(
        "_school_year_selection",
        string="School year",
        compute="_compute_school_year_choice",
        inverse="_inverse_school_year_choice",
    )
    school_year_label = fields.Char("School year label", compute="_compute_school_year_label", store=True)
    pupils_count = fields.Integer("Pupils enrolled", required=True, aggregator="sum")

    _sql_constraints = [
        ("school_year_uniq", "unique(school_id, school_year)", "A school reports its pupils once per school year."),
        ("pupils_count_positive", "CHECK(pupils_count >= 0)", "The number of pupils cannot be negative."),
    ]

    @api.model
    def _school_year_selection(self):
        current = school.school_year_of(fields.Date.context_today(self))
        return [(str(year), school.school_year_label(year)) for year in range(current - 5, current + 2)]

    @api.depends("school_year")
    def _compute_school_year_choice(self):
        choices = {key for key, _label in self._school_year_selection()}
        for enrollment in self:
            key = str(enrollment.school_year or "")
            enrollment.school_year_choice = key if key in choices else False

    def _inverse_school_year_choice(self):
        for enrollment in self.filtered("school_year_choice"):
            enrollment.school_year = int(enrollment.school_year_choice)

    @api.depends("school_year")
    def _compute_school_year_label(self):
        for enrollment in self:
            enrollment.school_year_label = (
                school.school_year_label(enrollment.school_year) if enrollment.school_year else False
            )

    @api.depends("school_id", "school_year")
    def _compute_display_name(self):
        for enrollment in self:
            enrollment.display_name = "%s, %s" % (enrollment.school_id.name or "", enrollment.school_year_label or "")

    @api.model_create_multi
    def create(self, vals_list):
        # the year chosen in the list is the stored year: the row is inserted with it at once
        for vals in vals_list:
            if vals.get("school_year_choice"):
                vals["school_year"] = int(vals.pop("school_year_choice"))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("school_year_choice"):
            vals = dict(vals, school_year=int(vals["school_year_choice"]))
            del vals["school_year_choice"]
        return super().write(vals)
