import threading
import time

from odoo import fields, models
from odoo.tools import config

from odoo.addons.event.models.event_mail import _INTERVALS

# the first slice of a run, before the time of one mail is known (a PDF ticket takes 1-2 s)
FIRST_SLICE = 5


class EventMail(models.Model):
    _inherit = "event.mail"

    def _execute_event_based_for_registrations(self, registrations):
        """Reminders and other mails sent before or after an event are for those with a seat:
        a pupil on the waitlist is not expected there."""
        return super()._execute_event_based_for_registrations(registrations.filtered(lambda r: r.state != "waitlist"))

    # ------------------------------------------------------------------ mails after a burst
    def _youth_mail_seconds(self):
        """How long one run of the mail scheduler may render the movement's mails: a quarter of the
        real-time limit Odoo puts on a cron (past it Odoo reloads the whole server), 30 s when no
        limit is set; ``youth_movement.mail_run_seconds`` sets it."""
        configured = self.env["ir.config_parameter"].sudo().get_param("youth_movement.mail_run_seconds")
        if configured not in (None, False, ""):
            return max(float(configured), 0.0)
        limit = config.get("limit_time_real_cron") or 0
        if limit <= 0:
            limit = config.get("limit_time_real") or 0
        return limit / 4 if limit > 0 else 30.0

    def schedule_communications(self, autocommit=False):
        """One deadline for the whole run, shared by every scheduler of the movement it reaches."""
        if "youth_mail_deadline" in self.env.context:
            return super().schedule_communications(autocommit=autocommit)
        deadline = time.monotonic() + self._youth_mail_seconds()
        return super(EventMail, self.with_context(youth_mail_deadline=deadline)).schedule_communications(
            autocommit=autocommit
        )

    def _execute_attendee_based(self):
        """The movement's confirmations go out in slices that end before the run's deadline.

        Odoo renders up to ``mail.render.cron.limit`` (1 000) mails in one cron run; each of the
        movement's confirmations carries the PDF ticket checked at the registration desk, and after
        a registration morning that held a cron thread past Odoo's real-time limit, which reloads
        the server. Each slice (5 registrations, then as many as the time one mail took lets end
        before the deadline, at most ``mail.batch_size``) is rendered, queued for Odoo's mail
        queue and committed, as Odoo's own loop does; when no slice fits any more and due
        registrations remain, the scheduler's cron is triggered again for the rest, and the mail
        queue's cron is triggered for what was queued.
        """
        if self.env.context.get("event_mail_registration_ids") or not self.event_id.youth_level:
            return super()._execute_attendee_based()
        self.ensure_one()
        deadline = self.env.context.get("youth_mail_deadline") or time.monotonic() + self._youth_mail_seconds()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        batch_size = int(self.env["ir.config_parameter"].sudo().get_param("mail.batch_size") or 0) or 50
        MailRegistration = self.env["event.mail.registration"]
        due = self._youth_due_registrations()
        todo, size, per_mail = due, min(FIRST_SLICE, batch_size), None
        while todo:
            if per_mail is not None:
                # a slice sized on the time the slices before it took, to end before the deadline
                left = deadline - time.monotonic()
                size = min(batch_size, int(left / per_mail)) if per_mail else batch_size
                if size < 1:
                    self.env.ref("event.event_mail_scheduler").sudo()._trigger()
                    break
            chunk, todo = todo[:size], todo[size:]
            started = time.monotonic()
            on_chunk = [("scheduler_id", "=", self.id), ("registration_id", "in", chunk.ids)]
            self._create_missing_mail_registrations(chunk - MailRegistration.search(on_chunk).registration_id)
            MailRegistration.search(MailRegistration._get_skip_domain() + on_chunk)._execute_on_registrations()
            self._refresh_mail_count_done()
            if auto_commit:  # as Odoo's own loop does: a slice sent stays sent if a later one fails
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self.env.invalidate_all()
            per_mail = max(per_mail or 0.0, (time.monotonic() - started) / len(chunk))
        if due:
            # the mails wait in Odoo's queue, whose cron runs hourly: families get their ticket now
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        return True

    def _youth_due_registrations(self):
        """The registrations this attendee-based scheduler still owes a mail and that are due now."""
        pending = self.env["event.registration"].search(
            [
                ("event_id", "=", self.event_id.id),
                ("state", "not in", ("cancel", "draft")),
                (
                    "mail_registration_ids",
                    "not any",
                    [("scheduler_id", "=", self.id), ("mail_sent", "=", True)],
                ),
            ],
            order="id",
        )
        now = fields.Datetime.now()
        delay = _INTERVALS[self.interval_unit](self.interval_nbr)
        return pending.filtered(lambda r: r.create_date.replace(microsecond=0) + delay <= now)
