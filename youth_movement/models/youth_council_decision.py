import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.osv import expression

from ..const import STAFF
from ..tools import quorum

OPEN = ("open", "in_progress")
# what the approval of the minutes freezes on a decision; its follow-up stays open
LOCKED_FIELDS = {
    "text",
    "meeting_id",
    "agenda_item_id",
    "sequence",
    "partner_ids",
    "district_ids",
    "deadline",
    "council_id",
}


class YouthCouncilDecision(models.Model):
    _name = "youth.council.decision"
    _description = "Decision of a coordination council"
    _inherit = ["mail.thread", "mail.activity.mixin", "youth.scope.mixin"]
    _order = "council_id, meeting_id, agenda_item_id, sequence, id"
    _rec_names_search = ["text", "meeting_id"]

    # where it was adopted
    meeting_id = fields.Many2one("youth.council.meeting", string="Meeting", index=True, ondelete="restrict")
    agenda_item_id = fields.Many2one(
        "youth.council.agenda.item",
        string="Agenda item",
        index=True,
        ondelete="set null",
        domain="[('meeting_id', '=', meeting_id)]",
    )
    council_id = fields.Many2one(
        "youth.council",
        string="Council",
        compute="_compute_council_id",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        index=True,
        ondelete="restrict",
    )
    council_district_id = fields.Many2one(
        "youth.district", related="council_id.district_id", store=True, string="District of the council", index=True
    )
    sequence = fields.Integer(default=10)
    number = fields.Char(compute="_compute_number", help="Agenda item, then rank within the item: 1.2")
    text = fields.Text("Decision", required=True, tracking=True)
    # who executes it and by when
    partner_ids = fields.Many2many(
        "res.partner",
        "youth_council_decision_partner_rel",
        "decision_id",
        "partner_id",
        string="Responsible",
        help="People or organizations who execute the decision.",
    )
    district_ids = fields.Many2many(
        "youth.district",
        "youth_council_decision_district_rel",
        "decision_id",
        "district_id",
        string="Responsible districts",
        help="A district or city as a whole: its coordinators execute it.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "youth_council_decision_user_rel",
        "decision_id",
        "user_id",
        string="Responsible users",
        compute="_compute_user_ids",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
        help="Get an activity with the deadline, reminders, and may report progress.",
    )
    deadline = fields.Date(tracking=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="open",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    is_overdue = fields.Boolean("Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    adopted = fields.Boolean(compute="_compute_adopted", help="Adopted at a held meeting, or sent down.")
    date_done = fields.Date("Done on", copy=False, readonly=True)
    progress_ids = fields.One2many("youth.council.decision.progress", "decision_id", string="Progress reports")
    vote_ids = fields.One2many("youth.council.vote", "decision_id", string="Council votes")
    progress_count = fields.Integer(compute="_compute_progress_count")
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    overdue_notified = fields.Boolean(copy=False, readonly=True)
    # the cascade to the district councils
    parent_id = fields.Many2one(
        "youth.council.decision", string="Sent down from", index=True, ondelete="set null", readonly=True
    )
    child_ids = fields.One2many("youth.council.decision", "parent_id", string="Sent down to")
    child_count = fields.Integer("District decisions", compute="_compute_child_counts")
    child_done_count = fields.Integer("Districts done", compute="_compute_child_counts")
    # what carries it out
    plan_line_ids = fields.Many2many(
        "youth.work.plan.line",
        "youth_work_plan_line_decision_rel",
        "decision_id",
        "line_id",
        string="Work plan lines",
        groups=STAFF,
    )
    event_ids = fields.One2many("event.event", "decision_id", string="Events carrying it out")
    event_count = fields.Integer("Events", compute="_compute_reach", groups=STAFF)
    pupils_reached = fields.Integer(
        compute="_compute_reach",
        groups=STAFF,
        help="Distinct pupils reached by the events that carry out the decision.",
    )

    @api.depends("meeting_id")
    def _compute_council_id(self):
        for decision in self.filtered("meeting_id"):
            decision.council_id = decision.meeting_id.council_id

    @api.depends("agenda_item_id.number", "sequence", "meeting_id.decision_ids.sequence")
    def _compute_number(self):
        for decision in self:
            if not decision.meeting_id:
                decision.number = False
                continue
            siblings = decision.meeting_id.decision_ids.filtered(
                lambda d, item=decision.agenda_item_id: d.agenda_item_id == item
            )
            ordered = siblings.sorted(lambda d: (d.sequence, d.id or 0))
            rank = list(ordered).index(decision) + 1 if decision in ordered else len(ordered) + 1
            decision.number = quorum.decision_number(decision.agenda_item_id.number, rank)

    @api.depends("partner_ids", "district_ids")
    def _compute_user_ids(self):
        for decision in self:
            users = decision.partner_ids.user_ids | decision.district_ids.user_ids
            decision.user_ids = users.filtered(lambda u: not u.share and u.active)

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for decision in self:
            decision.is_overdue = bool(decision.state in OPEN and decision.deadline and decision.deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [("state", "in", OPEN), ("deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", "&"] + domain

    @api.depends("meeting_id.state")
    def _compute_adopted(self):
        for decision in self:
            decision.adopted = not decision.meeting_id or decision.meeting_id.state in ("held", "approved")

    def _compute_progress_count(self):
        counts = dict(
            self.env["youth.council.decision.progress"]._read_group(
                [("decision_id", "in", self.ids)], ["decision_id"], ["__count"]
            )
        )
        for decision in self:
            decision.progress_count = counts.get(decision, 0)

    @api.depends("child_ids.state")
    def _compute_child_counts(self):
        groups = self.env["youth.council.decision"]._read_group(
            [("parent_id", "in", self.ids)], ["parent_id", "state"], ["__count"]
        )
        total, done = {}, {}
        for parent, state, count in groups:
            total[parent] = total.get(parent, 0) + count
            if state == "done":
                done[parent] = done.get(parent, 0) + count
        for decision in self:
            decision.child_count = total.get(decision, 0)
            decision.child_done_count = done.get(decision, 0)

    def _compute_reach(self):
        events = self._youth_linked_events()
        pupils = self._youth_pupils_reached()
        for decision in self:
            decision.event_count = len(events.get(decision.id, ()))
            decision.pupils_reached = pupils.get(decision.id, 0)

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["youth.council.meeting"].browse({v["meeting_id"] for v in vals_list if v.get("meeting_id")})
        meetings._youth_check_unlocked()
        decisions = super().create(vals_list)
        decisions.filtered("adopted")._youth_schedule_activities()
        self.env["youth.council.meeting"]._youth_refresh_upcoming(decisions.filtered("adopted").council_id)
        return decisions

    def write(self, vals):
        if LOCKED_FIELDS & set(vals):
            self.meeting_id._youth_check_unlocked()
        if vals.get("state") == "done":
            vals.setdefault("date_done", fields.Date.context_today(self))
        elif vals.get("state") in ("open", "in_progress"):
            vals.update(date_done=False)
        if "deadline" in vals:
            vals.update(reminder_sent=False, overdue_notified=False)
        before = (
            {decision: decision.user_ids for decision in self}
            if "user_ids" in vals or "partner_ids" in vals or "district_ids" in vals
            else {}
        )
        res = super().write(vals)
        if "state" in vals:
            self.filtered(lambda d: d.state not in OPEN)._youth_close_activities()
            self.env["youth.council.meeting"]._youth_refresh_upcoming(self.council_id)
        if "deadline" in vals or before:
            adopted = self.filtered(lambda d: d.adopted and d.state in OPEN)
            for decision in adopted.filtered(lambda d: d in before):
                gone = before[decision] - decision.user_ids
                decision._youth_drop_activities(gone)
            adopted._youth_schedule_activities()
        return res

    def unlink(self):
        self.meeting_id._youth_check_unlocked()
        councils = self.council_id
        res = super().unlink()
        self.env["youth.council.meeting"]._youth_refresh_upcoming(councils)
        return res

    @api.depends("number", "meeting_id", "text")
    def _compute_display_name(self):
        for decision in self:
            text = (decision.text or "").strip().splitlines()[0][:60] if decision.text else ""
            if decision.meeting_id:
                decision.display_name = "%s %s, %s: %s" % (
                    self.env._("No."),
                    decision.meeting_id.name,
                    decision.number,
                    text,
                )
            else:
                decision.display_name = text

    # ------------------------------------------------------------------ actions
    def action_start(self):
        self.filtered(lambda d: d.state == "open").write({"state": "in_progress"})

    def action_done(self):
        if self.filtered(lambda d: d.state not in OPEN):
            raise UserError(self.env._("Only an open decision can be marked done."))
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reopen(self):
        self.write({"state": "open"})

    def action_cascade(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_council_decision_cascade_action")
        action["context"] = {"default_decision_id": self.id}
        return action

    def action_view_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_council_decision_action")
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ follow-up
    def _youth_activity_type(self):
        return self.env.ref("youth_movement.mail_activity_type_decision")

    def _youth_schedule_activities(self):
        """One activity per responsible user, due on the deadline; an existing one follows the deadline."""
        activity_type = self._youth_activity_type()
        for decision in self.filtered(lambda d: d.state in OPEN):
            existing = decision.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            deadline = decision.deadline or fields.Date.context_today(decision)
            existing.filtered(lambda a, day=deadline: a.date_deadline != day).write({"date_deadline": deadline})
            for user in decision.user_ids - existing.user_id:
                decision.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=deadline,
                    user_id=user.id,
                    summary=self.env._("Execute decision %(number)s", number=decision.display_name),
                )

    def _youth_drop_activities(self, users):
        if users:
            self.activity_ids.filtered(
                lambda a: a.activity_type_id == self._youth_activity_type() and a.user_id in users
            ).unlink()

    def _youth_close_activities(self):
        activity_type = self._youth_activity_type()
        for decision in self:
            activities = decision.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            if decision.state == "done":
                activities.action_feedback(feedback=self.env._("The decision is done."))
            else:
                activities.unlink()

    @api.model
    def _cron_youth_follow_up(self):
        """Daily: remind the responsible before the deadline; tell the council secretary of overdue decisions."""
        today = fields.Date.context_today(self)
        adopted = ["|", ("meeting_id", "=", False), ("meeting_id.state", "in", ("held", "approved"))]
        candidates = self.search(
            [("state", "in", OPEN), ("deadline", "!=", False), ("reminder_sent", "=", False), ("deadline", ">=", today)]
            + adopted
        )
        due = candidates.filtered(
            lambda d: d.deadline - datetime.timedelta(days=max(d.council_id.reminder_days, 0)) <= today
        )
        due._youth_send_reminder()
        overdue = self.search([("is_overdue", "=", True), ("overdue_notified", "=", False)] + adopted)
        overdue._youth_notify_overdue()
        plan_lines = self.env["youth.work.plan.line"].search([("execution", "=", "pending")])
        plan_lines._youth_refresh_execution()
        return True

    def _youth_send_reminder(self):
        template = self.env.ref("youth_movement.mail_template_decision_reminder")
        for decision in self:
            recipients = decision.user_ids.partner_id | decision.partner_ids.filtered("email")
            decision.message_post_with_source(template, subtype_xmlid="mail.mt_comment", partner_ids=recipients.ids)
        self.write({"reminder_sent": True})

    def _youth_notify_overdue(self):
        template = self.env.ref("youth_movement.mail_template_decision_overdue")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for decision in self:
            secretary = decision.council_id.secretary_user_id
            recipients = secretary.partner_id | decision.user_ids.partner_id
            decision.message_post_with_source(template, subtype_xmlid="mail.mt_comment", partner_ids=recipients.ids)
            if secretary:
                decision.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=secretary.id,
                    date_deadline=fields.Date.context_today(decision),
                    summary=self.env._("Decision %(number)s is overdue", number=decision.display_name),
                )
        self.write({"overdue_notified": True})

    # ------------------------------------------------------------------ the events that carry it out
    def _youth_events_domain(self):
        return expression.OR(
            [
                [("decision_id", "in", self.ids)],
                [("plan_line_id", "in", self.plan_line_ids.ids)],
            ]
        )

    def _youth_linked_events(self):
        """The events that carry out each decision, directly or through one of its plan lines:
        ``{decision id: events}``."""
        events = self.env["event.event"].sudo().search(self._youth_events_domain())
        by_decision = {decision.id: events.browse() for decision in self}
        for event in events:
            for decision in self:
                if event.decision_id == decision or event.plan_line_id in decision.plan_line_ids:
                    by_decision[decision.id] |= event
        return by_decision

    def _youth_pupils_reached(self):
        """Distinct pupils reached by the events of each decision: ``{decision id: count}``."""
        linked = self._youth_linked_events()
        events = self.env["event.event"].sudo().browse({e.id for found in linked.values() for e in found})
        reached = events._youth_reached_members()
        return {
            decision_id: len(set().union(*(reached.get(event.id, set()) for event in found)))
            for decision_id, found in linked.items()
        }

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_event_action")
        action["domain"] = self._youth_events_domain()
        action["context"] = {"default_decision_id": self.id}
        return action

    def _youth_cascade(self, councils, deadline=False, note=False):
        """Send the decision down: one decision to execute per district council."""
        self.ensure_one()
        if self.council_id.level != "region":
            raise UserError(self.env._("Only a decision of the regional council is sent down to the districts."))
        already = self.child_ids.council_id
        text = self.text if not note else "%s\n\n%s" % (self.text, note)
        children = self.create(
            [
                {
                    "council_id": council.id,
                    "parent_id": self.id,
                    "text": text,
                    "deadline": deadline or self.deadline,
                    "district_ids": [Command.set(council.district_id.ids)],
                }
                for council in councils - already
            ]
        )
        if children:
            self.message_post(
                body=self.env._("Sent down to %(councils)s.", councils=", ".join(children.council_id.mapped("name")))
            )
        return children

    def action_youth_put_to_vote(self):
        """A vote on the decision: at its meeting when it has one, else between meetings."""
        self.ensure_one()
        vote = self.env["youth.council.vote"].create(
            {
                "decision_id": self.id,
                "mode": "meeting" if self.meeting_id else "remote",
                "meeting_id": self.meeting_id.id,
                "date_close": False if self.meeting_id else fields.Datetime.add(fields.Datetime.now(), days=7),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "youth.council.vote",
            "res_id": vote.id,
            "view_mode": "form",
            "target": "current",
        }

    def _youth_closed_vote(self):
        """The decision's last closed vote, for the protocol and the reports."""
        self.ensure_one()
        return self.vote_ids.filtered(lambda v: v.state == "closed").sorted("date_open")[-1:]

    # ------------------------------------------------------------------ the council portal
    @api.model
    def _portal_decisions(self, partner):
        """The decisions ``partner`` or their organisation executes (sudo, already checked), overdue
        first, then by deadline. Their organisation: the company of their contact and the organisations
        they sit in a council for."""
        memberships = self.env["youth.council.member"].sudo().search([("partner_id", "=", partner.id)])
        organisations = (partner.commercial_partner_id | memberships.organization_id) - partner
        organisations = organisations.filtered("is_company")
        decisions = self.sudo().search(
            [
                ("partner_ids", "in", (partner | organisations).ids),
                ("state", "in", ("open", "in_progress", "done")),
            ]
        )
        return decisions.sorted(lambda d: (not d.is_overdue, d.state == "done", d.deadline or datetime.date.max, d.id))

    def _portal_report_progress(self, partner, text, attachments):
        """A progress report from the portal (text and ``[(name, base64 data)]``), on the decision for the
        secretary to see."""
        self.ensure_one()
        text = (text or "").strip()
        if not text:
            raise UserError(self.env._("Write what has been done."))
        if len(text) > 5000 or "\x00" in text:
            raise UserError(self.env._("The report may hold at most 5000 characters, and no control characters."))
        if self.state not in OPEN:
            raise UserError(self.env._("This decision is closed: no more reports can be added."))
        report = self.env["youth.council.decision.progress"].sudo().create({"decision_id": self.id, "text": text})
        if attachments:
            files = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {"name": name, "datas": data, "res_model": report._name, "res_id": report.id}
                        for name, data in attachments
                    ]
                )
            )
            report.attachment_ids = [Command.set(files.ids)]
        return report
