from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, format_datetime

from ..const import STAFF
from ..tools import event_rules, school, timezone

LEVELS = [("region", "Region"), ("district", "District"), ("school", "School"), ("unit", "Unit")]


class EventEvent(models.Model):
    _name = "event.event"
    _inherit = ["event.event", "youth.scope.mixin", "youth.group.order.mixin"]

    # who organizes it
    youth_level = fields.Selection(
        LEVELS,
        string="Level",
        index=True,
        tracking=True,
        help="The level that organizes the event: regional events are visible to all the movement's staff, "
        "district and school events to the district's coordinators and the school's leaders.",
    )
    district_id = fields.Many2one(
        "youth.district",
        string="Organizing district",
        index=True,
        ondelete="restrict",
        compute="_compute_district_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    school_id = fields.Many2one(
        "res.partner",
        string="Organizing school",
        index=True,
        ondelete="restrict",
        compute="_compute_school_id",
        store=True,
        readonly=False,
        tracking=True,
        domain="[('is_youth_school', '=', True)]",
    )
    unit_id = fields.Many2one("youth.unit", string="Organizing unit", index=True, ondelete="restrict", tracking=True)
    youth_category_id = fields.Many2one(
        "youth.event.category",
        string="Category",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    school_year = fields.Integer(
        compute="_compute_school_year",
        store=True,
        index=True,
        aggregator=False,
        help="First calendar year of the school year the event falls in.",
    )
    school_year_label = fields.Char("School year", compute="_compute_school_year_label")
    # who may come
    tier_ids = fields.Many2many("youth.tier", string="Tiers", help="Empty: every tier.")
    grade_min = fields.Integer("From grade", aggregator=False, help="0: no lower bound.")
    grade_max = fields.Integer("To grade", aggregator=False, help="0: no upper bound.")
    age_min = fields.Integer("From age", aggregator=False, help="Age on the first day of the event; 0: no bound.")
    age_max = fields.Integer("To age", aggregator=False, help="Age on the first day of the event; 0: no bound.")
    allowed_district_ids = fields.Many2many(
        "youth.district",
        "event_event_youth_district_allowed_rel",
        "event_id",
        "district_id",
        string="Districts allowed",
        help="Pupils of these districts (or of the schools below) may come. Empty: the organizer's district, "
        "school or unit decides, and regional events are open to the whole region.",
    )
    allowed_school_ids = fields.Many2many(
        "res.partner",
        "event_event_youth_school_allowed_rel",
        "event_id",
        "school_id",
        string="Schools allowed",
        domain="[('is_youth_school', '=', True)]",
    )
    registration_start = fields.Datetime("Registration opens")
    registration_end = fields.Datetime("Registration closes")
    is_youth_registration_open = fields.Boolean(
        "Open for registration",
        compute="_compute_is_youth_registration_open",
        search="_search_is_youth_registration_open",
    )
    # what the event carries out
    plan_line_id = fields.Many2one(
        "youth.work.plan.line",
        string="Work plan line",
        index=True,
        ondelete="set null",
        tracking=True,
    )
    decision_id = fields.Many2one(
        "youth.council.decision",
        string="Council decision",
        index=True,
        ondelete="set null",
        tracking=True,
    )
    is_admission_ceremony = fields.Boolean(
        "Admission ceremony",
        compute="_compute_is_admission_ceremony",
        store=True,
        readonly=False,
        help="Pupils who attend become active members of the movement from the day they attend.",
    )
    certificate_lang = fields.Selection(
        [("kk_KZ", "Kazakh"), ("ru_RU", "Russian")],
        string="Certificate language",
        default="kk_KZ",
        required=True,
    )
    # seats beyond the stock ones
    waitlist_count = fields.Integer("On the waitlist", compute="_compute_waitlist_count")
    no_show_count = fields.Integer("No-shows", compute="_compute_no_show_count")
    youth_seat_serial = fields.Integer(
        "Seat decisions",
        copy=False,
        readonly=True,
        default=0,
        help="Technical: bumped under the row lock at each seat decision, so that concurrent ones serialise.",
    )
    # who leads it: they alone read the participants' health cards, near the event (youth.health.card)
    youth_leader_ids = fields.Many2many(
        "res.users",
        "event_event_youth_leader_rel",
        "event_id",
        "user_id",
        string="Leaders",
        tracking=True,
        domain=lambda self: [("share", "=", False), ("groups_id", "in", self.env.ref(STAFF).ids)],
        help="The staff who lead the children at the event, besides its responsible: with the responsible, "
        "they read the participants' health and emergency cards from a few days before the event to its end.",
    )
    youth_is_my_event = fields.Boolean(
        "I lead the event",
        compute="_compute_youth_is_my_event",
        help="The current user is the event's responsible or one of its leaders.",
    )
    youth_is_offsite = fields.Boolean(
        "Off-site",
        tracking=True,
        help="A camp, a trip or a forum away from school: the families are asked to confirm the health card "
        "before it, and the leaders get a printable participant sheet with the emergency contacts.",
    )
    is_this_school_year = fields.Boolean(
        "This school year",
        compute="_compute_is_this_school_year",
        search="_search_is_this_school_year",
    )

    def action_youth_health_cards(self):
        """The participants' health cards, for the event's leaders near the event: a page that checks
        the reader and the window, and logs each card opened (controllers/health.py)."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/youth/health/event/{self.id}", "target": "new"}

    @api.depends_context("uid")
    @api.depends("user_id", "youth_leader_ids")
    def _compute_youth_is_my_event(self):
        for event in self:
            event.youth_is_my_event = self.env.user in (event.sudo().user_id | event.sudo().youth_leader_ids)

    # ------------------------------------------------------------------ computes
    @api.depends("school_id", "unit_id")
    def _compute_district_id(self):
        for event in self:
            school_partner = event.unit_id.school_id or event.school_id
            if school_partner:
                event.district_id = school_partner.youth_district_id

    @api.depends("unit_id")
    def _compute_school_id(self):
        for event in self.filtered("unit_id"):
            event.school_id = event.unit_id.school_id

    @api.depends("date_begin", "date_tz")
    def _compute_school_year(self):
        for event in self:
            event.school_year = school.school_year_of(event._youth_first_day()) if event.date_begin else 0

    @api.depends("school_year")
    def _compute_school_year_label(self):
        for event in self:
            event.school_year_label = school.school_year_label(event.school_year) if event.school_year else False

    @api.depends("registration_start", "registration_end", "date_end")
    def _compute_is_youth_registration_open(self):
        now = fields.Datetime.now()
        for event in self:
            event.is_youth_registration_open = (
                (not event.registration_start or event.registration_start <= now)
                and (not event.registration_end or now <= event.registration_end)
                and (not event.date_end or now <= event.date_end)
            )

    def _search_is_youth_registration_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        now = fields.Datetime.now()
        domain = [
            "&",
            "&",
            "|",
            ("registration_start", "=", False),
            ("registration_start", "<=", now),
            "|",
            ("registration_end", "=", False),
            ("registration_end", ">=", now),
            ("date_end", ">=", now),
        ]
        return domain if (operator == "=") == value else ["!"] + domain

    @api.depends("youth_category_id")
    def _compute_is_admission_ceremony(self):
        for event in self:
            event.is_admission_ceremony = event.youth_category_id.is_admission_ceremony

    def _compute_waitlist_count(self):
        waiting = dict(
            self.env["event.registration"]
            .sudo()
            ._read_group([("event_id", "in", self.ids), ("state", "=", "waitlist")], ["event_id"], ["__count"])
        )
        for event in self:
            event.waitlist_count = waiting.get(event._origin, 0)

    def _compute_no_show_count(self):
        no_shows = dict(
            self.env["event.registration"]
            .sudo()
            ._read_group([("event_id", "in", self.ids), ("is_no_show", "=", True)], ["event_id"], ["__count"])
        )
        for event in self:
            event.no_show_count = no_shows.get(event._origin, 0)

    @api.depends("school_year")
    def _compute_is_this_school_year(self):
        current = school.school_year_of(fields.Date.context_today(self))
        for event in self:
            event.is_this_school_year = event.school_year == current

    def _search_is_this_school_year(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        current = school.school_year_of(fields.Date.context_today(self))
        return [("school_year", "=" if (operator == "=") == value else "!=", current)]

    def _compute_event_mail_ids(self):
        # Odoo asks the whole batch for _default_event_mail_ids(): ask the movement's events apart
        youth_events = self.filtered("youth_level")
        super(EventEvent, youth_events)._compute_event_mail_ids()
        return super(EventEvent, self - youth_events)._compute_event_mail_ids()

    # ------------------------------------------------------------------ constraints
    @api.constrains("youth_level", "district_id", "school_id", "unit_id")
    def _check_organizer(self):
        required = {"district": "district_id", "school": "school_id", "unit": "unit_id"}
        for event in self:
            fname = required.get(event.youth_level)
            if fname and not event[fname]:
                raise ValidationError(
                    self.env._(
                        "The event %(event)s is organized by a %(level)s: say which one.",
                        event=event.name,
                        level=dict(self._fields["youth_level"]._description_selection(self.env))[
                            event.youth_level
                        ].lower(),
                    )
                )

    @api.constrains("district_id", "school_id", "unit_id")
    def _check_organizer_district(self):
        """An event of a school or a unit lies in that school's district: its district is never
        another one, which would show it to (and let it be edited by) that district's staff."""
        for event in self:
            school_partner = event.unit_id.school_id or event.school_id
            if school_partner and event.district_id != school_partner.youth_district_id:
                raise ValidationError(
                    self.env._(
                        "The event %(event)s is organized by %(school)s: its district is %(district)s.",
                        event=event.name,
                        school=school_partner.name,
                        district=school_partner.youth_district_id.name,
                    )
                )

    @api.constrains("youth_leader_ids")
    def _check_youth_leaders(self):
        staff = self.env.ref(STAFF)
        for event in self:
            outsiders = event.youth_leader_ids.filtered(lambda u: u.share or staff not in u.groups_id)
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not on the movement's staff and cannot lead its events.",
                        name=outsiders[0].name,
                    )
                )

    @api.constrains("grade_min", "grade_max", "age_min", "age_max")
    def _check_audience(self):
        for event in self:
            if min(event.grade_min, event.grade_max, event.age_min, event.age_max) < 0:
                raise ValidationError(self.env._("Grades and ages of an event cannot be negative."))
            if event.grade_min and event.grade_max and event.grade_min > event.grade_max:
                raise ValidationError(
                    self.env._(
                        "The event %(event)s is for grades %(min)s to %(max)s: the first cannot come after the last.",
                        event=event.name,
                        min=event.grade_min,
                        max=event.grade_max,
                    )
                )
            if event.age_min and event.age_max and event.age_min > event.age_max:
                raise ValidationError(
                    self.env._(
                        "The event %(event)s is for ages %(min)s to %(max)s: the first cannot come after the last.",
                        event=event.name,
                        min=event.age_min,
                        max=event.age_max,
                    )
                )

    @api.constrains("registration_start", "registration_end")
    def _check_registration_window(self):
        for event in self:
            if (
                event.registration_start
                and event.registration_end
                and event.registration_start > event.registration_end
            ):
                raise ValidationError(
                    self.env._(
                        "Registration for %(event)s cannot close before it opens.",
                        event=event.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    def _default_event_mail_ids(self):
        """The movement's events confirm each seat to the family and remind them one day before,
        through Odoo's mail schedulers; the waitlist and promotion mails are sent by the
        registrations themselves (Odoo has no waitlist). Other events get Odoo's."""
        confirmation = self.env.ref("youth_movement.youth_event_mail_template_confirmation", raise_if_not_found=False)
        reminder = self.env.ref("youth_movement.youth_event_mail_template_reminder", raise_if_not_found=False)
        if not (confirmation and reminder) or not self or not all(self.mapped("youth_level")):
            return super()._default_event_mail_ids()
        return [
            (
                0,
                0,
                {
                    "interval_nbr": 0,
                    "interval_unit": "now",
                    "interval_type": "after_sub",
                    "template_ref": "mail.template,%i" % confirmation.id,
                },
            ),
            (
                0,
                0,
                {
                    "interval_nbr": 1,
                    "interval_unit": "days",
                    "interval_type": "before_event",
                    "template_ref": "mail.template,%i" % reminder.id,
                },
            ),
        ]

    def write(self, vals):
        res = super().write(vals)
        if {"seats_max", "seats_limited"} & set(vals):
            self._youth_promote_waitlist()
        if {"date_begin", "date_end", "date_tz"} & set(vals):
            self.registration_ids.filtered(lambda r: r.state in ("open", "done"))._youth_sync_attendance_days()
        return res

    # ------------------------------------------------------------------ business
    def _default_description(self):
        """The movement's events start with an empty description, not Odoo's marketing text."""
        if self.env.context.get("default_youth_level") or self.env.context.get("install_module") == "youth_movement":
            return False
        return super()._default_description()

    def _youth_certificate_lang(self):
        """The certificate's language, or the reader's when that language is not active here."""
        self.ensure_one()
        installed = dict(self.env["res.lang"].get_installed())
        return self.certificate_lang if self.certificate_lang in installed else self.env.lang or "en_US"

    def _youth_reached_members(self):
        """``{event id: set of member ids}`` of the pupils who came: attendance marked present on a day,
        or the registration marked attended. One grouped read, whatever the number of events."""
        if not self:
            return {}
        domain = [
            ("event_id", "in", self.ids),
            ("youth_member_id", "!=", False),
            "|",
            ("state", "=", "done"),
            ("attendance_ids.present", "=", True),
        ]
        reached = {}
        for event, member in self.env["event.registration"].sudo()._read_group(domain, ["event_id", "youth_member_id"]):
            reached.setdefault(event.id, set()).add(member.id)
        return reached

    def _youth_local_date(self, value):
        self.ensure_one()
        return timezone.to_local(value, self.date_tz).date()

    def _youth_first_day(self):
        return self._youth_local_date(self.date_begin)

    def _youth_days(self):
        """The calendar days the event runs, in its own timezone."""
        self.ensure_one()
        if not self.date_begin:
            return []
        return event_rules.event_days(self._youth_first_day(), self._youth_local_date(self.date_end or self.date_begin))

    def _youth_lock(self):
        """Take the row lock of the events and mark them, so that seat decisions serialise.

        Odoo's transactions are REPEATABLE READ: a transaction that waited for the lock would
        still count the seats of its old snapshot. Bumping a column under the lock makes such a
        transaction fail with a serialisation error instead; Odoo retries the request with a
        fresh snapshot (``odoo.service.model.retrying``), which then sees every committed seat.
        """
        if not self.ids:
            return
        # one statement: the rows locked in the order of their ids (no deadlock between two
        # requests locking the same events), then marked
        self.env.cr.execute(
            SQL(
                """UPDATE event_event SET youth_seat_serial = COALESCE(youth_seat_serial, 0) + 1
                WHERE id IN (SELECT id FROM event_event WHERE id IN %s ORDER BY id FOR UPDATE)""",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["youth_seat_serial"])

    def _youth_seat_turn(self):
        """Wait for the seat decisions of these events made before ours, then see what they
        committed: for a request that registers (the portal's button on registration day).

        Odoo's transactions are REPEATABLE READ: one that waited for the event's lock would still
        count the seats of its old snapshot, and :meth:`_youth_lock` makes it fail so that Odoo
        retries it; in a burst every waiting family fails behind the first, and Odoo's five
        retries run out. Here the request's transaction, which has written nothing, is committed,
        and the next one runs READ COMMITTED: once the lock is granted, each of its statements
        reads the seats and the waitlist as the families before committed them. Call it first.
        """
        if not self.ids:
            return
        cr = self.env.cr
        if not self.env.registry.in_test_mode():  # a test's cursor is one transaction throughout
            self.env.flush_all()
            cr.commit()  # pylint: disable=invalid-commit  (nothing written yet; see the docstring)
            cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
        self._youth_lock()
        self.env.invalidate_all()

    def _youth_last_waitlist_positions(self):
        if not self.ids:
            return {}
        self.env["event.registration"].flush_model(["event_id", "state", "waitlist_position"])
        self.env.cr.execute(
            SQL(
                """SELECT event_id, max(waitlist_position) FROM event_registration
                WHERE event_id IN %s AND state = 'waitlist' GROUP BY event_id""",
                tuple(self.ids),
            )
        )
        return {event_id: position or 0 for event_id, position in self.env.cr.fetchall()}

    def _youth_free_seats(self):
        """``{event_id: free seats or None when unlimited}``, from Odoo's ``seats_available``
        computed afresh (call under :meth:`_youth_lock`, so that the count is the committed one)."""
        self.invalidate_recordset(["seats_reserved", "seats_used", "seats_available", "seats_taken"])
        return {
            event.id: max(event.seats_available, 0) if event.seats_limited and event.seats_max else None
            for event in self
        }

    def _youth_eligibility_facts(self):
        self.ensure_one()
        # the event's own conditions, read past the rules of the tiers, districts and schools it names
        event = self.sudo()
        return {
            "registration_start": event.registration_start,
            "registration_end": event.registration_end,
            "date_end": event.date_end,
            "ceremony": event.is_admission_ceremony,
            "tier_ids": set(event.tier_ids.ids),
            "grade_min": event.grade_min,
            "grade_max": event.grade_max,
            "age_min": event.age_min,
            "age_max": event.age_max,
            "age_day": event._youth_first_day() if event.date_begin else fields.Date.context_today(self),
            "district_ids": set(event.allowed_district_ids.ids)
            or ({event.district_id.id} if event.youth_level == "district" and event.district_id else set()),
            "school_ids": set(event.allowed_school_ids.ids)
            or ({event.school_id.id} if event.youth_level in ("school", "unit") and event.school_id else set()),
            "unit_id": event.unit_id.id if event.youth_level == "unit" else None,
        }

    def _youth_check_eligibility(self, member):
        """Return why ``member`` may not register for the event (a translated sentence), or False."""
        self.ensure_one()
        member = member.sudo()
        already = (
            self.env["event.registration"]
            .sudo()
            .search_count(
                [
                    ("event_id", "=", self.id),
                    ("youth_member_id", "=", member.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
        )
        if already:
            return self._youth_already_registered(member)
        return self._youth_audience_problem(member)

    def _youth_already_registered(self, member):
        return self.env._("%(name)s is already registered for %(event)s.", name=member.sudo().name, event=self.name)

    def _youth_audience_problem(self, member):
        """Why ``member`` is outside the event's audience or window (a translated sentence), or False.
        Callers that already know the member's registrations (the portal's event list) use this one."""
        self.ensure_one()
        member = member.sudo()
        if not self._youth_region_ok(member):
            return self.env._("%(event)s is not for the region of %(name)s.", event=self.name, name=member.name)
        pupil = {
            "status": member.status,
            "tier_id": member.tier_id.id,
            "grade": member.grade,
            "birth_date": member.birth_date,
            "district_id": member.district_id.id,
            "school_id": member.school_id.id,
            "unit_id": member.unit_id.id,
        }
        found = event_rules.audience_problem(self._youth_eligibility_facts(), pupil, fields.Datetime.now())
        if not found:
            return False
        code, details = found
        return self._youth_problem_message(code, details, member)

    def _youth_region_ok(self, member):
        """Regional events are for the pupils of the organizer's region (any, when not known)."""
        if not self.district_id or member.district_id == self.district_id:
            return True  # no organizer's region, or the pupil's own district organizes it
        region = self.sudo().district_id.state_id
        return not region or not member.region_id or member.region_id == region

    def _youth_problem_message(self, code, details, member):
        tz = self.date_tz or "UTC"
        name, event = member.name, self.name
        if code == event_rules.WINDOW_NOT_OPEN:
            return self.env._(
                "Registration for %(event)s opens on %(date)s.",
                event=event,
                date=format_datetime(self.env, details["date"], tz=tz, dt_format="short"),
            )
        if code == event_rules.WINDOW_CLOSED:
            return self.env._(
                "Registration for %(event)s closed on %(date)s.",
                event=event,
                date=format_datetime(self.env, details["date"], tz=tz, dt_format="short"),
            )
        if code == event_rules.EVENT_OVER:
            return self.env._("%(event)s is over.", event=event)
        if code == event_rules.ALREADY_MEMBER:
            return self.env._(
                "%(name)s is already an active member: the admission ceremony is for applicants.", name=name
            )
        if code == event_rules.NOT_IN_MOVEMENT:
            return self.env._("%(name)s is no longer in the movement.", name=name)
        if code == event_rules.TIER:
            return self.env._(
                "%(event)s is for %(tiers)s; %(name)s is in %(tier)s.",
                event=event,
                tiers=", ".join(self.tier_ids.mapped("name")),
                name=name,
                tier=member.tier_id.name or "-",
            )
        if code == event_rules.GRADE:
            return self.env._(
                "%(event)s is for grades %(min)s to %(max)s; %(name)s is in grade %(grade)s.",
                event=event,
                min=details["min"] or 0,
                max=details["max"] or school.MAX_GRADE,
                name=name,
                grade=member.grade,
            )
        if code == event_rules.AGE:
            if details["age"] is None:
                return self.env._(
                    "%(event)s has an age limit and the birth date of %(name)s is not known.", event=event, name=name
                )
            return self.env._(
                "%(event)s is for ages %(min)s to %(max)s; %(name)s will be %(age)s on %(date)s.",
                event=event,
                min=details["min"] or 0,
                max=details["max"] or "-",
                name=name,
                age=details["age"],
                date=format_date(self.env, self._youth_first_day()),
            )
        return self.env._(
            "%(event)s is not open to the pupils of %(school)s.", event=event, school=member.school_id.name
        )

    def _youth_register(self, member, booker_partner=None):
        """Register ``member`` for the event: a seat if one is free, else the end of the waitlist.

        Check who may come first and raise a :class:`UserError` that says why not. ``booker_partner``
        (by default the user's contact) is the registration's ``partner_id``, Odoo's "Booked by";
        the pupil is ``youth_member_id``. A cancelled registration of the same member is reused.
        Return the registration.
        """
        self.ensure_one()
        Registration = self.env["event.registration"]
        # the member's registrations for the event, archived ones too: one is live, or one was cancelled
        known = (
            Registration.sudo()
            .with_context(active_test=False)
            .search([("event_id", "=", self.id), ("youth_member_id", "=", member.id)], order="id")
        )
        if known.filtered(lambda r: r.active and r.state != "cancel"):
            raise UserError(self._youth_already_registered(member))
        reason = self._youth_audience_problem(member)
        if reason:
            raise UserError(reason)
        cancelled = known.filtered(lambda r: r.state == "cancel")[:1]
        booker = booker_partner or self.env.user.partner_id
        if cancelled:
            registration = cancelled.with_env(self.env)
            registration.write(dict(Registration._youth_attendee_values(member), partner_id=booker.id, active=True))
            registration._youth_take_seat()
            return registration
        return Registration.create(
            {
                "event_id": self.id,
                "youth_member_id": member.id,
                "partner_id": booker.id,
            }
        )

    def _youth_promote_waitlist(self):
        """Give the free seats of the events to the first in line, and tell their families."""
        events = self.sudo().filtered(lambda e: e.id)
        if not events:
            return self.env["event.registration"]
        Registration = self.env["event.registration"].sudo()
        waiting = Registration.search(
            [("event_id", "in", events.ids), ("state", "=", "waitlist")], order="event_id, waitlist_position, id"
        )
        if not waiting:
            return Registration
        events = waiting.event_id
        events._youth_lock()
        free = events._youth_free_seats()
        promoted = Registration
        for event in events:
            line = waiting.filtered(lambda r, event=event: r.event_id == event)
            seats = free[event.id]
            promoted |= line if seats is None else line[:seats]
        if promoted:
            promoted.with_context(youth_seat_checked=True).write({"state": "open", "waitlist_position": 0})
            promoted._youth_send_mail("youth_movement.youth_event_mail_template_promotion")
            events._youth_renumber_waitlist()
        return promoted

    def _youth_renumber_waitlist(self):
        """Close the gaps of the waitlists: positions 1..N in their order."""
        Registration = self.env["event.registration"].sudo()
        waiting = Registration.search([("event_id", "in", self.ids), ("state", "=", "waitlist")])
        for event in waiting.event_id:
            line = waiting.filtered(lambda r, event=event: r.event_id == event)
            positions = event_rules.waitlist_positions([(reg.id, reg.waitlist_position, reg.id) for reg in line])
            for reg in line:
                if reg.waitlist_position != positions[reg.id]:
                    reg.waitlist_position = positions[reg.id]

    def action_view_youth_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_event_registration_action")
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id, "search_default_group_by_state": 0}
        return action
