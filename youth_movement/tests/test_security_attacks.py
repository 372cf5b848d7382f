"""Attacks on the scope, tried as the role that would make them: each must be refused and leave the
database as it was. They are the ones an outside review made on a demo database (issue "Trust")."""

import itertools
import logging
import re

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import YouthCase
from .common_event import YouthEventCase

_logger = logging.getLogger(__name__)


class _RolledBack(Exception):
    """Raised to roll back a write that was allowed."""


# the field paths of a rule's domain, read independently of the guard's own parser
_RULE_LEAF = re.compile(r"\(\s*'([a-z_][a-z0-9_.]*)'\s*,")

QUIET = ("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.http")


@tagged("post_install", "-at_install")
class TestScopeAttacks(YouthEventCase):
    """Through the ORM, as the confined users themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls.users["school_leader"]
        cls.coordinator = cls.users["district_coordinator"]
        cls.pupil_a = cls.make_member(school=cls.school_a1, name="Pupil of A1")
        cls.pupil_b = cls.make_member(school=cls.school_b1, name="Pupil of B1")
        cls.parent_b = cls.env["res.partner"].create({"name": "Parent of B1", "phone": "+77001112233"})
        cls.env["youth.guardian.link"].create({"member_id": cls.pupil_b.id, "guardian_id": cls.parent_b.id})
        cls.stranger = new_test_user(
            cls.env, "t_stranger", groups="base.group_portal", name="Stranger", email="stranger@example.com"
        )
        cls.family = new_test_user(
            cls.env, "t_family", groups="base.group_portal", name="Family A", email="family@example.kz"
        )
        cls.link_a = cls.env["youth.guardian.link"].create(
            {"member_id": cls.pupil_a.id, "guardian_id": cls.family.partner_id.id}
        )

    def assertRefused(self, operation):
        with mute_logger(*QUIET), self.assertRaises(AccessError), self.env.cr.savepoint():
            operation()
            self.env.flush_all()
        self.env.invalidate_all()

    def _members_seen(self, user):
        return self.env["youth.member"].with_user(user).search([]).ids

    # 1. scope is written only by those above it
    def test_leader_cannot_join_another_school(self):
        """A school leader adding themselves to another school's leaders, from either side of the
        relation, is refused; the pupils of that school stay out of sight."""
        attacks = [
            lambda: self.school_b1.with_user(self.leader).write({"youth_user_ids": [(4, self.leader.id)]}),
            lambda: self.leader.with_user(self.leader).write({"youth_school_ids": [(4, self.school_b1.id)]}),
            lambda: self.env["res.partner"]
            .with_user(self.leader)
            .create(
                {
                    "name": "My school",
                    "is_company": True,
                    "youth_org_type_id": self.school_a1.youth_org_type_id.id,
                    "youth_district_id": self.district_b.id,
                    "youth_user_ids": [(4, self.leader.id)],
                }
            ),
        ]
        for attack in attacks:
            self.assertRefused(attack)
        self.assertEqual(self.leader.youth_school_ids, self.school_a1)
        self.assertFalse(self.school_b1.youth_user_ids)
        self.assertNotIn(self.pupil_b.id, self._members_seen(self.leader))

    def test_coordinator_cannot_move_a_school_into_their_district(self):
        """Setting another district's school's district to one's own is refused, so its pupils'
        stored district does not follow."""
        self.assertRefused(
            lambda: self.school_b1.with_user(self.coordinator).write({"youth_district_id": self.district_a.id})
        )
        self.assertRefused(
            lambda: self.school_a1.with_user(self.coordinator).write({"youth_district_id": self.district_b.id})
        )
        self.assertEqual(self.school_b1.youth_district_id, self.district_b)
        self.assertEqual(self.pupil_b.district_id, self.district_b)
        self.assertNotIn(self.pupil_b.id, self._members_seen(self.coordinator))

    def test_scope_through_import(self):
        """The import path writes through the same guard."""
        result = (
            self.env["res.partner"]
            .with_user(self.leader)
            .load(
                ["id", "youth_user_ids/id"],
                [
                    [
                        self.school_b1.get_external_id()[self.school_b1.id] or self._xmlid(self.school_b1),
                        self.leader.get_external_id()[self.leader.id] or self._xmlid(self.leader),
                    ]
                ],
            )
        )
        self.assertTrue(result["messages"], "the import reports the refusal")
        self.assertFalse(self.school_b1.youth_user_ids)

    def _xmlid(self, record):
        self.env["ir.model.data"].create(
            {
                "module": "__test__",
                "name": "r%s_%s" % (record._table, record.id),
                "model": record._name,
                "res_id": record.id,
            }
        )
        return "__test__.r%s_%s" % (record._table, record.id)

    def test_manager_sets_the_scope(self):
        """The regional manager may give a school to a leader, and the leader then sees its pupils."""
        manager = self.users["regional_manager"]
        self.school_b1.with_user(manager).write({"youth_user_ids": [(4, self.leader.id)]})
        self.assertIn(self.pupil_b.id, self._members_seen(self.leader))

    def test_records_cannot_leave_the_writers_scope(self):
        """A pupil, a unit, a link or an event moved out of one's own scope is refused."""
        unit = self.env["youth.unit"].create(
            {"name": "Unit A1", "school_id": self.school_a1.id, "tier_id": self.tier_ulan.id}
        )
        event = self.env["event.event"].create(
            {
                "name": "School event",
                "youth_level": "school",
                "school_id": self.school_a1.id,
                "date_begin": "2030-05-01 04:00:00",
                "date_end": "2030-05-01 10:00:00",
            }
        )
        for record, vals in [
            (self.pupil_a, {"school_id": self.school_b1.id}),
            (unit, {"school_id": self.school_b1.id}),
            (self.link_a, {"member_id": self.pupil_b.id}),
            (event, {"school_id": self.school_b1.id}),
        ]:
            self.assertRefused(lambda record=record, vals=vals: record.with_user(self.leader).write(vals))
        self.assertEqual(
            (self.pupil_a.school_id, unit.school_id, self.link_a.member_id, event.school_id),
            (self.school_a1, self.school_a1, self.pupil_a, self.school_a1),
        )

    # 2. exports are their maker's
    def test_export_is_streamed_to_its_maker_only(self):
        """The manager's export leaves no file behind, and the wizard with its choices is theirs."""
        manager = self.users["regional_manager"]
        wizard = (
            self.env["youth.report.wizard"].with_user(manager).create({"report_member_list": True, "lang": "en_US"})
        )
        action = wizard.action_export()
        self.assertEqual(action["url"], "/youth_movement/report/%s" % wizard.id)
        files = self.env["ir.attachment"].sudo().search([("res_model", "=", "youth.report.wizard")])
        self.assertFalse(files, "nothing is stored")
        Wizard = self.env["youth.report.wizard"].with_user(self.leader)
        self.assertFalse(Wizard.search([("id", "=", wizard.id)]))
        self.assertRefused(lambda: Wizard.browse(wizard.id).read(["scope"]))

    # 3. a child is handed to an account only by the family or a manager
    def test_link_to_a_login_is_for_managers(self):
        """A leader linking a pupil of their school to a self-signed-up account, on create or by
        re-pointing a link, is refused; a parent without a login is linked as before."""
        self.assertRefused(
            lambda: self.env["youth.guardian.link"]
            .with_user(self.leader)
            .create({"member_id": self.pupil_a.id, "guardian_id": self.stranger.partner_id.id})
        )
        self.assertRefused(
            lambda: self.link_a.with_user(self.leader).write({"guardian_id": self.stranger.partner_id.id})
        )
        self.assertEqual(self.link_a.guardian_id, self.family.partner_id)
        Member = self.env["youth.member"]
        self.assertFalse(Member._in_care_of(self.stranger.partner_id))
        grandmother = self.env["res.partner"].with_user(self.leader).create({"name": "Grandmother A"})
        link = (
            self.env["youth.guardian.link"]
            .with_user(self.leader)
            .create({"member_id": self.pupil_a.id, "guardian_id": grandmother.id, "relation": "grandmother"})
        )
        self.assertEqual(link.member_id, self.pupil_a)
        manager_link = (
            self.env["youth.guardian.link"]
            .with_user(self.users["regional_manager"])
            .create({"member_id": self.pupil_a.id, "guardian_id": self.stranger.partner_id.id, "relation": "other"})
        )
        self.assertEqual(Member._in_care_of(self.stranger.partner_id), self.pupil_a)
        manager_link.unlink()

    # 4. registrations, admission, results and certificates for the pupils one covers
    def test_leader_cannot_register_admit_or_grade_another_schools_pupil(self):
        """A school leader hosting an admission ceremony registers, admits, grades and certifies
        their own pupils only: a visiting applicant of another district stays an applicant with
        no result, no mail goes out, and the family's contact ids are not readable."""
        self.pupil_b.status = "applicant"
        self.pupil_a.status = "applicant"
        event = self.make_event(
            start_in_days=0,
            youth_level="school",
            school_id=self.school_a1.id,
            youth_category_id=self.category_ceremony.id,
        )
        Registration = self.env["event.registration"].with_user(self.leader)
        self.assertRefused(lambda: Registration.create({"event_id": event.id, "youth_member_id": self.pupil_b.id}))
        self.assertFalse(self.env["event.registration"].search([("youth_member_id", "=", self.pupil_b.id)]))
        # the visiting pupil registered by their family (the portal acts as the superuser)
        visiting = self.env["event.registration"].create({"event_id": event.id, "youth_member_id": self.pupil_b.id})
        own = Registration.create({"event_id": event.id, "youth_member_id": self.pupil_a.id})
        mails = self.env["mail.mail"].search_count([])
        as_leader = visiting.with_user(self.leader)
        day = event._youth_days()[0]
        attacks = [
            lambda: as_leader.write({"state": "done"}),
            lambda: as_leader.action_set_done(),
            lambda: as_leader.attendance_ids.write({"present": True}),
            lambda: as_leader._youth_mark_attendance(day),
            lambda: as_leader.write({"result": "diploma"}),
            lambda: as_leader.action_youth_print_certificate(),
            lambda: as_leader.read(["youth_partner_to"]),
            lambda: own.with_user(self.leader).write({"youth_member_id": self.pupil_b.id}),
            lambda: self.env["youth.event.attendance.wizard"]
            .with_user(self.leader)
            .with_context(active_model="event.registration", active_ids=visiting.ids)
            .create({"day": day})
            .action_mark(),
        ]
        for n, attack in enumerate(attacks):
            with self.subTest(attack=n):
                self.assertRefused(attack)
        self.assertEqual((self.pupil_b.status, visiting.state, visiting.result), ("applicant", "open", False))
        self.assertFalse(visiting.attendance_ids.filtered("present"))
        self.assertEqual(own.youth_member_id, self.pupil_a)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(as_leader.name, "Pupil of B1", "the host still sees who is coming")
        # their own pupil they admit and grade
        own.with_user(self.leader).action_set_done()
        own.with_user(self.leader).write({"result": "diploma"})
        self.assertEqual((self.pupil_a.status, own.result), ("active", "diploma"))
        # the regional manager covers every pupil
        visiting.with_user(self.users["regional_manager"]).action_set_done()
        self.assertEqual(self.pupil_b.status, "active")

    # 5. nobody but the family changes how it logs in
    def test_staff_cannot_change_a_family_login_email(self):
        """The e-mail behind a parent's portal login cannot be changed by staff, directly, through
        the link's related field, or through a pupil's own login; the family still can."""
        pupil_user = new_test_user(self.env, "t_pupil", groups="base.group_portal", email="pupil@example.kz")
        self.pupil_a.partner_id.user_ids = pupil_user  # the pupil's own login is their contact's
        attacks = [
            lambda: self.family.partner_id.with_user(self.leader).write({"email": "attacker@example.com"}),
            lambda: self.link_a.with_user(self.leader).write({"email": "attacker@example.com"}),
            lambda: self.link_a.with_user(self.users["regional_manager"]).write({"email": "attacker@example.com"}),
            lambda: self.pupil_a.with_user(self.coordinator).write({"email": "attacker@example.com"}),
        ]
        for attack in attacks:
            self.assertRefused(attack)
        self.assertEqual(self.family.partner_id.email, "family@example.kz")
        self.assertEqual(self.family.email, "family@example.kz")
        self.link_a.with_user(self.leader).write({"phone": "+77005556677"})  # not a login field

    # 6. children's and parents' contacts are the movement's
    def test_other_employees_see_no_child_or_parent(self):
        """An internal user outside the movement (accounting, HR) finds no pupil's or parent's contact
        and no pupil's registration; staff see those of their scope; other contacts stay open."""
        Partner = self.env["res.partner"]
        people = self.pupil_a.partner_id | self.pupil_b.partner_id | self.parent_b | self.family.partner_id
        supplier = Partner.create({"name": "Stationery supplier"})
        employee = self.internal_user
        self.assertFalse(Partner.with_user(employee).search([("id", "in", people.ids)]))
        self.assertRefused(lambda: people.with_user(employee).read(["name", "phone", "email"]))
        self.assertTrue(Partner.with_user(employee).search([("id", "=", supplier.id)]))
        self.assertEqual(
            Partner.with_user(self.leader).search([("id", "in", people.ids)]),
            self.pupil_a.partner_id | self.family.partner_id,
        )
        self.assertEqual(Partner.with_user(self.users["regional_manager"]).search([("id", "in", people.ids)]), people)
        event = self.env["event.event"].create(
            {
                "name": "Regional event",
                "youth_level": "region",
                "date_begin": "2030-05-01 04:00:00",
                "date_end": "2030-05-01 10:00:00",
            }
        )
        registration = self.env["event.registration"].create({"event_id": event.id, "youth_member_id": self.pupil_a.id})
        other = self.env["event.event"].create(
            {"name": "Department party", "date_begin": "2030-05-01 04:00:00", "date_end": "2030-05-01 10:00:00"}
        )
        guest = self.env["event.registration"].create({"event_id": other.id, "partner_id": supplier.id})
        event_user = new_test_user(self.env, "t_event_user", groups="event.group_event_manager")
        Registration = self.env["event.registration"].with_user(event_user)
        self.assertFalse(Registration.search([("id", "=", registration.id)]))
        self.assertTrue(Registration.search([("id", "=", guest.id)]), "Odoo's own registrations stay open")

    def test_a_contact_is_hidden_while_a_pupil_or_guardian(self):
        """The contact rules follow the movement: a neighbour becomes hidden from other employees
        when linked as a guardian and visible again when the link goes; an archived pupil stays hidden."""
        Partner = self.env["res.partner"].with_user(self.internal_user).with_context(active_test=False)
        neighbour = self.env["res.partner"].create({"name": "Neighbour"})
        self.assertTrue(Partner.search([("id", "=", neighbour.id)]))
        link = self.env["youth.guardian.link"].create(
            {"member_id": self.pupil_a.id, "guardian_id": neighbour.id, "relation": "other"}
        )
        self.assertFalse(Partner.search([("id", "=", neighbour.id)]), "a guardian is the movement's")
        link.unlink()
        self.assertTrue(Partner.search([("id", "=", neighbour.id)]), "no longer a guardian")
        self.pupil_b.active = False
        self.assertFalse(Partner.search([("id", "=", self.pupil_b.partner_id.id)]), "archived, still a child")

    def test_what_says_who_sees_is_computed_by_the_system(self):
        """A school leader writing the computed fields the rules read, on their own pupil's contact
        or link, is refused: a contact would otherwise show to every employee, or to another school."""
        attacks = [
            lambda: self.pupil_a.partner_id.with_user(self.leader).write({"youth_person": False}),
            lambda: self.family.partner_id.with_user(self.leader).write(
                {"youth_scope_school_ids": [(4, self.school_b1.id)]}
            ),
            lambda: self.link_a.with_user(self.leader).write({"school_id": self.school_a2.id}),
        ]
        for n, attack in enumerate(attacks):
            with self.subTest(attack=n):
                self.assertRefused(attack)
        self.assertTrue(self.pupil_a.partner_id.youth_person)
        self.assertEqual(self.family.partner_id.youth_scope_school_ids, self.school_a1)
        self.assertEqual(self.link_a.school_id, self.school_a1)
        self.assertFalse(
            self.env["res.partner"].with_user(self.internal_user).search([("id", "=", self.pupil_a.partner_id.id)])
        )


