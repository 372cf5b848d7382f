from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import timezone


class YouthEventAttendanceWizard(models.TransientModel):
    _name = "youth.event.attendance.wizard"
    _description = "Mark attendance of an event day"

    event_id = fields.Many2one("event.event", string="Event")
    day = fields.Date(required=True, default=lambda self: fields.Date.context_today(self))
    present = fields.Boolean(default=True, help="Unticked: mark the pupils absent.")
    registration_ids = fields.Many2many("event.registration", string="Registrations")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "event.registration" and "registration_ids" in fields_list:
            registrations = self.env["event.registration"].browse(self.env.context.get("active_ids") or [])
            values["registration_ids"] = [(6, 0, registrations.ids)]
            if len(registrations.event_id) == 1:
                values["event_id"] = registrations.event_id.id
        event = self.env["event.event"].browse(values.get("event_id"))
        if event and "day" in fields_list:
            today = timezone.today_in(event.date_tz)
            days = event._youth_days()
            values["day"] = today if today in days or not days else days[0]
        return values

    def action_mark(self):
        """Mark the chosen registrations present (or absent) on the day."""
        self.ensure_one()
        if not self.registration_ids:
            raise UserError(self.env._("Choose the registrations to mark."))
        self.registration_ids._youth_mark_attendance(self.day, self.present)
        return {"type": "ir.actions.act_window_close"}
