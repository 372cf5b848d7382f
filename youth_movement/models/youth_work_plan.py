from odoo import api, fields, models

from ..tools import school


class YouthWorkPlan(models.Model):
    _name = "youth.work.plan"
    _description = "Annual work plan"
    _inherit = ["mail.thread"]
    _order = "school_year desc, partner_id"

    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Organization",
        required=True,
        index=True,
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    school_year = fields.Integer(
        required=True,
        aggregator=False,
        default=lambda self: school.school_year_of(fields.Date.context_today(self)),
        help="First calendar year of the school year: 2025 for 2025–2026.",
    )
    school_year_label = fields.Char("School year", compute="_compute_school_year_label")
    line_ids = fields.One2many("youth.work.plan.line", "plan_id", string="Lines", copy=True)
    line_count = fields.Integer("Number of lines", compute="_compute_execution_counts")
    done_count = fields.Integer("Done", compute="_compute_execution_counts")
    late_count = fields.Integer("Late", compute="_compute_execution_counts")
    pending_count = fields.Integer("Pending", compute="_compute_execution_counts")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("partner_year_uniq", "unique(partner_id, school_year)", "An organization has one plan per school year."),
    ]

    @api.depends("partner_id", "school_year")
    def _compute_name(self):
        for plan in self:
            if plan.partner_id and plan.school_year:
                plan.name = "%s, %s" % (plan.partner_id.name, school.school_year_label(plan.school_year))

    @api.depends("school_year")
    def _compute_school_year_label(self):
        for plan in self:
            plan.school_year_label = school.school_year_label(plan.school_year) if plan.school_year else False

    @api.depends("line_ids.execution")
    def _compute_execution_counts(self):
        groups = self.env["youth.work.plan.line"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id", "execution"], ["__count"]
        )
        counts = {}
        for plan, execution, count in groups:
            counts.setdefault(plan, {})[execution] = count
        for plan in self:
            mine = counts.get(plan, {})
            plan.line_count = sum(mine.values())
            plan.done_count = mine.get("done", 0)
            plan.late_count = mine.get("late", 0)
            plan.pending_count = mine.get("pending", 0)

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_work_plan_line_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