@tagged("post_install", "-at_install")
class TestScopeAttacksOverHttp(HttpCase):
    """The same refusals through JSON-RPC, as the web client and a script would call."""

    def test_leader_rpc_write_of_another_school(self):
        env = self.env
        region = env.ref("youth_movement.state_kz_abai")
        district_a = env["youth.district"].create({"name": "RPC district A", "state_id": region.id})
        district_b = env["youth.district"].create({"name": "RPC district B", "state_id": region.id})
        school_type = env.ref("youth_movement.org_type_school")
        school_a, school_b = env["res.partner"].create(
            [
                {
                    "name": "RPC school A",
                    "is_company": True,
                    "youth_org_type_id": school_type.id,
                    "youth_district_id": district_a.id,
                },
                {
                    "name": "RPC school B",
                    "is_company": True,
                    "youth_org_type_id": school_type.id,
                    "youth_district_id": district_b.id,
                },
            ]
        )
        leader = new_test_user(
            env,
            "rpc_leader",
            groups="youth_movement.youth_movement_group_school_leader",
            youth_school_ids=[(6, 0, school_a.ids)],
        )
        self.authenticate("rpc_leader", "rpc_leader")
        with mute_logger(*QUIET), self.assertRaises(JsonRpcException) as refused:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/res.partner/write",
                {
                    "model": "res.partner",
                    "method": "write",
                    "args": [[school_b.id], {"youth_user_ids": [[4, leader.id]]}],
                    "kwargs": {},
                },
            )
        self.assertIn("AccessError", str(refused.exception))
        self.assertFalse(school_b.youth_user_ids)
        self.assertEqual(leader.youth_school_ids, school_a)


