import psycopg2
from psycopg2 import errorcodes
from psycopg2 import errors as pg_errors

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.mail import generate_tracking_message_id
from odoo.tools.sql import create_index

from ..const import STAFF
from ..tools import event_rules, school
from ..tools import iin as iin_rules
from .youth_guardian_link import REPRESENTATIVE_BY_LAW

NAME_MAX = 128
# a family's own portal application until the school accepts it: the portal shows what they sent
UNDECIDED = ("applicant", "rejected")


class YouthMember(models.Model):
    _name = "youth.member"
    _description = "Member of the movement"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "youth.scope.mixin", "youth.group.order.mixin"]
    # the list's order, on this table's own columns (stored copies of the school's and the pupil's
    # names) so that an index gives a page without sorting the region: see init() and bench/README.md
    _order = "school_sort_name, grade, class_letter, sort_name, id"
    _rec_names_search = ["name", "iin"]

    # the person: one contact, identified by the IIN
    partner_id = fields.Many2one("res.partner", string="Person", required=True, ondelete="restrict", index=True)
    iin = fields.Char(
        "IIN",
        size=12,
        required=True,
        copy=False,
        index=True,
        groups=STAFF,
        tracking=True,
        help="Individual identification number (ИИН / ЖСН): 12 digits, birth date and sex included.",
    )
    birth_date = fields.Date(
        compute="_compute_from_iin",
        store=True,
        readonly=False,
        groups=STAFF,
        help="Derived from the IIN; a date that contradicts the IIN is refused.",
    )
    sex = fields.Selection(
        [("male", "Male"), ("female", "Female")],
        compute="_compute_from_iin",
        store=True,
        readonly=False,
        groups=STAFF,
    )
    age = fields.Integer(compute="_compute_age", groups=STAFF)
    # school and place in the movement
    school_id = fields.Many2one(
        "res.partner",
        string="School",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_youth_school", "=", True)],
    )
    district_id = fields.Many2one(
        "youth.district",
        related="school_id.youth_district_id",
        store=True,
        index=True,
        string="School district",
    )
    region_id = fields.Many2one(
        "res.country.state",
        related="district_id.state_id",
        store=True,
        string="Region",
    )
    school_sort_name = fields.Char(related="school_id.complete_name", store=True, string="School name (sort key)")
    sort_name = fields.Char(related="partner_id.name", store=True, string="Name (sort key)")
    # the contact's archive flag and company, stored here too: the list's "active" filter and the
    # company rule read this table, not a join with every contact of the region (models/ir_rule.py)
    active = fields.Boolean(related="partner_id.active", store=True, readonly=False, default=True)
    company_id = fields.Many2one(related="partner_id.company_id", store=True, readonly=False)
    grade = fields.Integer(required=True, tracking=True, aggregator=False)
    class_letter = fields.Char("Class", size=4, help="The letter of the class, as in 7 «Б».")
    school_year = fields.Integer(
        "School year of the grade",
        default=lambda self: school.school_year_of(fields.Date.context_today(self)),
        required=True,
        aggregator=False,
        help="First calendar year of the school year the grade is for; the new-school-year "
        "rollover moves pupils on from it.",
    )
    tier_id = fields.Many2one(
        "youth.tier",
        string="Tier",
        compute="_compute_tier_id",
        store=True,
        index=True,
        ondelete="restrict",
    )
    unit_id = fields.Many2one(
        "youth.unit",
        string="Unit",
        index=True,
        ondelete="set null",
        tracking=True,
        domain="[('school_id', '=', school_id), ('tier_id', '=', tier_id)]",
    )
    # membership
    status = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("active", "Active"),
            ("alumni", "Alumni"),
            ("left", "Left"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="applicant",
        tracking=True,
        index=True,
    )
    applied_date = fields.Date("Applied on", default=fields.Date.context_today)
    applied_by_id = fields.Many2one(
        "res.partner",
        string="Applied by",
        index=True,
        ondelete="set null",
        help="The parent who applied through the portal; told of the decision.",
    )
    rejection_reason = fields.Text(tracking=True)
    join_date = fields.Date("Member since", tracking=True)
    leave_date = fields.Date("Left on", tracking=True)
    # family and consents
    guardian_link_ids = fields.One2many("youth.guardian.link", "member_id", string="Parents and representatives")
    consent_ids = fields.One2many("youth.consent", "member_id", string="Consents")
    consent_ok = fields.Boolean(
        "Required consents given",
        compute="_compute_consent_ok",
        search="_search_consent_ok",
        help="Every required consent is given and not withdrawn.",
    )
    member_note = fields.Text("Internal notes", groups=STAFF)
    # events
    event_registration_ids = fields.One2many("event.registration", "youth_member_id", string="Event registrations")
    event_count = fields.Integer("Events", compute="_compute_event_counts")
    no_show_count = fields.Integer(
        "No-shows",
        compute="_compute_event_counts",
        help="Events over where the pupil had a seat and came on none of the days.",
    )

    _sql_constraints = [
        ("iin_uniq", "unique(iin)", "This IIN is already registered."),
        ("partner_uniq", "unique(partner_id)", "A contact can hold one member record only."),
    ]

    def init(self):
        result = super().init()
        order = [term.strip() for term in self._order.split(",")]  # plain columns, ascending
        # the manager's list (every district) and a coordinator's (one district): a page is the
        # first rows of an index scan, at any size of the region
        create_index(self.env.cr, "youth_member_list_order_index", self._table, order)
        create_index(self.env.cr, "youth_member_district_list_order_index", self._table, ["district_id", *order])
        # the pivots and counts of the active members (district by tier, for one district or all) read
        # this narrow index alone, not the table: 49 ms for the manager's district-by-tier at 600 000
        # pupils, 95 ms through the table
        create_index(
            self.env.cr,
            "youth_member_active_counts_index",
            self._table,
            ["district_id", "tier_id", "company_id"],
            where="active AND status = 'active'",
        )
        return result

    # ------------------------------------------------------------------ computes
    @api.depends("iin")
    def _compute_from_iin(self):
        for member in self:
            try:
                member.birth_date, member.sex = iin_rules.check(member.iin)
            except iin_rules.IinError:
                continue  # the constraint reports it

    @api.depends("birth_date")
    @api.depends_context("tz")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.age = event_rules.age_on(member.birth_date, today) if member.birth_date else 0

    @api.depends("grade")
    def _compute_tier_id(self):
        ranges = self.env["youth.tier"].sudo()._grade_ranges()
        for member in self:
            member.tier_id = school.tier_for_grade(member.grade, ranges) or False

    @api.depends("consent_ids.state", "consent_ids.type_id")
    def _compute_consent_ok(self):
        required = self.env["youth.consent.type"].search([("is_required", "=", True)])
        for member in self:
            given = member.consent_ids.filtered(lambda c: c.state == "given").type_id
            member.consent_ok = not (required - given)

    def _search_consent_ok(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        required = self.env["youth.consent.type"].search([("is_required", "=", True)])
        given = [
            [("consent_ids", "any", [("type_id", "=", consent_type.id), ("state", "=", "given")])]
            for consent_type in required
        ]
        domain = expression.AND(given)
        return domain if (operator == "=") == value else ["!"] + domain

    def _compute_event_counts(self):
        Registration = self.env["event.registration"].sudo()
        seated = dict(
            Registration._read_group(
                [("youth_member_id", "in", self.ids), ("state", "in", ("open", "done"))],
                ["youth_member_id"],
                ["__count"],
            )
        )
        no_shows = dict(
            Registration._read_group(
                [("youth_member_id", "in", self.ids), ("is_no_show", "=", True)], ["youth_member_id"], ["__count"]
            )
        )
        for member in self:
            member.event_count = seated.get(member._origin, 0)
            member.no_show_count = no_shows.get(member._origin, 0)

    # ------------------------------------------------------------------ constraints
    @api.model
    def _iin_error_message(self, error):
        messages = {
            iin_rules.ERR_FORMAT: self.env._("The IIN %(iin)s must be exactly 12 digits."),
            iin_rules.ERR_CENTURY: self.env._(
                "The 7th digit of IIN %(iin)s must be 1 to 6: it tells the century of birth and the sex."
            ),
            iin_rules.ERR_DATE: self.env._("The IIN %(iin)s does not begin with a real birth date (YYMMDD)."),
            iin_rules.ERR_CHECKSUM: self.env._(
                "The IIN %(iin)s has a wrong check digit (the 12th): check it for typos."
            ),
        }
        return messages[error.code] % {"iin": error.iin or "''"}

    @api.constrains("iin", "birth_date", "sex")
    def _check_iin(self):
        for member in self.sudo():
            try:
                born, sex = iin_rules.check(member.iin)
            except iin_rules.IinError as error:
                raise ValidationError(self._iin_error_message(error)) from None
            if member.birth_date and member.birth_date != born:
                raise ValidationError(
                    self.env._(
                        "The birth date %(date)s of %(name)s contradicts the IIN, which says %(iin_date)s.",
                        date=member.birth_date,
                        name=member.name,
                        iin_date=born,
                    )
                )
            if member.sex and member.sex != sex:
                raise ValidationError(
                    self.env._(
                        "The sex given for %(name)s contradicts the IIN.",
                        name=member.name,
                    )
                )

    @api.constrains("grade")
    def _check_grade(self):
        for member in self:
            if not school.MIN_GRADE <= member.grade <= school.MAX_GRADE:
                raise ValidationError(
                    self.env._(
                        "The grade of %(name)s must be between %(min)s and %(max)s, not %(grade)s.",
                        name=member.name,
                        min=school.MIN_GRADE,
                        max=school.MAX_GRADE,
                        grade=member.grade,
                    )
                )

    @api.constrains("unit_id", "school_id", "tier_id")
    def _check_unit(self):
        for member in self.filtered("unit_id"):
            if member.unit_id.school_id != member.school_id or member.unit_id.tier_id != member.tier_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot join unit %(unit)s: the unit is for another school or tier.",
                        name=member.name,
                        unit=member.unit_id.name,
                    )
                )

    @api.constrains("join_date", "leave_date")
    def _check_dates(self):
        for member in self:
            if member.join_date and member.leave_date and member.leave_date < member.join_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot leave before joining.",
                        name=member.name,
                    )
                )

    @api.onchange("school_id", "grade")
    def _onchange_school_grade(self):
        if self.unit_id and (self.unit_id.school_id != self.school_id or self.unit_id.tier_id != self.tier_id):
            self.unit_id = False

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _status_date_values(self, vals, current=None):
        """Dates that follow a change of status, unless the caller gives them."""
        status = vals.get("status")
        today = fields.Date.context_today(self)
        extra = {}
        if status == "active":
            if "join_date" not in vals and not (current and current.join_date):
                extra["join_date"] = today
            if "leave_date" not in vals and current and current.leave_date:
                extra["leave_date"] = False
        elif status in ("alumni", "left") and "leave_date" not in vals and not (current and current.leave_date):
            extra["leave_date"] = today
        return extra

    def _check_iin_free(self, iins):
        """Refuse IINs that another member holds, before the database does, with a message
        that says nothing about who holds it (the portal shows it to families)."""
        iins = [value for value in iins if value]
        taken = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [("iin", "in", iins), ("id", "not in", self.ids)],
                limit=1,
            )
            if iins
            else 0
        )
        if taken or len(set(iins)) < len(iins):
            raise ValidationError(self.env._("This IIN is already registered."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("iin"):
                vals["iin"] = iin_rules.normalize(vals["iin"])
            vals.update(self._status_date_values(vals))
        self._check_iin_free([vals.get("iin") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if (
            "partner_id" in vals
            and not self.env.su
            and any(member.partner_id.id != vals["partner_id"] for member in self)
        ):
            # the member's rules stand for its contact's (models/ir_rule.py), and the contact is the
            # child's own: pointing a member at another contact would hand that one over
            raise ValidationError(
                self.env._("A member's contact cannot be replaced: archive the member and create a new one.")
            )
        if vals.get("iin"):
            vals["iin"] = iin_rules.normalize(vals["iin"])
            self._check_iin_free([vals["iin"]] * len(self))
        if "status" in vals:
            for member in self:
                extra = self._status_date_values(vals, member)
                if extra:
                    super(YouthMember, member).write(extra)
        return super().write(vals)  # the scope guard refuses a move out of the writer's scope

    def unlink(self):
        """Delete the child's contact with the member record, or archive it where other records
        (messages, registrations) still point at it."""
        partners = self.partner_id
        res = super().unlink()
        try:
            with self.env.cr.savepoint():
                partners.unlink()
        except (UserError, psycopg2.IntegrityError):
            partners.write({"active": False})
        return res

    # ------------------------------------------------------------------ actions
    def action_youth_health_card_admin(self):
        """An administrator reads the child's health card outside an event, after giving a reason
        that the family sees (controllers/health.py)."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/youth/health/member/{self.id}", "target": "new"}

    def action_activate(self):
        self.filtered(lambda m: m.status != "active").write({"status": "active"})

    def action_mark_left(self):
        self.filtered(lambda m: m.status in school.IN_MOVEMENT).write({"status": "left"})

    def action_mark_alumni(self):
        self.filtered(lambda m: m.status in school.IN_MOVEMENT).write({"status": "alumni"})

    def action_view_event_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_event_registration_action")
        action["domain"] = [("youth_member_id", "=", self.id)]
        searches = {key: value for key, value in self.env.context.items() if key.startswith("search_default_")}
        action["context"] = dict(searches, default_youth_member_id=self.id)
        return action

    # ------------------------------------------------------------------ business
    @api.model
    def _in_care_of(self, partner):
        """Members in the care of a person: their own member record and the children linked to
        them as a parent or representative. The one answer for portal rules and controllers."""
        return self.sudo().search(
            [
                "|",
                ("partner_id", "=", partner.id),
                ("guardian_link_ids.guardian_id", "=", partner.id),
            ]
        )

    @api.model
    def _youth_representatives_of(self, partners):
        """``{pupil's partner id: their legal representatives}`` for the pupils among ``partners``: whom a
        message to a pupil also reaches (mail_thread.py, discuss_channel.py)."""
        if not partners:
            return {}
        members = self.sudo().with_context(active_test=False).search([("partner_id", "in", partners.ids)])
        return {
            member.partner_id.id: member.guardian_link_ids.filtered("is_legal_representative").guardian_id
            for member in members
        }

    @api.model
    def _school_year_rollover(self, target_year):
        """Move every pupil still in the movement on to the school year ``target_year``.

        Pupils go up a grade per year passed, tiers follow the grades, leavers of the last grade
        become alumni and leave their unit. Pupils already in ``target_year`` are not touched, so
        a second run for the same year changes nothing. Return ``{'promoted': n, 'graduated': n}``.
        """
        members = self.sudo().search([("status", "in", school.IN_MOVEMENT), ("school_year", "<", target_year)])
        leave_date = school.school_year_bounds(target_year - 1)[1]
        promoted = graduated = self.browse()
        groups = {}
        for member in members:
            groups.setdefault((member.grade, member.school_year), self.browse())
            groups[(member.grade, member.school_year)] |= member
        ranges = self.env["youth.tier"].sudo()._grade_ranges()
        for (grade, grade_year), group in groups.items():
            new_grade, done = school.promote(grade, grade_year, target_year)
            if done:
                values = {"grade": new_grade, "school_year": target_year, "status": "alumni", "unit_id": False}
                # nobody leaves before joining: a late joiner leaves on the day they joined
                late = group.filtered(lambda m: m.join_date and m.join_date > leave_date)
                (group - late).write(dict(values, leave_date=leave_date))
                for member in late:
                    member.write(dict(values, leave_date=member.join_date))
                graduated |= group
            else:
                values = {"grade": new_grade, "school_year": target_year}
                if school.tier_for_grade(new_grade, ranges) != school.tier_for_grade(grade, ranges):
                    values["unit_id"] = False  # a new tier: the unit of the old one is left behind
                group.write(values)
                promoted |= group
        self.env["ir.config_parameter"].sudo().set_param("youth_movement.last_rollover_year", target_year)
        return {"promoted": len(promoted), "graduated": len(graduated)}

    @api.model
    def _cron_school_year_rollover(self):
        """Daily: once 1 September has come, move everyone on to the new school year."""
        self._school_year_rollover(school.school_year_of(fields.Date.context_today(self)))

    @api.model
    def _check_rollover_year(self, target_year):
        current = school.school_year_of(fields.Date.context_today(self))
        if target_year > current:
            raise UserError(
                self.env._(
                    "The school year %(year)s has not started yet: the current one is %(current)s.",
                    year=school.school_year_label(target_year),
                    current=school.school_year_label(current),
                )
            )

    # ================================================================== membership applications
    # ------------------------------------------------------------------ the portal form
    @api.model
    def _portal_application_errors(self, post, parent):
        """Check an application posted by ``parent``; return ``{field: message}`` (empty when right).

        Nothing here depends on whether the IIN is on file: a taken IIN is answered as a new one
        (:meth:`_portal_apply` makes it a claim for staff), so that the form tells nobody whether
        a child is a member. A mistyped IIN is refused: its check digit says so, not the database.
        """
        _ = self.env._
        errors = {}
        name = (post.get("name") or "").strip()
        if not name:
            errors["name"] = _("Enter the child's full name.")
        elif len(name) > NAME_MAX:
            errors["name"] = _("The name is too long.")
        elif "\x00" in name:
            errors["name"] = _("The name holds a character that is not allowed.")
        value = iin_rules.normalize(post.get("iin"))
        try:
            iin_rules.check(value)
        except iin_rules.IinError as error:
            errors["iin"] = self._iin_error_message(iin_rules.IinError(error.code, value[:12]))
        else:
            if self._portal_listed_iin(parent, value):
                errors["iin"] = _("This child is already on your list of children.")
        district = self._portal_record("youth.district", post.get("district_id"))
        if not district:
            errors["district_id"] = _("Choose the district or city.")
        school_partner = self._portal_record("res.partner", post.get("school_id"))
        if not school_partner or not school_partner.is_youth_school:
            errors["school_id"] = _("Choose the school.")
        elif district and school_partner.youth_district_id != district:
            errors["school_id"] = _("This school is not in the chosen district.")
        grade = self._portal_int(post.get("grade"))
        if grade is None or not school.MIN_GRADE <= grade <= school.MAX_GRADE:
            errors["grade"] = _("Choose a grade from %(min)s to %(max)s.", min=school.MIN_GRADE, max=school.MAX_GRADE)
        class_letter = (post.get("class_letter") or "").strip()
        if len(class_letter) > 4 or "\x00" in class_letter:
            errors["class_letter"] = _("The class is one letter, as in 7 «Б».")
        relations = dict(self.env["youth.guardian.link"]._fields["relation"].selection)
        if post.get("relation") not in relations:
            errors["relation"] = _("Say who you are to the child.")
        elif post.get("relation") not in REPRESENTATIVE_BY_LAW:
            # the consents are part of the application, and only a representative gives them
            errors["relation"] = _("Only a parent, guardian or trustee can apply and give the consents.")
        for consent_type in self.env["youth.consent.type"].sudo().search([("is_required", "=", True)]):
            if not post.get("consent_%s" % consent_type.code):
                errors["consent_%s" % consent_type.code] = _("This consent is required to apply.")
        return errors

    @api.model
    def _portal_listed_iin(self, parent, iin):
        """Whether ``iin`` is a child already on ``parent``'s list: one in their care, or one of
        their applications (claims included) that is not accepted. They know it already."""
        in_care = self._in_care_of(parent).filtered(lambda member: member.iin == iin)
        return bool(in_care) or bool(
            self.env["youth.member.claim"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", parent.id),
                    ("iin", "=", iin),
                    ("state", "in", ("open", "refused")),
                ],
                limit=1,
            )
        )

    @api.model
    def _portal_iin_preview(self, value):
        """Birth date and sex read from a typed IIN, to show beside the field; None if invalid."""
        try:
            born, sex = iin_rules.check(value)
        except iin_rules.IinError:
            return None
        sexes = dict(self._fields["sex"]._description_selection(self.env))
        return {"birth_date": born, "sex": sexes[sex]}

    @api.model
    def _portal_record(self, model, value):
        record_id = self._portal_int(value)
        if not record_id or record_id <= 0 or record_id > 2**31 - 1:
            return self.env[model]
        return self.env[model].sudo().browse(record_id).exists()

    @staticmethod
    def _portal_int(value):
        try:
            return int(str(value).strip())
        except (TypeError, ValueError):
            return None

    @api.model
    def _portal_apply(self, parent, post):
        """Record a checked application of ``parent``: the applicant with the parent's link and
        consents or, when its IIN is on file already, a claim for the staff who cover that child
        (``youth.member.claim``). Return the applicant or the claim; the portal answers both alike.

        All or nothing: an error leaves no record behind.
        """
        errors = self._portal_application_errors(post, parent)
        if errors:
            raise ValidationError("\n".join(errors.values()))
        iin = iin_rules.normalize(post["iin"])
        on_file = self._portal_on_file(iin)
        if on_file:
            return self.env["youth.member.claim"]._portal_claim(parent, on_file, post)
        Member = self.sudo()
        try:
            with self.env.cr.savepoint():
                member = Member.create(
                    {
                        "name": post["name"].strip(),
                        "iin": iin,
                        "school_id": int(post["school_id"]),
                        "grade": int(post["grade"]),
                        "class_letter": (post.get("class_letter") or "").strip() or False,
                        "status": "applicant",
                        "applied_by_id": parent.id,
                        "lang": parent.lang,
                    }
                )
                self.env["youth.guardian.link"].sudo().create(
                    {
                        "member_id": member.id,
                        "guardian_id": parent.id,
                        "relation": post["relation"],
                        "is_legal_representative": post["relation"] in REPRESENTATIVE_BY_LAW,
                    }
                )
                given = (
                    self.env["youth.consent.type"]
                    .sudo()
                    .search([])
                    .filtered(lambda consent_type: post.get("consent_%s" % consent_type.code))
                )
                self.env["youth.consent"].sudo().create(
                    [
                        {
                            "member_id": member.id,
                            "guardian_id": parent.id,
                            "type_id": consent_type.id,
                            "version": consent_type.version,
                            "channel": "portal",
                        }
                        for consent_type in given
                    ]
                )
        except pg_errors.UniqueViolation as error:
            if error.diag.constraint_name != "youth_member_iin_uniq":
                raise
            # Another transaction has just registered this IIN, after ours took its snapshot
            # (REPEATABLE READ): the search above could not see it. Answering with an error would
            # tell this family the IIN was free a moment ago; fail as a serialisation error instead,
            # so that Odoo retries the request with a fresh snapshot, which makes it a claim (the way
            # Odoo's own test_http raises one to exercise the retry).
            retry = pg_errors.SerializationFailure()
            retry.__setstate__({"pgcode": errorcodes.SERIALIZATION_FAILURE})
            raise retry from error
        member.message_post(body=self.env._("Application made in the portal by %(parent)s.", parent=parent.name))
        member._notify_family("youth_movement.mail_template_application_received")
        return member

    def _portal_grant_login(self, parent, email):
        """Give this pupil their own portal login, as ``parent`` (a legal representative, checked
        by the caller) asks in the portal; return the user.

        Odoo's portal access wizard does the work, as in the back office: it normalises the
        e-mail address, refuses one that is already a login, creates the portal user on the
        pupil's own contact and sends the welcome mail with the link to choose a password. A
        refusal raises a ``UserError`` with the message the portal shows; all or nothing.
        """
        self.ensure_one()
        _ = self.env._
        if (self.sudo().age or 0) < school.MIN_OWN_LOGIN_AGE:
            raise UserError(
                _("A pupil may have their own login from the age of %(age)s.", age=school.MIN_OWN_LOGIN_AGE)
            )
        with self.env.cr.savepoint():
            # the partners given explicitly: the wizard's default reads active_ids from the context
            wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [Command.set(self.partner_id.ids)]})
            wizard_user = wizard.user_ids
            wizard_user.email = email
            if wizard_user.email_state == "ko":
                raise UserError(_("Enter a valid e-mail address."))
            if wizard_user.email_state == "exist":
                raise UserError(_("This e-mail address already has an account."))
            wizard_user.action_grant_access()
            user = wizard_user.user_id
        self.message_post(body=_("%(parent)s gave %(child)s a portal login.", parent=parent.name, child=self.name))
        return user

    @api.model
    def _portal_on_file(self, iin):
        """The member who holds ``iin``, archived ones included (sudo), or an empty recordset."""
        return self.sudo().with_context(active_test=False).search([("iin", "=", iin)], limit=1)

    @api.model
    def _portal_applications(self, parent):
        """The applications of ``parent`` the school has not accepted, as their portal lists them:
        their own applicants (and rejected ones) and their claims, in one shape, from what they typed.
        A new application and one with an IIN on file must read the same, row for row."""
        ranges = self.env["youth.tier"].sudo()._grade_ranges()
        members = self._in_care_of(parent)._portal_undecided(parent)
        claims = (
            self.env["youth.member.claim"]
            .sudo()
            .search([("partner_id", "=", parent.id), ("state", "in", ("open", "refused"))])
        )
        rows = [member._portal_row(ranges) for member in members] + [claim._portal_row(ranges) for claim in claims]
        return sorted(rows, key=lambda row: (row["date"], row["name"]))

    def _portal_undecided(self, parent):
        """The members among these that are ``parent``'s own application, not accepted yet: the
        portal lists them as what the family sent, and opens no page, event or ticket of theirs."""
        return self.filtered(lambda member: member.applied_by_id == parent and member.status in UNDECIDED)

    def _portal_row(self, ranges):
        self.ensure_one()
        return self._portal_application_row(
            self.name,
            self.school_id,
            self.grade,
            self.class_letter,
            self.status,
            self.rejection_reason,
            self.create_date,
            ranges,
        )

    @api.model
    def _portal_application_row(self, name, school_partner, grade, class_letter, status, reason, date, ranges):
        """One application in the family's list, from what they typed; ``status`` is ``applicant``
        (under review) or ``rejected``. The tier follows the grade, as a member's does."""
        tier = school.tier_for_grade(grade, ranges)
        return {
            "name": name,
            "school": school_partner.name,
            "grade": grade,
            "class_letter": class_letter or "",
            "tier": tier.name if tier else "",
            "status": status,
            "reason": reason if status == "rejected" else "",
            "date": date,
        }

    # ------------------------------------------------------------------ staff decisions
    def action_approve_application(self):
        applicants = self.filtered(lambda m: m.status == "applicant")
        applicants.action_activate()
        applicants._notify_family("youth_movement.mail_template_application_approved")

    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject the application"),
            "res_model": "youth.member.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_ids": self.ids},
        }

    def _reject_application(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the family the reason of the rejection."))
        if self.filtered(lambda m: m.status != "applicant"):
            raise UserError(self.env._("Only applications can be rejected."))
        self.write({"status": "rejected", "rejection_reason": reason.strip(), "unit_id": False})
        self._notify_family("youth_movement.mail_template_application_rejected")

    def _notify_family(self, template_xmlid):
        self._send_family_mail(template_xmlid, self.filtered("applied_by_id"))

    @api.model
    def _send_family_mail(self, template_xmlid, records):
        """Send a family the decision on their application (a member or a claim), in one layout
        that names neither model and with a Message-ID that carries no model either: a family
        must not learn from a refusal that their application was a claim on a child on file."""
        template = self.env.ref(template_xmlid).sudo()
        for record in records:
            template.send_mail(
                record.id,
                email_layout_xmlid="youth_movement.mail_notification_family",
                email_values={"message_id": generate_tracking_message_id("youth-application")},
            )
