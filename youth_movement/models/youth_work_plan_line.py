import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import plan as plan_rules
from ..tools import timezone

# months in the order of the school year
MONTHS = [
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
]
QUARTERS = [
    ("1", "1st quarter (Sep-Nov)"),
    ("2", "2nd quarter (Dec-Feb)"),
    ("3", "3rd quarter (Mar-May)"),
    ("4", "4th quarter (Jun-Aug)"),
]


class YouthWorkPlanLine(models.Model):
    _name = "youth.work.plan.line"
    _inherit = ["youth.scope.mixin"]
    _description = "Line of the annual work plan"
    _order = "plan_id, date_start, sequence, id"

    plan_id = fields.Many2one("youth.work.plan", string="Plan", required=True, ondelete="cascade", index=True)
    school_year = fields.Integer(related="plan_id.school_year", store=True, aggregator=False)
    sequence = fields.Integer(default=10)
    title = fields.Char(required=True)
    kind = fields.Selection(
        [
            ("council_meeting", "Council meeting"),
            ("event", "Event"),
            ("training", "Training"),
            ("monitoring", "Monitoring"),
        ],
        required=True,
        default="event",
    )
    # when
    period_type = fields.Selection([("month", "Month"), ("quarter", "Quarter")], required=True, default="month")
    month = fields.Selection(MONTHS)
    quarter = fields.Selection(QUARTERS)
    date_start = fields.Date("Period start", compute="_compute_period", store=True)
    date_end = fields.Date("Period end", compute="_compute_period", store=True)
    # who and how much
    responsible_id = fields.Many2one("res.partner", string="Responsible")
    user_id = fields.Many2one("res.users", string="Responsible user", domain=[("share", "=", False)])
    district_id = fields.Many2one(
        "youth.district", string="District or city", index=True, help="Empty for a line of the whole region."
    )
    council_id = fields.Many2one("youth.council", string="Council", help="The council whose meeting this line is.")
    target = fields.Integer(help="The figure to reach, e.g. pupils to involve.")
    actual = fields.Integer(help="The figure reached, as reported.")
    pupils_reached = fields.Integer(
        compute="_compute_pupils_reached", help="Distinct pupils reached by the events of this line."
    )
    note = fields.Text()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
    )
    execution = fields.Selection(
        [("pending", "Pending"), ("late", "Late"), ("done", "Done"), ("cancelled", "Cancelled")],
        compute="_compute_execution",
        store=True,
        index=True,
        help="Late when the period is over and the line is not done; refreshed every day.",
    )
    # what carries it out
    meeting_ids = fields.One2many("youth.council.meeting", "plan_line_id", string="Meetings")
    event_ids = fields.One2many("event.event", "plan_line_id", string="Events of the line")
    event_count = fields.Integer("Number of events", compute="_compute_event_count")
    decision_ids = fields.Many2many(
        "youth.council.decision",
        "youth_work_plan_line_decision_rel",
        "line_id",
        "decision_id",
        string="Decisions carried out",
    )

    @api.depends("plan_id.school_year", "period_type", "month", "quarter")
    def _compute_period(self):
        for line in self:
            period = line.month if line.period_type == "month" else line.quarter
            if line.plan_id.school_year and period:
                line.date_start, line.date_end = plan_rules.period_bounds(
                    line.plan_id.school_year, line.period_type, int(period)
                )
            else:
                line.date_start = line.date_end = False

    @api.depends("state", "date_end")
    def _compute_execution(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.execution = plan_rules.execution(line.state, line.date_end, today)

    def _compute_pupils_reached(self):
        reached = self._youth_pupils_reached()
        for line in self:
            line.pupils_reached = reached.get(line.id, 0)

    @api.depends("event_ids")
    def _compute_event_count(self):
        counts = dict(
            self.env["event.event"]._read_group([("plan_line_id", "in", self.ids)], ["plan_line_id"], ["__count"])
        )
        for line in self:
            line.event_count = counts.get(line, 0)

    @api.constrains("period_type", "month", "quarter")
    def _check_period(self):
        for line in self:
            if (line.period_type == "month" and not line.month) or (line.period_type == "quarter" and not line.quarter):
                raise ValidationError(self.env._("Line %(title)s needs its month or quarter.", title=line.title))

    @api.depends("title", "date_start")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.title

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reset(self):
        self.write({"state": "planned"})

    def action_create_meeting(self):
        """Create the council meeting this line schedules, and open it."""
        self.ensure_one()
        if not self.council_id:
            raise UserError(self.env._("Set the council of line %(title)s to create its meeting.", title=self.title))
        Meeting = self.env["youth.council.meeting"]
        day = max(self.date_start, fields.Date.context_today(self)) if self.date_start else False
        values = {"council_id": self.council_id.id, "topic": self.title, "plan_line_id": self.id}
        if day and self.date_end and day <= self.date_end:
            ten = datetime.datetime.combine(day, datetime.time(10, 0))
            values["start"] = timezone.to_utc(ten, Meeting._youth_tz_name())
        meeting = Meeting.create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "youth.council.meeting",
            "res_id": meeting.id,
            "view_mode": "form",
        }

    def _youth_refresh_execution(self):
        """Recompute lines whose period may have ended since yesterday."""
        self.env.add_to_compute(self._fields["execution"], self)
        self.flush_recordset(["execution"])

    def _youth_pupils_reached(self):
        """Distinct pupils reached by the events of each line: ``{line id: count}``."""
        events = self.env["event.event"].sudo().search([("plan_line_id", "in", self.ids)])
        reached = events._youth_reached_members()
        by_line = {line.id: set() for line in self}
        for event in events:
            by_line[event.plan_line_id.id] |= reached.get(event.id, set())
        return {line_id: len(members) for line_id, members in by_line.items()}

    def action_create_event(self):
        """Create the event this line schedules, organized at the line's district, and open it."""
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.date_start or fields.Date.context_today(self))
        values = {
            "name": self.title,
            "plan_line_id": self.id,
            "date_begin": start.replace(hour=4),
            "date_end": start.replace(hour=10),
            "youth_level": "district" if self.district_id else "region",
        }
        if self.district_id:
            values["district_id"] = self.district_id.id
        event = self.env["event.event"].create(values)
        return {"type": "ir.actions.act_window", "res_model": "event.event", "res_id": event.id, "view_mode": "form"}

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_event_action")
        action["domain"] = [("plan_line_id", "=", self.id)]
        action["context"] = {"default_plan_line_id": self.id}
        return action