@tagged("post_install", "-at_install")
class TestScopeFieldsGenerated(YouthCase):
    """Generated from the movement's record rules: every field they read, on every path, is
    guarded against the roles they confine. A new rule is covered without a new test."""

    ROLES = ("school_leader", "district_coordinator")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = (
            cls.env["ir.rule"]
            .search([])
            .filtered(lambda rule: rule.get_external_id()[rule.id].startswith("youth_movement."))
        )

    def _refused(self, record, vals):
        """Whether the write is refused (for its scope, or as inconsistent), leaving the record as it
        was; an allowed write is rolled back."""
        before = record.sudo().read(list(vals))
        refused = True
        try:
            with mute_logger(*QUIET), self.env.cr.savepoint():
                record.write(vals)
                self.env.flush_all()
                refused = False
                raise _RolledBack
        except (AccessError, ValidationError, _RolledBack) as outcome:
            _logger.debug("write of %s on %s: %s", list(vals), record, type(outcome).__name__)
        self.env.invalidate_all()
        self.assertEqual(record.sudo().read(list(vals)), before, "nothing is left changed")
        return refused

    def _foreign_fields(self):
        """(model, field) pairs outside the confined models that the rules read: through the user
        (``user.youth_school_ids.youth_district_id``), through the fields the rules' stored
        computed fields follow, and the other side of a many2many they read."""
        found = set()

        def walk(model, path):
            for name in path.split("."):
                field = self.env[model]._fields.get(name)
                if field is None:
                    return
                found.add((model, name))
                if not field.relational:
                    return
                model = field.comodel_name

        for rule in self.rules:
            for path in re.findall(r"user\.([a-z_][a-z0-9_.]*?)\.ids?\b", rule.domain_force):
                walk("res.users", path)
            Model = self.env[rule.model_id.model]
            for name in {path.split(".")[0] for path in _RULE_LEAF.findall(rule.domain_force)}:
                field = Model._fields.get(name)
                if field is not None and field.store and (field.compute or field.related):
                    for dependency in Model.pool.field_depends[field]:
                        walk(Model._name, dependency)
        for model, name in list(found):  # a many2many is written from both sides
            field = self.env[model]._fields[name]
            if field.type == "many2many":
                for other in self.env[field.comodel_name]._fields.values():
                    if other.type == "many2many" and other.relation == field.relation and other is not field:
                        found.add((field.comodel_name, other.name))
        # a field the model's own rules read is guarded by the post-write check of its model
        return sorted(
            (model, name)
            for model, name in found
            if name not in getattr(self.env[model], "_youth_rule_fields", frozenset)()
        )

    def test_computed_rule_fields_are_written_by_the_system_only(self):
        """On every confined model, each computed field its rules read (stored, with no inverse)
        is refused to every role below the system: the ORM would store what it is given."""
        models = {rule.model_id.model for rule in self.rules}
        checked = 0
        for model in sorted(models):
            Model = self.env[model]
            if Model._transient or not hasattr(Model, "_youth_check_computed_rule_fields"):
                continue
            for name in sorted(Model._youth_rule_fields()):
                field = Model._fields[name]
                if not (field.compute and field.readonly and not field.inverse):
                    continue
                for role in (*self.ROLES, "regional_manager"):
                    with self.subTest(model=model, field=name, role=role), self.assertRaises(AccessError):
                        Model.with_user(self.users[role])._youth_check_computed_rule_fields([{name: False}])
                checked += 1
        self.assertGreaterEqual(checked, 10, "the rules read computed fields on most confined models")

    def test_every_confined_model_is_guarded(self):
        """Every model the movement's rules confine carries the scope guard, and every wizard is
        its maker's: a model added later cannot forget either."""
        for model in set(self.rules.model_id.mapped("model")):
            Model = self.env[model]
            if Model._transient:
                continue
            self.assertTrue(hasattr(Model, "_youth_rule_fields"), "%s has no scope guard" % model)
        own = self.rules.filtered(lambda rule: rule.domain_force == "[('create_uid', '=', user.id)]")
        wizards = {name for name in self.env.registry if name.startswith("youth.") and self.env[name]._transient}
        self.assertEqual(set(own.model_id.mapped("model")), wizards)

    def test_fields_read_through_the_user_and_computed_fields(self):
        """The school's district and leaders, the user's districts and schools: set by managers only."""
        fields = self._foreign_fields()
        self.assertIn(("res.partner", "youth_district_id"), fields)
        self.assertIn(("res.users", "youth_school_ids"), fields)
        self.assertIn(("res.partner", "youth_user_ids"), fields)
        failures = []
        for role in self.ROLES:
            user = self.users[role]
            for model, name in fields:
                field = self.env[model]._fields[name]
                records = user if model == "res.users" else (self.school_a1 | self.school_b1)
                for record in records:
                    current = record.sudo()[name]
                    Comodel = self.env[field.comodel_name].sudo() if field.relational else None
                    if field.type == "many2one":
                        other = Comodel.search([("id", "!=", current.id)], limit=1)
                        vals = {name: other.id}
                    elif field.type == "many2many":
                        candidates = {
                            "res.users": user,
                            "res.partner": self.school_a1 | self.school_b1,
                            "youth.district": self.district_a | self.district_b,
                        }[field.comodel_name]
                        vals = {name: [(4, (candidates - current)[:1].id)]}
                    else:
                        continue
                    if not self._refused(record.with_user(user), vals):
                        failures.append("%s wrote %s.%s on %s" % (role, model, name, record.display_name))
        self.assertFalse(failures, "\n".join(failures))

    def test_confined_records_cannot_leave_the_writers_scope(self):
        """For every confined model and every many2one its rules read (or their stored fields
        follow), a write pointing a record of the writer's scope at the other district's record
        is refused."""
        other_side = {
            "res.partner": self.school_b1,
            "youth.district": self.district_b,
            "youth.member": self.make_member(school=self.school_b1),
            "event.event": self.env["event.event"].create(
                {
                    "name": "B event",
                    "youth_level": "school",
                    "school_id": self.school_b1.id,
                    "date_begin": "2030-05-01 04:00:00",
                    "date_end": "2030-05-01 10:00:00",
                }
            ),
        }
        factories = {
            "youth.member": lambda: self.make_member(school=self.school_a1),
            "youth.unit": lambda: self.env["youth.unit"].create(
                {"name": "Unit %s" % next(years), "school_id": self.school_a1.id, "tier_id": self.tier_ulan.id}
            ),
            "youth.guardian.link": lambda: self.env["youth.guardian.link"].create(
                {
                    "member_id": self.make_member(school=self.school_a1).id,
                    "guardian_id": self.env["res.partner"].create({"name": "A parent"}).id,
                }
            ),
            "youth.school.enrollment": lambda: self.env["youth.school.enrollment"].create(
                {"school_id": self.school_a1.id, "school_year": 2000 + next(years), "pupils_count": 100}
            ),
            "event.event": lambda: self.env["event.event"].create(
                {
                    "name": "A event",
                    "youth_level": "school",
                    "school_id": self.school_a1.id,
                    "date_begin": "2030-05-01 04:00:00",
                    "date_end": "2030-05-01 10:00:00",
                }
            ),
        }
        years = itertools.count()
        checked, failures = set(), []
        for rule in self.rules:
            model = rule.model_id.model
            if model not in factories:
                continue
            Model = self.env[model]
            for name in Model._youth_rule_fields():
                field = Model._fields[name]
                if (
                    field.type != "many2one"
                    or not field.store
                    or field.readonly
                    or field.comodel_name not in other_side
                    or (model, name) in checked
                ):
                    continue
                checked.add((model, name))
                for role in self.ROLES:
                    record = factories[model]().with_user(self.users[role])
                    if not self._refused(record, {name: other_side[field.comodel_name].id}):
                        failures.append("%s moved %s out of scope through %s" % (role, model, name))
        self.assertIn(("youth.guardian.link", "member_id"), checked)
        self.assertIn(("youth.member", "school_id"), checked)
        self.assertFalse(failures, "\n".join(failures))
