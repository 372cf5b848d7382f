from odoo import api, fields, models
from odoo.osv import expression


def _reached_by_event(env, events):
    """``{event id: set of member ids}`` of the pupils who came: attendance marked present on a day,
    or the registration marked attended. One grouped read, whatever the number of events."""
    if not events:
        return {}
    domain = [
        ("event_id", "in", events.ids), ("youth_member_id", "!=", False),
        "|", ("state", "=", "done"), ("attendance_ids.present", "=", True),
    ]
    reached = {}
    for event, member in env["event.registration"].sudo()._read_group(domain, ["event_id", "youth_member_id"]):
        reached.setdefault(event.id, set()).add(member.id)
    return reached


class YouthCouncilDecision(models.Model):
    """A decision shows the events that carry it out, directly or through its plan lines, and the
    pupils they reached."""

    _inherit = "youth.council.decision"

    event_ids = fields.One2many("event.event", "decision_id", string="Events carrying it out")

    def _youth_events_domain(self):
        return expression.OR([
            [("decision_id", "in", self.ids)],
            [("plan_line_id", "in", self.plan_line_ids.ids)],
        ])

    def _youth_linked_events(self):
        events = self.env["event.event"].sudo().search(self._youth_events_domain())
        by_decision = {decision.id: events.browse() for decision in self}
        for event in events:
            for decision in self:
                if event.decision_id == decision or event.plan_line_id in decision.plan_line_ids:
                    by_decision[decision.id] |= event
        return by_decision

    def _youth_pupils_reached(self):
        linked = self._youth_linked_events()
        events = self.env["event.event"].sudo().browse({e.id for found in linked.values() for e in found})
        reached = _reached_by_event(self.env, events)
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


class YouthWorkPlanLine(models.Model):
    _inherit = "youth.work.plan.line"

    event_ids = fields.One2many("event.event", "plan_line_id", string="Events of the line")
    event_count = fields.Integer("Number of events", compute="_compute_event_count")

    @api.depends("event_ids")
    def _compute_event_count(self):
        counts = dict(self.env["event.event"]._read_group(
            [("plan_line_id", "in", self.ids)], ["plan_line_id"], ["__count"]))
        for line in self:
            line.event_count = counts.get(line, 0)

    def _youth_pupils_reached(self):
        events = self.env["event.event"].sudo().search([("plan_line_id", "in", self.ids)])
        reached = _reached_by_event(self.env, events)
        by_line = {line.id: set() for line in self}
        for event in events:
            by_line[event.plan_line_id.id] |= reached.get(event.id, set())
        return {line_id: len(members) for line_id, members in by_line.items()}

    def action_create_event(self):
        """Create the event this line schedules, organised at the line's district, and open it."""
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
