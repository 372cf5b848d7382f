from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            meetings = self.env["youth.council.meeting"].sudo().search([("calendar_event_id", "in", self.event_id.ids)])
            meetings._youth_sync_answers(self)
        return res
