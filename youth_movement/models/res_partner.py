from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

from ..const import STAFF


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "youth.scope.mixin"]
    # a school's district and its leaders decide who sees its pupils: regional managers set them
    _youth_manager_fields = ("youth_district_id", "youth_user_ids")

    # organizations: schools and partner organizations
    youth_org_type_id = fields.Many2one(
        "youth.organization.type",
        string="Organization type",
        index=True,
        ondelete="restrict",
    )
    is_youth_school = fields.Boolean(
        "Is a school",
        related="youth_org_type_id.is_school",
        store=True,
        index=True,
    )
    youth_district_id = fields.Many2one(
        "youth.district",
        string="District",
        index=True,
        ondelete="restrict",
        help="District or city of regional significance the organization belongs to.",
    )
    youth_user_ids = fields.Many2many(
        "res.users",
        "youth_school_res_users_rel",
        "school_id",
        "user_id",
        string="School leaders",
    )
    youth_pupil_ids = fields.One2many("youth.member", "school_id", string="Pupils", groups=STAFF)
    youth_unit_ids = fields.One2many("youth.unit", "school_id", string="Units", groups=STAFF)
    youth_pupil_count = fields.Integer("Members", compute="_compute_youth_pupil_count", groups=STAFF)
    # people: the movement record of a pupil, the children of a parent
    youth_member_ids = fields.One2many("youth.member", "partner_id", string="Member record", groups=STAFF)
    youth_child_link_ids = fields.One2many(
        "youth.guardian.link",
        "guardian_id",
        string="Children in care",
        groups=STAFF,
    )
    youth_child_count = fields.Integer("Children", compute="_compute_youth_child_count", groups=STAFF)
    # read by the contact rules on every search of contacts and members: an indexed column and two
    # relation tables, instead of subqueries over the members and the links of the whole region
    youth_person = fields.Boolean(
        "Pupil or parent of the movement",
        compute="_compute_youth_person",
        store=True,
        index=True,
        compute_sudo=True,
        help="Technical: a pupil's or a guardian's contact, hidden from employees outside the movement.",
    )
    youth_scope_school_ids = fields.Many2many(
        "res.partner",
        "youth_partner_scope_school_rel",
        "partner_id",
        "school_id",
        string="Schools of the pupil or of the children",
        compute="_compute_youth_person",
        store=True,
        compute_sudo=True,
        groups=STAFF,
    )
    youth_scope_district_ids = fields.Many2many(
        "youth.district",
        "youth_partner_scope_district_rel",
        "partner_id",
        "district_id",
        string="Districts of the pupil or of the children",
        compute="_compute_youth_person",
        store=True,
        compute_sudo=True,
        groups=STAFF,
    )

    # the fields a family logs in and recovers its password with: theirs to change, nobody else's
    _youth_login_fields = ("email",)

    def write(self, vals):
        if not self.env.su and self._youth_login_fields and set(self._youth_login_fields).intersection(vals):
            self._youth_check_login_fields()
        return super().write(vals)

    def _youth_check_login_fields(self):
        """Odoo lets only user managers change the contact of an internal user; a portal user's
        contact needs the same, or whoever edits a parent's e-mail takes the account over through a
        password reset. The family changes its own e-mail in the portal."""
        if self.env.user.has_group("base.group_erp_manager"):
            return
        others = (
            self.sudo()
            .with_context(active_test=False)
            .user_ids.filtered(lambda user: user.share and user != self.env.user)
        )
        if others:
            raise AccessError(
                self.env._(
                    "The e-mail of %(person)s is their portal login: only they can change it, in the portal.",
                    person=others[0].partner_id.name,
                )
            )

    @api.depends("youth_pupil_ids.status")
    def _compute_youth_pupil_count(self):
        counts = dict(
            self.env["youth.member"]._read_group(
                [("school_id", "in", self.ids), ("status", "=", "active")],
                ["school_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.youth_pupil_count = counts.get(partner, 0)

    @api.depends("youth_child_link_ids")
    def _compute_youth_child_count(self):
        counts = dict(
            self.env["youth.guardian.link"]._read_group(
                [("guardian_id", "in", self.ids)],
                ["guardian_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.youth_child_count = counts.get(partner, 0)

    @api.depends(
        "youth_member_ids.school_id",
        "youth_member_ids.district_id",
        "youth_child_link_ids.school_id",
        "youth_child_link_ids.district_id",
    )
    def _compute_youth_person(self):
        """A pupil's contact and a guardian's, with the schools and districts of the pupil or of
        their children; archived pupils and their parents stay the movement's: hidden from others."""
        scope = {partner.id: (set(), set()) for partner in self}
        people = set()
        Member = self.env["youth.member"].with_context(active_test=False)
        for member in Member.search_fetch([("partner_id", "in", self.ids)], ["partner_id", "school_id", "district_id"]):
            people.add(member.partner_id.id)
            scope[member.partner_id.id][0].add(member.school_id.id)
            scope[member.partner_id.id][1].add(member.district_id.id)
        Link = self.env["youth.guardian.link"].with_context(active_test=False)
        for link in Link.search_fetch([("guardian_id", "in", self.ids)], ["guardian_id", "school_id", "district_id"]):
            people.add(link.guardian_id.id)
            scope[link.guardian_id.id][0].add(link.school_id.id)
            scope[link.guardian_id.id][1].add(link.district_id.id)
        for partner in self:
            schools, districts = scope[partner.id]
            partner.youth_person = partner.id in people
            partner.youth_scope_school_ids = [Command.set(sorted(schools - {False}))]
            partner.youth_scope_district_ids = [Command.set(sorted(districts - {False}))]

    def action_youth_view_pupils(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_member_action")
        action["domain"] = [("school_id", "=", self.id)]
        action["context"] = {"default_school_id": self.id}
        return action

    def action_youth_view_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_member_action")
        action["domain"] = [("guardian_link_ids.guardian_id", "=", self.id)]
        return action
