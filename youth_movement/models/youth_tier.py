from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import school


class YouthTier(models.Model):
    _name = "youth.tier"
    _description = "Tier of the movement"
    _order = "grade_from, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    grade_from = fields.Integer(required=True)
    grade_to = fields.Integer(required=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a tier must be unique."),
        ("grades_order", "CHECK(grade_from <= grade_to)", "A tier's first grade cannot come after its last."),
    ]

    @api.model
    def _grade_ranges(self):
        """``[(tier, grade_from, grade_to)]`` of the active tiers, in order, for :mod:`tools.school`."""
        return [(tier, tier.grade_from, tier.grade_to) for tier in self.search([])]

    @api.constrains("grade_from", "grade_to", "active")
    def _check_grades(self):
        for tier in self:
            if not school.MIN_GRADE <= tier.grade_from <= tier.grade_to <= school.MAX_GRADE:
                raise ValidationError(
                    self.env._(
                        "The grades of tier %(tier)s must lie between %(min)s and %(max)s.",
                        tier=tier.name,
                        min=school.MIN_GRADE,
                        max=school.MAX_GRADE,
                    )
                )
        overlaps = school.overlapping_ranges(self._grade_ranges())
        if overlaps:
            first, second = overlaps[0]
            raise ValidationError(
                self.env._(
                    "Tiers %(first)s and %(second)s share grades: a grade belongs to one tier only.",
                    first=first.name,
                    second=second.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        tiers = super().create(vals_list)
        self._recompute_member_tiers()
        return tiers

    def write(self, vals):
        res = super().write(vals)
        if {"grade_from", "grade_to", "active"} & set(vals):
            self._recompute_member_tiers()
        return res

    def _recompute_member_tiers(self):
        members = self.env["youth.member"].sudo().with_context(active_test=False).search([])
        # members whose grade moves to another tier leave the unit of the old tier
        ranges = self._grade_ranges()
        members.filtered(lambda m: m.unit_id and m.unit_id.tier_id != school.tier_for_grade(m.grade, ranges)).write(
            {"unit_id": False}
        )
        self.env.add_to_compute(members._fields["tier_id"], members)
        members.flush_model(["tier_id"])
