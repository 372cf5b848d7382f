from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import YouthCase


class _RolledBack(Exception):
    """Raised to roll back an allowed operation once it has been done."""


ROLES = ("school_leader", "district_coordinator", "regional_manager", "admin", "employee", "portal")

# What each role may do on each model, on a record inside their scope:
# r(ead), w(rite), c(reate), u(nlink). "employee" is an internal user outside the movement.
MATRIX = {
    "youth.district": ("r", "r", "rwcu", "rwcu", "r", ""),
    "youth.organization.type": ("r", "r", "r", "rwcu", "", ""),
    "youth.tier": ("r", "r", "r", "rwcu", "", ""),
    "youth.consent.type": ("r", "r", "r", "rwcu", "", ""),
    "youth.unit": ("rwc", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.member": ("rwc", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.guardian.link": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.consent": ("rwc", "rwc", "rwc", "rwcu", "", ""),
    "youth.school.year.rollover": ("", "", "rwcu", "rwcu", "", ""),
    "youth.school.enrollment": ("rwc", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.report.wizard": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.member.reject": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    # claims come from the portal (as the system): staff settle them, only the administrator adds or deletes
    "youth.member.claim": ("rw", "rw", "rw", "rwcu", "", ""),
    "youth.member.claim.refuse": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    # councils: the records below belong to the council of district A, of which no tested user is a member
    "youth.council": ("", "rw", "rwcu", "rwcu", "", ""),
    "youth.council.member": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.meeting": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.agenda.item": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.participant": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.decision": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.decision.progress": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.vote": ("", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.ballot": ("", "rwc", "rwc", "rwc", "", ""),
    "youth.council.minutes.review": ("", "r", "r", "r", "", ""),
    "youth.work.plan": ("r", "r", "rwcu", "rwcu", "", ""),
    "youth.work.plan.line": ("r", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.council.decision.cascade": ("", "", "rwcu", "rwcu", "", ""),
    "youth.event.category": ("r", "r", "r", "rwcu", "", ""),
    "youth.event.attendance": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    "youth.event.attendance.wizard": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    # reached only through their routes (controllers/health.py, controllers/calendar.py), by nobody here
    "youth.health.card": ("", "", "", "", "", ""),
    "youth.health.contact": ("", "", "", "", "", ""),
    "youth.health.access": ("", "", "", "", "", ""),
    "youth.calendar.feed": ("", "", "", "", "", ""),
    "event.event": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
    "event.registration": ("rwcu", "rwcu", "rwcu", "rwcu", "", ""),
}


@tagged("post_install", "-at_install")
class TestSecurity(YouthCase):
    """Every model, every role, every operation: allowed ones succeed, forbidden ones raise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["employee"] = cls.internal_user
        cls.users["portal"] = cls.portal_user
        cls.mother = cls.env["res.partner"].create({"name": "Mother of the scope"})
        cls.council = cls.env["youth.council"].create(
            {"name": "Council A", "level": "district", "district_id": cls.district_a.id}
        )
        cls.regional = cls.env["youth.council"].create(
            {"name": "Regional council", "level": "region", "state_id": cls.region.id}
        )
        cls.org = cls.env["res.partner"].create({"name": "Plan keeper", "is_company": True})
        cls.plan = cls.env["youth.work.plan"].create({"partner_id": cls.org.id, "school_year": 2025})

    # values of a new record in the scope of every scoped user (school A1, district A)
    def _values(self, model):  # noqa: C901 - one branch per model of the matrix, read as a table
        if model == "youth.district":
            return {"name": "New district", "state_id": self.region.id}
        if model == "youth.organization.type":
            return {"name": "New type", "code": "new_type"}
        if model == "youth.tier":
            return {"name": "Pre-school", "code": "pre", "grade_from": 0, "grade_to": 0}
        if model == "youth.consent.type":
            return {"name": "New consent", "code": "new_consent"}
        if model == "youth.unit":
            return {"name": "New unit", "school_id": self.school_a1.id, "tier_id": self.tier_ulan.id}
        if model == "youth.member":
            return {"name": "New pupil", "iin": self.make_iin(), "school_id": self.school_a1.id, "grade": 6}
        if model == "youth.guardian.link":
            return {"member_id": self.make_member().id, "guardian_id": self.mother.id}
        if model == "youth.consent":
            member = self.make_member()
            self.env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": self.mother.id})
            return {"member_id": member.id, "guardian_id": self.mother.id, "type_id": self.consent_photo.id}
        if model == "youth.member.reject":
            return {"member_ids": [(6, 0, self.make_member().ids)], "reason": "Not a pupil here"}
        if model == "youth.member.claim":
            return {
                "partner_id": self.mother.id,
                "member_id": self.make_member().id,
                "name": "Claimed child",
                "iin": self.make_iin(),
                "school_id": self.school_a1.id,
                "grade": 5,
                "relation": "mother",
            }
        if model == "youth.member.claim.refuse":
            claim = self.env["youth.member.claim"].create(self._values("youth.member.claim"))
            return {"claim_ids": [(6, 0, claim.ids)], "reason": "Not the child's parent"}
        if model == "youth.school.year.rollover":
            return {"school_year_choice": "2025"}
        if model == "youth.school.enrollment":
            return {"school_id": self.school_a1.id, "school_year": 2025, "pupils_count": 500}
        if model == "youth.report.wizard":
            return {"report_membership": True, "lang": "en_US"}
        if model == "youth.council":
            return {"name": "New council", "level": "district", "district_id": self.district_a.id}
        if model == "youth.council.member":
            return {"council_id": self.council.id, "partner_id": self.mother.id}
        if model == "youth.council.meeting":
            return {"council_id": self.council.id, "topic": "New meeting"}
        if model in ("youth.council.agenda.item", "youth.council.participant"):
            meeting = self.env["youth.council.meeting"].create(self._values("youth.council.meeting"))
            key = "title" if model == "youth.council.agenda.item" else "name"
            return {"meeting_id": meeting.id, key: "New line"}
        if model == "youth.council.decision":
            return {"council_id": self.council.id, "text": "New decision"}
        if model == "youth.council.decision.progress":
            decision = self.env["youth.council.decision"].create(self._values("youth.council.decision"))
            return {"decision_id": decision.id, "text": "Progress"}
        if model == "youth.council.vote":
            decision = self.env["youth.council.decision"].create(self._values("youth.council.decision"))
            return {"decision_id": decision.id, "mode": "remote", "date_close": "2030-01-01 00:00:00"}
        if model == "youth.council.ballot":
            vote = self.env["youth.council.vote"].create(dict(self._values("youth.council.vote"), state="open"))
            member = self.env["youth.council.member"].create(self._values("youth.council.member"))
            return {"vote_id": vote.id, "member_id": member.id}
        if model == "youth.council.minutes.review":
            meeting = self.env["youth.council.meeting"].create(self._values("youth.council.meeting"))
            return {"meeting_id": meeting.id, "partner_id": self.mother.id}
        if model == "youth.work.plan":
            self._serial += 1
            return {"partner_id": self.org.id, "school_year": 2030 + self._serial}
        if model == "youth.work.plan.line":
            return {"plan_id": self.plan.id, "title": "New line", "month": "9", "district_id": self.district_a.id}
        if model == "youth.council.decision.cascade":
            decision = self.env["youth.council.decision"].create({"council_id": self.regional.id, "text": "Down"})
            return {"decision_id": decision.id}
        if model == "youth.event.category":
            return {"name": "New category", "code": "new_category"}
        if model == "event.event":
            return {
                "name": "School event",
                "youth_level": "school",
                "school_id": self.school_a1.id,
                "date_begin": "2030-05-01 04:00:00",
                "date_end": "2030-05-01 10:00:00",
            }
        if model == "event.registration":
            event = self.env["event.event"].create(self._values("event.event"))
            return {"event_id": event.id, "youth_member_id": self.make_member().id}
        if model == "youth.event.attendance":
            registration = self.env["event.registration"].create(self._values("event.registration"))
            return {"registration_id": registration.id, "day": "2030-05-02"}
        if model == "youth.event.attendance.wizard":
            return {"day": "2030-05-01"}
        if model == "youth.health.card":
            return {"member_id": self.make_member().id, "allergies": "Pollen"}
        if model == "youth.health.contact":
            card = self.env["youth.health.card"].create(self._values("youth.health.card"))
            return {"card_id": card.id, "name": "Aunt", "phone": "+7 700 000 00 00"}
        if model == "youth.health.access":
            return {"member_id": self.make_member().id, "user_id": self.env.uid, "kind": "card"}
        if model == "youth.calendar.feed":
            self._serial += 1
            return {"partner_id": self.env["res.partner"].create({"name": "Feed"}).id, "token": "t%040d" % self._serial}
        raise AssertionError(model)

    def _write_values(self, model):
        return {
            "youth.guardian.link": {"relation": "guardian"},
            "youth.consent": {"channel": "email"},
            "youth.school.year.rollover": {"school_year_choice": "2026"},
            "youth.member.reject": {"reason": "Another reason"},
            "youth.member.claim": {"note": "Changed"},
            "youth.member.claim.refuse": {"reason": "Another reason"},
            "youth.tier": {"description": "changed"},
            "youth.school.enrollment": {"pupils_count": 600},
            "youth.report.wizard": {"lang": "ru_RU"},
            "youth.council.member": {"position": "Changed"},
            "youth.council.meeting": {"topic": "Changed"},
            "youth.council.agenda.item": {"title": "Changed"},
            "youth.council.decision": {"text": "Changed"},
            "youth.council.decision.progress": {"text": "Changed"},
            "youth.council.vote": {"date_close": "2030-02-01 00:00:00"},
            "youth.council.ballot": {"choice": "for"},
            "youth.council.minutes.review": {"comment": "Changed"},
            "youth.work.plan.line": {"title": "Changed"},
            "youth.council.decision.cascade": {"note": "Changed"},
            "youth.event.attendance": {"present": True},
            "youth.event.attendance.wizard": {"present": False},
            "youth.health.card": {"allergies": "Changed"},
            "youth.health.access": {"reason": "Changed"},
            "youth.calendar.feed": {"token": "changed-token-changed-token-changed-token"},
        }.get(model, {"name": "Changed"})

    def _attempt(self, operation, model, user):
        """Do one operation as the user, then roll it back; return True if it was allowed."""
        try:
            with (
                mute_logger("odoo.models", "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"),
                self.env.cr.savepoint(),
            ):
                if operation == "c":
                    self.env[model].with_user(user).create(self._values(model))
                else:
                    # a wizard is its maker's: the user's own one is the one "in scope"
                    own = self.env[model]._transient and self.env[model].with_user(user).has_access("create")
                    maker = user if own else self.env.user
                    record = self.env[model].with_user(maker).create(self._values(model)).with_user(user)
                    if operation == "r":
                        record.read([next(iter(self._write_values(model)))])
                    elif operation == "w":
                        record.write(self._write_values(model))
                    elif operation == "u":
                        record.unlink()
                self.env.flush_all()
                raise _RolledBack
        except _RolledBack:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()

    def test_access_matrix(self):
        """Each role can do exactly what the access matrix grants, model by model."""
        failures = []
        for model, grants in MATRIX.items():
            for role, granted in zip(ROLES, grants):
                for operation in "rwcu":
                    allowed = self._attempt(operation, model, self.users[role])
                    if allowed != (operation in granted):
                        failures.append("%s %s %s: %s" % (role, operation, model, "allowed" if allowed else "refused"))
        self.assertFalse(failures, "\n".join(failures))

    def test_matrix_covers_every_model(self):
        """Every model of the addon has its row in the access matrix above."""
        models = (
            self.env["ir.model"]
            .search([("model", "=like", "youth.%")])
            .filtered(lambda model: not self.env[model.model]._abstract)
        )
        self.assertEqual(set(models.mapped("model")), {model for model in MATRIX if model.startswith("youth.")})

    def test_every_access_line_adds_a_right(self):
        """An access line grants something the groups its group implies do not already grant: the
        file holds only the lines that change something, but for the lines that say a model is
        nobody's (all rights off, the only line of the model)."""
        Access = self.env["ir.model.access"]
        lines = Access.search([]).filtered(lambda line: line.get_external_id()[line.id].startswith("youth_movement."))
        self.assertTrue(lines)
        perms = ("perm_read", "perm_write", "perm_create", "perm_unlink")
        redundant = []
        for line in lines:
            below = line.group_id.trans_implied_ids
            implied = Access.search([("model_id", "=", line.model_id.id), ("group_id", "in", below.ids)])
            granted = {perm for perm in perms if line[perm]}
            if not granted and Access.search_count([("model_id", "=", line.model_id.id)]) == 1:
                continue
            if granted <= {perm for perm in perms for other in implied if other[perm]}:
                redundant.append(line.get_external_id()[line.id])
        self.assertFalse(redundant, "lines that grant nothing new: %s" % ", ".join(redundant))

    def test_cross_district(self):
        """A district coordinator sees and edits their district only."""
        mine = self.make_member(school=self.school_a2)
        other = self.make_member(school=self.school_b1)
        user = self.users["district_coordinator"]
        Member = self.env["youth.member"].with_user(user)
        self.assertEqual(Member.search([("id", "in", (mine | other).ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            other.with_user(user).write({"grade": 7})
        with self.assertRaises(AccessError):
            Member.create({"name": "Elsewhere", "iin": self.make_iin(), "school_id": self.school_b1.id, "grade": 3})
        with self.assertRaises(AccessError):
            mine.with_user(user).write({"school_id": self.school_b1.id})

    def test_cross_school(self):
        """A school leader sees and edits their school only, even within the district."""
        mine = self.make_member(school=self.school_a1)
        neighbour = self.make_member(school=self.school_a2)
        user = self.users["school_leader"]
        Member = self.env["youth.member"].with_user(user)
        self.assertEqual(Member.search([("id", "in", (mine | neighbour).ids)]), mine)
        with self.assertRaises(AccessError):
            neighbour.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            Member.create({"name": "Next door", "iin": self.make_iin(), "school_id": self.school_a2.id, "grade": 3})
        unit = self.env["youth.unit"].create(
            {"name": "A2 unit", "school_id": self.school_a2.id, "tier_id": self.tier_ulan.id}
        )
        self.assertFalse(self.env["youth.unit"].with_user(user).search([("id", "=", unit.id)]))

    def test_scoped_family_records(self):
        """Parents' links and consents follow the child's school and district."""
        other = self.make_member(school=self.school_b1)
        link = self.env["youth.guardian.link"].create({"member_id": other.id, "guardian_id": self.mother.id})
        consent = self.env["youth.consent"].create(
            {"member_id": other.id, "guardian_id": self.mother.id, "type_id": self.consent_personal.id}
        )
        for role in ("school_leader", "district_coordinator"):
            user = self.users[role]
            with self.assertRaises(AccessError):
                link.with_user(user).read(["relation"])
            with self.assertRaises(AccessError):
                consent.with_user(user).read(["version"])
        self.assertTrue(link.with_user(self.users["regional_manager"]).read(["relation"]))

    def test_scope_change_applies_at_once(self):
        """Giving a coordinator a second district opens it without a restart."""
        other = self.make_member(school=self.school_b1)
        user = self.users["district_coordinator"]
        self.assertFalse(self.env["youth.member"].with_user(user).search([("id", "=", other.id)]))
        user.youth_district_ids = [(4, self.district_b.id)]
        self.assertTrue(self.env["youth.member"].with_user(user).search([("id", "=", other.id)]))

    def test_child_identifiers_hidden_outside_staff(self):
        """The IIN and birth date exist only for the movement's staff."""
        staff_fields = self.env["youth.member"].with_user(self.users["school_leader"]).fields_get()
        self.assertIn("iin", staff_fields)
        self.assertIn("birth_date", staff_fields)
        for user in (self.internal_user, self.portal_user):
            fields = self.env["youth.member"].with_user(user).fields_get()
            self.assertNotIn("iin", fields)
            self.assertNotIn("birth_date", fields)
        partner_fields = self.env["res.partner"].with_user(self.internal_user).fields_get()
        self.assertNotIn("youth_child_link_ids", partner_fields)
