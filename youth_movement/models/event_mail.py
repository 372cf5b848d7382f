from odoo import models


class EventMail(models.Model):
    _inherit = "event.mail"

    def _execute_event_based_for_registrations(self, registrations):
        """Reminders and other mails sent before or after an event are for those with a seat:
        a pupil on the waitlist is not expected there."""
        return super()._execute_event_based_for_registrations(registrations.filtered(lambda r: r.state != "waitlist"))
