from odoo.tests import tagged

from .common_event import YouthEventCase


@tagged("post_install", "-at_install")
class TestEventReach(YouthEventCase):
    """A decision and a plan line show the events that carry them out and the pupils reached."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.council = env["youth.council"].create(
            {"name": "Reach council", "level": "district", "district_id": cls.district_a.id}
        )
        org = env["res.partner"].create({"name": "Daryn", "is_company": True})
        cls.plan = env["youth.work.plan"].create({"partner_id": org.id, "school_year": 2026})
        cls.line = env["youth.work.plan.line"].create(
            {
                "plan_id": cls.plan.id,
                "title": "District contest",
                "kind": "event",
                "month": "11",
                "district_id": cls.district_a.id,
            }
        )
        cls.decision = env["youth.council.decision"].create(
            {"council_id": cls.council.id, "text": "Make events systematic", "plan_line_ids": [(6, 0, cls.line.ids)]}
        )

    def test_pupils_reached_through_plan_line_and_decision(self):
        """Pupils who came to the events of a decision (directly or via its plan line) count once."""
        through_line = self.make_event(name="Contest", plan_line_id=self.line.id)
        direct = self.make_event(name="Forum", decision_id=self.decision.id)
        came, twice, absent = (self.make_member(status="active") for _i in range(3))
        for event in (through_line, direct):
            for member in (came, twice):
                event._youth_register(member)._youth_mark_attendance(event._youth_first_day())
        through_line._youth_register(absent)
        self.env.invalidate_all()
        self.assertEqual(self.decision.event_count, 2)
        self.assertEqual(self.decision.pupils_reached, 2, "distinct pupils who came, absent ones excluded")
        self.assertEqual(self.line.event_count, 1)
        self.assertEqual(self.line.pupils_reached, 2)
        action = self.decision.action_view_events()
        self.assertEqual(self.env["event.event"].search(action["domain"]), through_line | direct)

    def test_plan_line_creates_its_event(self):
        """A plan line of kind event creates its event, linked back and organized in its district."""
        action = self.line.action_create_event()
        event = self.env["event.event"].browse(action["res_id"])
        self.assertEqual(event.plan_line_id, self.line)
        self.assertEqual(event.district_id, self.district_a)
        self.assertEqual(event.name, "District contest")
        self.assertEqual(self.line.event_count, 1)
