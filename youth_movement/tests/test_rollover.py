from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import YouthCase


@tagged("post_install", "-at_install")
class TestRollover(YouthCase):
    def _pupils(self):
        joined = {"join_date": "2024-09-01"}
        unit_kyran = self.env["youth.unit"].create(
            {"name": "K", "school_id": self.school_a1.id, "tier_id": self.tier_kyran.id}
        )
        unit_ulan = self.env["youth.unit"].create(
            {"name": "U", "school_id": self.school_a1.id, "tier_id": self.tier_ulan.id}
        )
        return {
            "fourth": self.make_member(grade=4, school_year=2025, status="active", unit_id=unit_kyran.id, **joined),
            "seventh": self.make_member(grade=7, school_year=2025, status="active", unit_id=unit_ulan.id, **joined),
            "leaver": self.make_member(grade=11, school_year=2025, status="active", unit_id=unit_ulan.id, **joined),
            "applicant": self.make_member(grade=1, school_year=2025, status="applicant"),
            "left": self.make_member(grade=6, school_year=2025, status="left", **joined),
        }

    def test_rollover_moves_pupils_up(self):
        """Pupils move up a grade, the tier follows, leavers of grade 11 become alumni."""
        pupils = self._pupils()
        late = self.make_member(grade=11, school_year=2025, status="active", join_date="2026-10-01")
        result = self.env["youth.member"]._school_year_rollover(2026)
        self.assertEqual(result, {"promoted": 3, "graduated": 2})
        self.assertEqual(pupils["fourth"].grade, 5)
        self.assertEqual(pupils["fourth"].tier_id, self.tier_ulan)
        self.assertFalse(pupils["fourth"].unit_id, "the Жас Қыран unit is left behind")
        self.assertEqual(pupils["seventh"].grade, 8)
        self.assertTrue(pupils["seventh"].unit_id, "same tier, same unit")
        self.assertEqual(pupils["leaver"].status, "alumni")
        self.assertEqual(str(pupils["leaver"].leave_date), "2026-08-31")
        self.assertEqual(pupils["applicant"].grade, 2)
        self.assertEqual(str(late.leave_date), "2026-10-01", "nobody leaves before joining")
        self.assertEqual(pupils["left"].grade, 6, "those who left are not moved")

    def test_rollover_twice_does_nothing(self):
        """A second run for the same school year changes nothing."""
        pupils = self._pupils()
        self.env["youth.member"]._school_year_rollover(2026)
        grades = {key: member.grade for key, member in pupils.items()}
        result = self.env["youth.member"]._school_year_rollover(2026)
        self.assertEqual(result, {"promoted": 0, "graduated": 0})
        self.assertEqual({key: member.grade for key, member in pupils.items()}, grades)

    def test_cron_waits_for_september(self):
        """The scheduled job does nothing in the summer and moves everyone on from 1 September."""
        pupils = self._pupils()
        with freeze_time("2026-08-31"):
            self.env["youth.member"]._cron_school_year_rollover()
        self.assertEqual(pupils["seventh"].grade, 7)
        with freeze_time("2026-09-01"):
            self.env["youth.member"]._cron_school_year_rollover()
            self.env["youth.member"]._cron_school_year_rollover()
        self.assertEqual(pupils["seventh"].grade, 8)
        self.assertEqual(self.env["ir.config_parameter"].get_param("youth_movement.last_rollover_year"), "2026")

    def test_wizard_previews_and_applies(self):
        """The wizard shows what will happen, then does it."""
        pupils = self._pupils()
        with freeze_time("2026-09-02"):
            wizard_form = Form(self.env["youth.school.year.rollover"])
            self.assertEqual(wizard_form.school_year_choice, "2026")
            self.assertEqual(wizard_form.to_promote, 3)
            self.assertEqual(wizard_form.to_graduate, 1)
            wizard_form.save().action_apply()
        self.assertEqual(pupils["fourth"].grade, 5)

    def test_wizard_refuses_future_year(self):
        """A school year that has not started cannot be started."""
        with freeze_time("2026-06-15"):
            wizard = self.env["youth.school.year.rollover"].create({"school_year_choice": "2026"})
            with self.assertRaisesRegex(UserError, "has not started yet"):
                wizard.action_apply()
