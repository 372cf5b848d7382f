from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.sql import create_index

from ..tools import timezone
from .youth_scope_mixin import MANAGER

# the movement's registrations list, in the order of its view: by event (its start, then its id, as
# event.event's _order), the seated first, the waitlist in line
LIST_ORDER = ("event_begin", "event_id", "state desc", "waitlist_position", "name")

SEATED = ("open", "done")
RESULTS = [
    ("winner", "Winner"),
    ("first", "1st place"),
    ("second", "2nd place"),
    ("third", "3rd place"),
    ("diploma", "Diploma"),
    ("participant", "Participant"),
]


class EventRegistration(models.Model):
    _name = "event.registration"
    _inherit = ["event.registration", "youth.scope.mixin", "youth.group.order.mixin"]

    # the child is the attendee; partner_id keeps Odoo's meaning: who booked (a parent, or staff)
    youth_member_id = fields.Many2one(
        "youth.member",
        string="Pupil",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The member who attends; the registration's name, email and phone are theirs.",
    )
    member_school_id = fields.Many2one(
        related="youth_member_id.school_id", store=True, index=True, string="Pupil's school"
    )
    member_district_id = fields.Many2one(
        related="youth_member_id.district_id", store=True, index=True, string="Pupil's district"
    )
    # the list's sort key: the event's start, so that a page of the registrations is the first rows
    # of an index, where ordering by the event joins and sorts every registration of the region
    event_begin = fields.Datetime(related="event_id.date_begin", store=True, string="Event start")
    youth_level = fields.Selection(related="event_id.youth_level")
    youth_is_my_event = fields.Boolean(related="event_id.youth_is_my_event")
    # seats and waitlist
    state = fields.Selection(
        selection_add=[("waitlist", "Waitlisted"), ("open",)],
        ondelete={"waitlist": "set draft"},
    )
    waitlist_position = fields.Integer(
        "Place in line",
        readonly=True,
        copy=False,
        aggregator=False,
        help="Position on the waitlist: the first in line gets the next free seat.",
    )
    # attendance and result
    attendance_ids = fields.One2many("youth.event.attendance", "registration_id", string="Attendance")
    days_present = fields.Integer("Days present", compute="_compute_attendance_counts")
    days_total = fields.Integer("Days", compute="_compute_attendance_counts")
    is_no_show = fields.Boolean(
        "No-show",
        compute="_compute_is_no_show",
        search="_search_is_no_show",
        help="Had a seat at an event that is over and came on none of its days.",
    )
    result = fields.Selection(RESULTS, tracking=True)
    # the family's mails: read by the mail templates, rendered as the superuser; nobody else
    # needs the family's contact ids (a school leader hosting an event would read another
    # school's parents through them)
    youth_partner_to = fields.Char(compute="_compute_youth_mail_recipients", groups="base.group_system")
    youth_mail_lang = fields.Char(compute="_compute_youth_mail_recipients", groups="base.group_system")

    _sql_constraints = [
        ("event_member_uniq", "unique(event_id, youth_member_id)", "A pupil can be registered only once for an event."),
    ]

    # ------------------------------------------------------------------ computes
    def init(self):
        result = super().init()
        # the movement's registrations counted by district and state (the pivot, the list's count)
        # read this narrow index alone: 136 ms for the 2 000 000 registrations of a region of
        # 600 000 pupils, where through the table the grouping sorted them all (1.7 s)
        create_index(
            self.env.cr,
            "event_registration_youth_counts_index",
            self._table,
            ["member_district_id", "state", "company_id"],
            where="active AND youth_member_id IS NOT NULL",
        )
        # the movement's list (youth_event_registration_view_list's default_order: the event's
        # order, date_begin and id, then the seats before the line and the line in order)
        create_index(
            self.env.cr,
            "event_registration_youth_list_order_index",
            self._table,
            [term.replace(" desc", " DESC") for term in LIST_ORDER],
            where="youth_member_id IS NOT NULL",
        )
        return result

    @api.depends("attendance_ids.present")
    def _compute_attendance_counts(self):
        Attendance = self.env["youth.event.attendance"].sudo()
        total = dict(Attendance._read_group([("registration_id", "in", self.ids)], ["registration_id"], ["__count"]))
        present = dict(
            Attendance._read_group(
                [("registration_id", "in", self.ids), ("present", "=", True)], ["registration_id"], ["__count"]
            )
        )
        for registration in self:
            registration.days_total = total.get(registration._origin, 0)
            registration.days_present = present.get(registration._origin, 0)

    def _no_show_domain(self):
        return [
            ("state", "=", "open"),
            ("event_id.date_end", "<", fields.Datetime.now()),
            ("attendance_ids", "not any", [("present", "=", True)]),
        ]

    @api.depends("state", "event_id.date_end", "attendance_ids.present")
    def _compute_is_no_show(self):
        now = fields.Datetime.now()
        for registration in self:
            registration.is_no_show = (
                registration.state == "open"
                and registration.event_id.date_end
                and registration.event_id.date_end < now
                and not any(registration.attendance_ids.mapped("present"))
            )

    def _search_is_no_show(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domain = self._no_show_domain()
        return domain if (operator == "=") == value else ["!"] + domain

    @api.depends("partner_id", "youth_member_id")
    def _compute_youth_mail_recipients(self):
        for registration in self:
            partners = registration._youth_family()
            registration.youth_partner_to = ",".join(str(pid) for pid in partners.ids)
            registration.youth_mail_lang = (
                partners[:1].lang or registration.event_id.lang or registration.sudo().youth_member_id.lang or False
            )

    def _youth_family(self):
        """Who hears about the registration: the child's legal representatives and the child, and
        the booker when they are one of the child's guardians, those of them with an email address.
        A staff member who booked is not told; nor is any other contact set as "Booked by" (staff
        may rewrite it): the pupil's ticket goes to the family only."""
        self.ensure_one()
        sudo_self = self.sudo()
        pupil = sudo_self.youth_member_id
        if not pupil:  # a guest of a movement's event: whoever booked, unless staff
            booker = sudo_self.partner_id
            return booker.filtered(lambda p: p.email and all(user.share for user in p.user_ids))
        links = pupil.guardian_link_ids
        booker = sudo_self.partner_id & links.guardian_id
        partners = booker | links.filtered("is_legal_representative").guardian_id | pupil.partner_id
        return partners.filtered("email")

    # ------------------------------------------------------------------ constraints
    @api.constrains("result", "state")
    def _check_result(self):
        for registration in self:
            if registration.result and registration.state != "done":
                raise ValidationError(
                    self.env._(
                        "%(name)s did not attend %(event)s: only those who came get a result.",
                        name=registration.name,
                        event=registration.event_id.name,
                    )
                )

    @api.onchange("youth_member_id")
    def _onchange_youth_member_id(self):
        if self.youth_member_id:
            self.update(self._youth_attendee_values(self.youth_member_id))

    # ------------------------------------------------------------------ CRUD
    def _youth_check_covered(self, members, action):
        """Staff register, admit, grade and certify the pupils they cover, and no other: a school
        leader hosting an event sees the visiting pupils' registrations, but may not register a
        pupil of another school, give them a result or admit them. ``members`` are read in the
        acting user's environment; the portal acts for a family it has checked, as the superuser.
        ``action``: register, admit, result or certificate."""
        if self.env.su or not members or self.env.user.has_group(MANAGER):
            return
        # the record rules in one SQL query (_filtered_access evaluates them in Python, loading
        # every field they read for each pupil)
        outside = members - members.with_env(self.env).with_context(active_test=False).search(
            [("id", "in", members.ids)]
        )
        if not outside:
            return
        pupils = ", ".join(outside.sudo().mapped("name"))
        _ = self.env._
        messages = {
            "register": _(
                "%(pupils)s: not a pupil of your schools or districts. Only their own school's or district's "
                "staff, or a regional manager, may register them for an event.",
                pupils=pupils,
            ),
            "admit": _(
                "%(pupils)s: not a pupil of your schools or districts. Only their own school's or district's "
                "staff, or a regional manager, may admit them to the movement.",
                pupils=pupils,
            ),
            "result": _(
                "%(pupils)s: not a pupil of your schools or districts. Only their own school's or district's "
                "staff, or a regional manager, may give them a result.",
                pupils=pupils,
            ),
            "certificate": _(
                "%(pupils)s: not a pupil of your schools or districts. Only their own school's or district's "
                "staff, or a regional manager, may print their certificate.",
                pupils=pupils,
            ),
        }
        raise AccessError(messages[action])

    @api.model_create_multi
    def create(self, vals_list):
        self._youth_check_covered(
            self.env["youth.member"].browse(
                {vals["youth_member_id"] for vals in vals_list if vals.get("youth_member_id")}
            ),
            "register",
        )
        members = (
            self.env["youth.member"]
            .sudo()
            .browse([vals["youth_member_id"] for vals in vals_list if vals.get("youth_member_id")])
        )
        # the pupils' contacts and the bookers' in one read: Odoo's computes read the bookers next
        bookers = (
            self.env["res.partner"].sudo().browse({vals["partner_id"] for vals in vals_list if vals.get("partner_id")})
        )
        (members.partner_id | bookers).mapped("email")
        for vals in vals_list:
            if vals.get("youth_member_id"):
                for fname, value in self._youth_attendee_values(members.browse(vals["youth_member_id"])).items():
                    vals.setdefault(fname, value)
        self._youth_decide_seats(vals_list)
        registrations = super().create(vals_list)
        seated = registrations.filtered(lambda r: r.state in SEATED)
        seated._youth_sync_attendance_days(new=True)
        registrations.filtered(lambda r: r.state == "done")._youth_admit()
        # the seated are confirmed by the event's mail scheduler (Odoo's create calls on it)
        waiting = registrations.filtered(lambda r: r.state == "waitlist")
        waiting._youth_send_mail("youth_movement.youth_event_mail_template_waitlist")
        waiting._youth_mark_confirmation_sent()
        return registrations

    def _youth_decide_seats(self, vals_list):
        """Give each new registration for a movement's event that asks for a seat either one or a
        place in line, deciding under the row lock of its event (Odoo's own events refuse, as in Odoo)."""
        if self.env.context.get("youth_seat_checked"):
            return
        asking = [vals for vals in vals_list if vals.get("event_id") and vals.get("state", "open") in SEATED]
        if not asking:
            return
        events = self.env["event.event"].sudo().browse({vals["event_id"] for vals in asking})
        limited = events.filtered(lambda e: e.youth_level and e.seats_limited and e.seats_max)
        if not limited:
            return
        limited._youth_lock()
        free = limited._youth_free_seats()
        last = limited._youth_last_waitlist_positions()
        for vals in asking:
            event_id = vals["event_id"]
            if event_id not in free:
                continue
            if free[event_id] > 0:
                free[event_id] -= 1
            else:
                last[event_id] = last.get(event_id, 0) + 1
                vals.update(state="waitlist", waitlist_position=last[event_id])

    def write(self, vals):
        if vals.get("youth_member_id"):
            self._youth_check_covered(self.env["youth.member"].browse(vals["youth_member_id"]), "register")
        if vals.get("result"):
            self._youth_check_covered(self.youth_member_id, "result")
        moving = self.browse()
        if not self.env.context.get("youth_seat_checked") and {"state", "active"} & set(vals):
            moving = self.filtered(
                lambda r: r.event_id.youth_level
                and (
                    r._youth_seated_after(vals) != (r.state in SEATED and r.active)
                    or ("state" in vals and (r.state == "waitlist") != (vals["state"] == "waitlist"))
                )
            )
        if not moving:
            res = super().write(vals)
            if vals.get("state") in SEATED or vals.get("active"):
                seated = self.filtered(lambda r: r.state in SEATED and r.active)
                seated._youth_sync_attendance_days()
                seated.filtered(lambda r: r.state == "done")._youth_admit()
            return res
        events = moving.event_id.sudo()
        events._youth_lock()
        before = {reg.id: (reg.state, reg.active) for reg in self}
        new_state = vals.get("state")
        if new_state and new_state != "waitlist":
            vals = dict(vals, waitlist_position=0)
        if new_state == "waitlist":
            last = events._youth_last_waitlist_positions()
            res = True
            for reg in self:
                values = dict(vals)
                if reg.state != "waitlist":
                    last[reg.event_id.id] = last.get(reg.event_id.id, 0) + 1
                    values["waitlist_position"] = last[reg.event_id.id]
                res = super(EventRegistration, reg).write(values) and res
        else:
            res = super().write(vals)
        if "active" in vals:
            # Odoo checks the seats on a change of state, not of active (as its toggle_active says)
            self.filtered(lambda r: r.state in SEATED and r.active).event_id._check_seats_availability()
        freed = self.filtered(
            lambda r: before[r.id][0] in SEATED and before[r.id][1] and (r.state not in SEATED or not r.active)
        )
        left_line = self.filtered(lambda r: before[r.id][0] == "waitlist" and r.state != "waitlist")
        seated = self.filtered(lambda r: r.state in SEATED and r.active)
        seated._youth_sync_attendance_days()
        seated.filtered(lambda r: r.state == "done")._youth_admit()
        if freed:
            freed.event_id._youth_promote_waitlist()
        if left_line:
            left_line.event_id.sudo()._youth_renumber_waitlist()
        return res

    def _youth_seated_after(self, vals):
        """Whether the registration holds a seat once ``vals`` are written."""
        self.ensure_one()
        return vals.get("state", self.state) in SEATED and vals.get("active", self.active)

    def unlink(self):
        events = self.filtered(lambda r: r.state in SEATED and r.active).event_id.sudo()
        line_events = self.filtered(lambda r: r.state == "waitlist").event_id.sudo()
        res = super().unlink()
        events.exists()._youth_promote_waitlist()
        line_events.exists()._youth_renumber_waitlist()
        return res

    # ------------------------------------------------------------------ actions
    @api.model
    def register_attendee(self, barcode, event_id):
        """Odoo's registration desk, which also keeps a pupil's attendance of the day: a pupil
        checked in yesterday is checked in again today, and a pupil on the waitlist is not
        checked in (``youth_waitlist``). Other registrations are left to Odoo."""
        attendee = self.search([("barcode", "=", barcode)], limit=1)
        if not attendee._youth_pupils() or (event_id and attendee.event_id.id != event_id):
            return super().register_attendee(barcode, event_id)
        if attendee.state == "waitlist":
            return dict(attendee._get_registration_summary(), status="youth_waitlist")
        if attendee.state in SEATED and not attendee.event_id.is_finished:
            today = attendee._youth_today()
            if not today:
                return dict(attendee._get_registration_summary(), status="not_ongoing_event")
            if attendee.state == "done":
                line = attendee.attendance_ids.filtered(lambda line: line.day == today)
                if not line.present:
                    attendee._youth_mark_attendance(today)
                    return dict(attendee._get_registration_summary(), status="confirmed_registration")
        return super().register_attendee(barcode, event_id)

    def action_set_done(self):
        """Attended: a pupil checked in on a day of their event is present on that day."""
        res = super().action_set_done()
        for registration in self._youth_pupils():
            today = registration._youth_today()
            if today:
                registration._youth_mark_attendance(today)
        return res

    def action_confirm(self):
        """Back to registered: undoing a pupil's check-in (the desk's *Undo*) unmarks the day too;
        a pupil present on another day of the event has attended and stays so."""
        checked_in = self._youth_pupils().filtered(lambda r: r.state == "done")
        for registration in checked_in:
            today = registration._youth_today()
            if today:
                registration._youth_mark_attendance(today, present=False)
        came = checked_in.filtered(lambda r: any(r.attendance_ids.mapped("present")))
        return super(EventRegistration, self - came).action_confirm()

    def action_youth_cancel(self):
        """Cancel the registrations; their seats go to the first in line, whose families are told."""
        self.filtered(lambda r: r.state != "cancel").write({"state": "cancel"})
        return True

    def action_youth_mark_attendance(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_event_attendance_wizard_action")
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def action_youth_health_card(self):
        """The participant's health card, on its own page: the page checks the reader and the window
        and logs the read (controllers/health.py)."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/youth/health/registration/{self.id}", "target": "new"}

    def action_youth_print_certificate(self):
        self._youth_check_covered(self.youth_member_id, "certificate")
        return self.env.ref("youth_movement.action_report_youth_event_certificate").report_action(self)

    def _get_report_base_filename(self):
        """The certificate's file name in the portal (``CustomerPortal._show_report``)."""
        self.ensure_one()
        return "%s - %s" % (self.event_id.name, self.youth_member_id.name or self.name)

    # ------------------------------------------------------------------ business
    def _youth_take_seat(self):
        """A seat if one is free, else the end of the line (for a cancelled registration taken up again)."""
        self.ensure_one()
        event = self.event_id.sudo()
        event._youth_lock()
        free = event._youth_free_seats()[event.id]
        if free is None or free > 0:
            # taken up again, confirmed again: the event's mail scheduler will mail it anew
            self.sudo().mail_registration_ids.filtered(lambda m: m.scheduler_id.interval_type == "after_sub").unlink()
            self.with_context(youth_seat_checked=True).write({"state": "open", "waitlist_position": 0})
        else:
            position = event._youth_last_waitlist_positions().get(event.id, 0) + 1
            self.with_context(youth_seat_checked=True).write({"state": "waitlist", "waitlist_position": position})
            self._youth_send_mail("youth_movement.youth_event_mail_template_waitlist")

    def _youth_pupils(self):
        """The movement's registrations: a pupil's, at one of the movement's events. The others are
        Odoo's, and the addon leaves them as Odoo has them."""
        return self.filtered(lambda r: r.youth_member_id and r.event_id.youth_level)

    @api.model
    def _youth_attendee_values(self, member):
        """The attendee's name, email and phone: the pupil's, not those of whoever booked."""
        member = member.sudo()
        return {"name": member.name, "email": member.email or False, "phone": member.phone or False}

    def _youth_sync_attendance_days(self, new=False):
        """One attendance line per day of the event for every seated pupil at the movement's events;
        days that no longer belong to the event go, unless someone was marked present on them.
        ``new``: the registrations were just created and have no line yet."""
        registrations = self._youth_pupils().filtered(lambda r: r.state in SEATED and r.event_id.date_begin)
        if not registrations:
            return
        Attendance = self.env["youth.event.attendance"].sudo()
        existing = Attendance if new else Attendance.search([("registration_id", "in", registrations.ids)])
        have = {(line.registration_id.id, line.day) for line in existing}
        days_by_event = {event.id: event._youth_days() for event in registrations.event_id}
        to_create = []
        for registration in registrations:
            for day in days_by_event[registration.event_id.id]:
                if (registration.id, day) not in have:
                    to_create.append({"registration_id": registration.id, "day": day})
        stale = existing.filtered(
            lambda line: line.day not in days_by_event[line.registration_id.event_id.id] and not line.present
        )
        stale.unlink()
        if to_create:
            Attendance.create(to_create)

    def _youth_admit(self, day=None):
        """Pupils who attend an admission ceremony become active members from that day: admitted
        by those who cover them."""
        for registration in self._youth_check_admission():
            event = registration.event_id
            present = registration.attendance_ids.filtered("present").mapped("day")
            if day:
                join = day
            elif present:
                join = min(present)
            else:
                today = timezone.today_in(event.date_tz)
                days = event._youth_days()
                join = today if today in days else (days[0] if days else today)
            registration.youth_member_id.write({"status": "active", "join_date": join})

    def _youth_check_admission(self):
        """The registrations whose attendance would admit an applicant, once it is checked that
        the acting user covers those applicants."""
        admitted = self.sudo().filtered(
            lambda r: r.event_id.is_admission_ceremony and r.youth_member_id.status == "applicant"
        )
        self._youth_check_covered(admitted.youth_member_id.with_env(self.env), "admit")
        return admitted

    def _youth_today(self):
        """Today in the event's time zone when the event runs today, else None."""
        self.ensure_one()
        today = timezone.today_in(self.event_id.date_tz)
        return today if today in self.event_id._youth_days() else None

    def _youth_mark_attendance(self, day, present=True):
        """Mark the registrations present (or absent) on ``day``; return the lines marked."""
        Attendance = self.env["youth.event.attendance"]
        day = fields.Date.to_date(day)
        for registration in self:
            if registration.state not in SEATED:
                raise UserError(
                    self.env._(
                        "%(name)s has no seat at %(event)s (%(state)s): attendance is kept for seated pupils only.",
                        name=registration.name,
                        event=registration.event_id.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[registration.state],
                    )
                )
            if day not in registration.event_id._youth_days():
                raise UserError(
                    self.env._(
                        "%(event)s does not run on %(day)s.",
                        event=registration.event_id.name,
                        day=day,
                    )
                )
        self._youth_sync_attendance_days()
        lines = Attendance.search([("registration_id", "in", self.ids), ("day", "=", day)])
        lines.write({"present": present})
        return lines

    def _update_mail_schedulers(self):
        """The movement's seats are confirmed by Odoo's mail job, as Odoo does for every event when
        ``event.event_mail_async`` is set. Odoo's immediate run commits in the middle of the request
        (``event.mail._execute_attendee_based``), which would end the seat decision's transaction
        under the event's row lock and the portal's savepoint per child; the job also keeps the
        rendering of mails out of that lock."""
        pupils = self._youth_pupils()
        super(EventRegistration, self - pupils)._update_mail_schedulers()
        if pupils.filtered(lambda r: r.state == "open") and not self.env.context.get("install_mode"):
            # the scheduler asks the mail queue to run once it has queued the confirmations
            self.env.ref("event.event_mail_scheduler").sudo()._trigger()
        return True

    def _youth_mark_confirmation_sent(self):
        """Registrations that wait in line are not confirmed by the event's mail scheduler: the
        waitlist mail tells the family, and the promotion mail will confirm the seat."""
        if not self:
            return
        schedulers = (
            self.env["event.mail"]
            .sudo()
            .search([("event_id", "in", self.event_id.ids), ("interval_type", "=", "after_sub")])
        )
        for scheduler in schedulers:
            registrations = self.filtered(lambda r, event=scheduler.event_id: r.event_id == event)
            scheduler._create_missing_mail_registrations(registrations).mail_sent = True

    def _youth_send_mail(self, template_xmlid):
        """Send a family mail of the registrations (the waitlist, a promotion), in the family's language."""
        if self.env.context.get("install_mode") or not self:
            return
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        registrations = self.sudo().filtered(lambda r: r.youth_member_id and r.youth_partner_to)
        if template and registrations:
            template.sudo().send_mail_batch(registrations.ids)
            # queued: Odoo's mail queue runs hourly, the family hears now
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
