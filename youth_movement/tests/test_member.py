import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import YouthCase


@tagged("post_install", "-at_install")
class TestMember(YouthCase):
    def test_iin_gives_birth_date_and_sex(self):
        """Birth date and sex are derived from the IIN when not typed."""
        member = self.make_member(iin=self.make_iin(datetime.date(2012, 7, 14), "male"))
        self.assertEqual(member.birth_date, datetime.date(2012, 7, 14))
        self.assertEqual(member.sex, "male")
        self.assertTrue(member.partner_id, "a member is one contact")
        self.assertEqual(member.partner_id.name, member.name)

    def test_iin_blanks_removed(self):
        """An IIN typed with blanks is stored as twelve digits."""
        value = self.make_iin()
        member = self.make_member(iin="%s %s" % (value[:6], value[6:]))
        self.assertEqual(member.iin, value)

    def test_invalid_iin_refused(self):
        """A wrong check digit, a short number and an impossible date are refused with their reason."""
        good = self.make_iin()
        bad_digit = good[:11] + str((int(good[11]) + 1) % 10)
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self.make_member(iin=bad_digit)
        with self.assertRaisesRegex(ValidationError, "12 digits"):
            self.make_member(iin="12345")
        with self.assertRaisesRegex(ValidationError, "birth date"):
            self.make_member(iin="140230500010")
        self.assertFalse(self.env["youth.member"].search([("name", "like", "Pupil")]))

    def test_contradicting_birth_date_refused(self):
        """A birth date or sex that contradicts the IIN is refused."""
        value = self.make_iin(datetime.date(2013, 1, 2), "female")
        with self.assertRaisesRegex(ValidationError, "contradicts the IIN"):
            self.make_member(iin=value, birth_date=datetime.date(2013, 1, 3))
        with self.assertRaisesRegex(ValidationError, "contradicts the IIN"):
            self.make_member(iin=value, sex="male")
        member = self.make_member(iin=value, birth_date=datetime.date(2013, 1, 2), sex="female")
        with self.assertRaisesRegex(ValidationError, "contradicts the IIN"):
            member.birth_date = datetime.date(2014, 1, 2)

    def test_iin_unique(self):
        """Two members cannot share an IIN."""
        value = self.make_iin()
        self.make_member(iin=value)
        with self.assertRaisesRegex(ValidationError, "^This IIN is already registered.$"):
            self.make_member(iin=value)
        other = self.make_member()
        with self.assertRaisesRegex(ValidationError, "already registered"):
            other.iin = value
        twin = self.make_iin()
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self.env["youth.member"].create(
                [
                    {"name": "Twin 1", "iin": twin, "school_id": self.school_a1.id, "grade": 1},
                    {"name": "Twin 2", "iin": twin, "school_id": self.school_a1.id, "grade": 1},
                ]
            )

    def test_tier_follows_grade(self):
        """The tier is computed from the grade and follows it."""
        member = self.make_member(grade=4)
        self.assertEqual(member.tier_id, self.tier_kyran)
        member.grade = 5
        self.assertEqual(member.tier_id, self.tier_ulan)
        member.grade = 0
        self.assertFalse(member.tier_id, "the pre-school class has no tier")

    def test_tier_ranges_are_data(self):
        """Changing a tier's range recomputes the members' tiers."""
        member = self.make_member(grade=11)
        self.tier_ulan.grade_to = 10
        self.assertFalse(member.tier_id)
        self.tier_ulan.grade_to = 11
        self.assertEqual(member.tier_id, self.tier_ulan)

    def test_overlapping_tiers_refused(self):
        """A grade belongs to one tier only."""
        with self.assertRaisesRegex(ValidationError, "share grades"):
            self.tier_kyran.grade_to = 5

    def test_grade_range(self):
        """Grades go from 0 to 11."""
        with self.assertRaisesRegex(ValidationError, "between 0 and 11"):
            self.make_member(grade=12)

    def test_district_from_school(self):
        """The district is stored from the school and follows it."""
        member = self.make_member(school=self.school_a1)
        self.assertEqual(member.district_id, self.district_a)
        self.assertEqual(member.region_id, self.region)
        member.school_id = self.school_b1
        self.assertEqual(member.district_id, self.district_b)

    def test_unit_must_fit(self):
        """A member can join a unit of their own school and tier only."""
        unit = self.env["youth.unit"].create(
            {"name": "U", "school_id": self.school_a1.id, "tier_id": self.tier_ulan.id}
        )
        member = self.make_member(grade=7, unit_id=unit.id)
        self.assertEqual(unit.member_ids, member)
        with self.assertRaisesRegex(ValidationError, "another school or tier"):
            self.make_member(grade=2, unit_id=unit.id)
        with self.assertRaisesRegex(ValidationError, "another school or tier"):
            self.make_member(school=self.school_a2, grade=7, unit_id=unit.id)

    def test_status_dates(self):
        """Admission sets the join date, leaving sets the leave date, reinstating clears it."""
        member = self.make_member()
        self.assertEqual(member.status, "applicant")
        self.assertFalse(member.join_date)
        member.action_activate()
        self.assertEqual(member.status, "active")
        self.assertTrue(member.join_date)
        member.action_mark_left()
        self.assertEqual(member.status, "left")
        self.assertTrue(member.leave_date)
        member.action_activate()
        self.assertFalse(member.leave_date)

    def test_leave_before_join_refused(self):
        """A member cannot leave before joining."""
        with self.assertRaisesRegex(ValidationError, "leave before joining"):
            self.make_member(status="left", join_date="2025-09-01", leave_date="2025-08-01")

    def test_counters(self):
        """Schools, units and districts count their active members."""
        self.make_member(status="active")
        self.make_member(status="active")
        self.make_member(status="applicant")
        self.assertEqual(self.school_a1.youth_pupil_count, 2)
        self.assertEqual(self.district_a.member_count, 2)
        self.assertEqual(self.district_a.school_count, 2)

    def test_search_by_iin(self):
        """Staff find a member by the IIN from the name search."""
        member = self.make_member()
        found = self.env["youth.member"].name_search(member.iin)
        self.assertEqual([r[0] for r in found], [member.id])

    def test_unlink_removes_contact(self):
        """Deleting a member deletes the child's contact too: no personal data is left behind."""
        member = self.make_member()
        partner = member.partner_id
        member.unlink()
        self.assertFalse(partner.exists())
