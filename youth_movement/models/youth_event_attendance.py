from odoo import api, fields, models


class YouthEventAttendance(models.Model):
    _name = "youth.event.attendance"
    _inherit = ["youth.scope.mixin", "youth.group.order.mixin"]
    _description = "Attendance of a pupil on one day of an event"
    _order = "day, registration_id"
    _rec_name = "registration_id"

    registration_id = fields.Many2one(
        "event.registration",
        string="Registration",
        required=True,
        index=True,
        ondelete="cascade",
    )
    event_id = fields.Many2one(related="registration_id.event_id", store=True, index=True, precompute=True)
    member_id = fields.Many2one(
        related="registration_id.youth_member_id", store=True, index=True, precompute=True, string="Pupil"
    )
    # the rules read the pupil's school and district on the line itself: through the registration,
    # PostgreSQL would test every line of a day against the 650 000 registrations of a district
    member_school_id = fields.Many2one(
        related="registration_id.member_school_id", store=True, index=True, precompute=True, string="Pupil's school"
    )
    member_district_id = fields.Many2one(
        related="registration_id.member_district_id",
        store=True,
        index=True,
        precompute=True,
        string="Pupil's district",
    )
    day = fields.Date(required=True, index=True)
    present = fields.Boolean(default=False)

    _sql_constraints = [
        ("registration_day_uniq", "unique(registration_id, day)", "A pupil's attendance is kept once per day."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered("present")._youth_after_present()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if vals.get("present"):
            self._youth_after_present()
        return res

    def _youth_after_present(self):
        """A pupil present on a day has attended: the registration is done, and an admission
        ceremony admits them from that day."""
        # as the marker: only those who cover an applicant admit them
        self.registration_id._youth_check_admission()
        registrations = self.registration_id.sudo()
        # state, not action_set_done: that one marks today, which need not be the day marked here
        registrations.filtered(lambda r: r.state == "open").write({"state": "done"})
        for line in self.sudo():
            line.registration_id._youth_admit(day=line.day)
