import contextlib
import datetime

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from ..tools import iin as iin_rules


def list_specification(Model, view=None):
    """What the web client asks ``web_search_read`` for when it opens ``view`` (the model's default
    list when None): the list's fields, many2one ones with their display name."""
    result = Model.get_views([(view.id if view else False, "list")])
    names = result["models"][Model._name]["fields"]
    return {
        name: {"fields": {"display_name": {}}} if Model._fields[name].type == "many2one" else {}
        for name in names
        if name in Model._fields
    }


GROUPS = {
    "school_leader": "youth_movement.youth_movement_group_school_leader",
    "district_coordinator": "youth_movement.youth_movement_group_district_coordinator",
    "regional_manager": "youth_movement.youth_movement_group_regional_manager",
    "admin": "youth_movement.youth_movement_group_admin",
}


class YouthCase(TransactionCase):
    """A small region: two districts, a school in each plus a second school in the first,
    one user per role scoped to the first district or school, and pupils built on demand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a department's database speaks Kazakh first (the first language loaded becomes everyone's):
        # these tests read the addon's messages as written, in English
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        env = cls.env
        env["res.lang"]._activate_lang("en_US")  # inactive where Kazakh and Russian were loaded at install
        cls.region = env.ref("youth_movement.state_kz_abai")
        cls.tier_kyran = env.ref("youth_movement.tier_zhas_kyran")
        cls.tier_ulan = env.ref("youth_movement.tier_zhas_ulan")
        cls.consent_personal = env.ref("youth_movement.consent_type_personal_data")
        cls.consent_photo = env.ref("youth_movement.consent_type_photo_video")
        District = env["youth.district"]
        cls.district_a = District.create({"name": "Test district A", "state_id": cls.region.id})
        cls.district_b = District.create({"name": "Test district B", "state_id": cls.region.id})
        school_type = env.ref("youth_movement.org_type_school")

        def school(name, district):
            return env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "youth_org_type_id": school_type.id,
                    "youth_district_id": district.id,
                }
            )

        cls.school_a1 = school("School A1", cls.district_a)
        cls.school_a2 = school("School A2", cls.district_a)
        cls.school_b1 = school("School B1", cls.district_b)
        cls.users = {
            "school_leader": new_test_user(
                env,
                "t_leader",
                groups=GROUPS["school_leader"],
                youth_school_ids=[(6, 0, cls.school_a1.ids)],
                lang="en_US",
            ),
            "district_coordinator": new_test_user(
                env,
                "t_coordinator",
                groups=GROUPS["district_coordinator"],
                youth_district_ids=[(6, 0, cls.district_a.ids)],
                lang="en_US",
            ),
            "regional_manager": new_test_user(env, "t_manager", groups=GROUPS["regional_manager"], lang="en_US"),
            "admin": new_test_user(env, "t_admin", groups=GROUPS["admin"], lang="en_US"),
        }
        cls.internal_user = new_test_user(env, "t_employee", groups="base.group_user", lang="en_US")
        cls.portal_user = new_test_user(env, "t_portal", groups="base.group_portal", lang="en_US")
        cls._serial = 0

    @contextlib.contextmanager
    def assertRaisesRegex(self, exception, regex):
        """Like unittest's, inside Odoo's savepoint, so that a refused write leaves nothing behind."""
        with self.assertRaises(exception) as context:
            yield context
        self.assertRegex(str(context.exception), regex)

    @classmethod
    def make_iin(cls, birth_date=datetime.date(2014, 3, 5), sex="female"):
        cls._serial += 1
        return iin_rules.make(birth_date, sex, cls._serial * 13)

    @classmethod
    def make_member(cls, school=None, grade=5, **values):
        vals = {
            "name": values.pop("name", "Pupil %s" % (cls._serial + 1)),
            "iin": values.pop("iin", None) or cls.make_iin(),
            "school_id": (school or cls.school_a1).id,
            "grade": grade,
        }
        vals.update(values)
        return cls.env["youth.member"].create(vals)


class CouncilCase(YouthCase):
    """The small region with a regional council and the council of district A: a chair, a secretary
    (the district coordinator), three more members (one of them a plain internal user) and a permanent
    invitee; the quorum is half of the voting members."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Partner = env["res.partner"]
        cls.org = Partner.create({"name": "Education department", "is_company": True})
        cls.chair = Partner.create({"name": "Chair Person", "function": "Deputy head"})
        cls.guest_partner = Partner.create({"name": "Invitee Person"})
        cls.member_partners = Partner.create([{"name": "Member %s" % i} for i in (1, 2)])
        cls.council_member_user = new_test_user(
            env, "t_council_member", groups="base.group_user", name="Internal Member", lang="en_US"
        )
        cls.responsible_user = new_test_user(
            env, "t_responsible", groups="base.group_user", name="Responsible User", lang="en_US"
        )
        coordinator = cls.users["district_coordinator"]
        cls.council = env["youth.council"].create(
            {
                "name": "Council of district A",
                "level": "district",
                "district_id": cls.district_a.id,
                "organization_id": cls.org.id,
                "secretary_user_id": coordinator.id,
                "reminder_days": 3,
                "member_ids": [
                    Command.create(
                        {
                            "partner_id": cls.chair.id,
                            "role": "chair",
                            "position": "Deputy head",
                            "organization_id": cls.org.id,
                        }
                    ),
                    Command.create(
                        {"partner_id": coordinator.partner_id.id, "role": "secretary", "position": "Coordinator"}
                    ),
                    Command.create({"partner_id": cls.member_partners[0].id, "role": "member"}),
                    Command.create({"partner_id": cls.member_partners[1].id, "role": "member"}),
                    Command.create({"partner_id": cls.council_member_user.partner_id.id, "role": "member"}),
                    Command.create({"partner_id": cls.guest_partner.id, "role": "permanent_invitee"}),
                ],
            }
        )
        cls.council_b = env["youth.council"].create(
            {"name": "Council of district B", "level": "district", "district_id": cls.district_b.id}
        )
        cls.regional = env["youth.council"].create(
            {
                "name": "Regional council",
                "level": "region",
                "state_id": cls.region.id,
                "secretary_user_id": cls.users["regional_manager"].id,
            }
        )

    @classmethod
    def at(cls, day, hour=10):
        """A UTC datetime for a local (UTC+5) hour of a day given as 'YYYY-MM-DD'."""
        return datetime.datetime.fromisoformat(day) + datetime.timedelta(hours=hour - 5)

    def make_meeting(self, council=None, day="2026-01-28", **values):
        vals = {
            "council_id": (council or self.council).id,
            "topic": values.pop("topic", "Development of the movement"),
            "start": self.at(day),
            "venue": "Semey",
        }
        vals.update(values)
        return self.env["youth.council.meeting"].with_context(tz="Asia/Almaty").create(vals)

    def hold(self, meeting, absent=()):
        """Plan the meeting, mark everyone present (but ``absent`` partners) and mark it held."""
        if meeting.state == "draft":
            meeting.action_plan()
        for participant in meeting.participant_ids:
            if participant.partner_id in absent:
                participant.write({"state": "absent", "absence_reason": "Ill"})
            else:
                participant.action_present()
        meeting.action_held()
        return meeting
