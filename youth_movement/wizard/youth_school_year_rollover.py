from odoo import api, fields, models

from ..tools import school


class YouthSchoolYearRollover(models.TransientModel):
    _name = "youth.school.year.rollover"
    _description = "Start a new school year"

    school_year_choice = fields.Selection(
        "_school_year_selection",
        string="School year",
        required=True,
        default=lambda self: str(school.school_year_of(fields.Date.context_today(self))),
    )
    school_year = fields.Integer(compute="_compute_school_year")
    to_promote = fields.Integer("Pupils to move up a grade", compute="_compute_preview")
    to_graduate = fields.Integer("Leavers to become alumni", compute="_compute_preview")
    last_year_label = fields.Char("Last school year started", compute="_compute_preview")

    @api.model
    def _school_year_selection(self):
        current = school.school_year_of(fields.Date.context_today(self))
        return [(str(year), school.school_year_label(year)) for year in range(current - 2, current + 2)]

    @api.depends("school_year_choice")
    def _compute_school_year(self):
        for wizard in self:
            wizard.school_year = int(wizard.school_year_choice or 0)

    @api.depends("school_year")
    def _compute_preview(self):
        Member = self.env["youth.member"]
        last = self.env["ir.config_parameter"].sudo().get_param("youth_movement.last_rollover_year")
        for wizard in self:
            year = wizard.school_year or 0
            pending = [("status", "in", school.IN_MOVEMENT), ("school_year", "<", year)]
            groups = Member._read_group(pending, ["grade", "school_year"], ["__count"])
            wizard.to_graduate = sum(
                count for grade, grade_year, count in groups if school.promote(grade, grade_year, year)[1]
            )
            wizard.to_promote = sum(count for *_, count in groups) - wizard.to_graduate
            wizard.last_year_label = school.school_year_label(int(last)) if last else ""

    def action_apply(self):
        self.ensure_one()
        Member = self.env["youth.member"]
        Member._check_rollover_year(self.school_year)
        result = Member._school_year_rollover(self.school_year)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("School year %(year)s started", year=school.school_year_label(self.school_year)),
                "message": self.env._(
                    "%(promoted)s pupils moved up a grade, %(graduated)s leavers became alumni.",
                    promoted=result["promoted"],
                    graduated=result["graduated"],
                ),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
