import base64
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import format_date, format_datetime
from odoo.tools.misc import file_path
from odoo.tools.pdf import merge_pdf

from ..const import STAFF
from ..tools import pack, quorum, timezone

ADOPTED = ("held", "approved")
PROTOCOL_LANGS = [("kk_KZ", "Kazakh"), ("ru_RU", "Russian")]


def _free_fields(vals):
    """Fields that stay writable on approved minutes: the chatter and activities."""
    return all(key.startswith(("message_", "activity_", "website_message")) for key in vals)


class YouthCouncilMeeting(models.Model):
    _name = "youth.council.meeting"
    _description = "Meeting of a coordination council"
    _inherit = ["mail.thread", "mail.activity.mixin", "youth.scope.mixin"]
    _order = "start desc, id desc"
    _rec_names_search = ["name", "topic"]

    # identity: "3/2026" is the third meeting of the council in 2026
    name = fields.Char("Number", readonly=True, copy=False, index=True)
    year = fields.Integer(readonly=True, copy=False, aggregator=False)
    sequence_number = fields.Integer("Rank in the year", readonly=True, copy=False, aggregator=False)
    council_id = fields.Many2one(
        "youth.council", string="Council", required=True, index=True, ondelete="restrict", tracking=True
    )
    council_level = fields.Selection(related="council_id.level", store=True, string="Level")
    district_id = fields.Many2one("youth.district", related="council_id.district_id", store=True, index=True)
    meeting_type = fields.Selection(
        [("regular", "Regular"), ("extended", "Extended"), ("extraordinary", "Extraordinary")],
        string="Type",
        required=True,
        default="regular",
        tracking=True,
    )
    topic = fields.Char(required=True, tracking=True)
    # when and where
    start = fields.Datetime(required=True, tracking=True, default=lambda self: self._default_start())
    stop = fields.Datetime("End", compute="_compute_stop", store=True, readonly=False, required=True, precompute=True)
    date = fields.Date(compute="_compute_date", help="The day of the meeting in the time zone of the region.")
    venue = fields.Char(tracking=True)
    cohost_ids = fields.Many2many(
        "res.partner",
        "youth_council_meeting_cohost_rel",
        "meeting_id",
        "partner_id",
        string="Co-hosting organizations",
        domain=[("is_company", "=", True)],
    )
    plan_line_id = fields.Many2one(
        "youth.work.plan.line", string="Work plan line", index=True, groups=STAFF, ondelete="set null"
    )
    # content
    agenda_item_ids = fields.One2many("youth.council.agenda.item", "meeting_id", string="Agenda", copy=True)
    participant_ids = fields.One2many("youth.council.participant", "meeting_id", string="Participants")
    decision_ids = fields.One2many("youth.council.decision", "meeting_id", string="Decisions")
    decision_count = fields.Integer(compute="_compute_decision_count")
    chair_id = fields.Many2one("res.partner", string="Chair", compute="_compute_officers", store=True, readonly=False)
    secretary_id = fields.Many2one(
        "res.partner", string="Secretary", compute="_compute_officers", store=True, readonly=False
    )
    minutes = fields.Html("Minutes: general part", help="What the meeting stated and adopted as a whole.")
    protocol_lang = fields.Selection(PROTOCOL_LANGS, string="Language of the protocol", required=True, default="kk_KZ")
    # lifecycle
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("held", "Held"),
            ("approved", "Minutes approved"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    pack_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Meeting pack",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="Cover, agenda, each item's documents and the decisions under control: made when the meeting is "
        "planned, made again when the documents change.",
    )
    minutes_review_ids = fields.One2many(
        "youth.council.minutes.review", "meeting_id", string="Reviews of the minutes", readonly=True
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", copy=False, readonly=True, ondelete="set null"
    )
    # quorum
    voting_member_count = fields.Integer("Voting members", compute="_compute_quorum")
    present_member_count = fields.Integer("Voting members present", compute="_compute_quorum")
    quorum_required = fields.Integer("Needed for the quorum", compute="_compute_quorum")
    has_quorum = fields.Boolean("Quorum", compute="_compute_quorum")

    _sql_constraints = [
        ("number_uniq", "unique(council_id, year, sequence_number)", "A council numbers its meetings once a year."),
    ]

    @api.model
    def _default_start(self):
        tomorrow = fields.Date.context_today(self) + datetime.timedelta(days=1)
        return timezone.to_utc(datetime.datetime.combine(tomorrow, datetime.time(10, 0)), self._youth_tz_name())

    @api.depends("start")
    def _compute_stop(self):
        for meeting in self:
            if meeting.start and (not meeting.stop or meeting.stop <= meeting.start):
                meeting.stop = meeting.start + datetime.timedelta(hours=2)

    @api.depends("start")
    def _compute_date(self):
        for meeting in self:
            meeting.date = timezone.to_local(meeting.start, meeting._youth_tz_name()).date() if meeting.start else False

    def _compute_decision_count(self):
        counts = dict(
            self.env["youth.council.decision"]._read_group(
                [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]
            )
        )
        for meeting in self:
            meeting.decision_count = counts.get(meeting, 0)

    @api.depends("participant_ids.role", "participant_ids.partner_id", "council_id")
    def _compute_officers(self):
        for meeting in self:
            for role, field in (("chair", "chair_id"), ("secretary", "secretary_id")):
                if meeting[field]:
                    continue
                participant = meeting.participant_ids.filtered(lambda p, role=role: p.role == role)[:1]
                meeting[field] = participant.partner_id

    @api.depends(
        "participant_ids.state",
        "participant_ids.member_id",
        "council_id.quorum_rule",
        "council_id.quorum_value",
        "council_id.member_ids",
        "start",
    )
    def _compute_quorum(self):
        for meeting in self:
            day = meeting.date or fields.Date.context_today(meeting)
            voting = meeting.council_id._voting_members(day) if meeting.council_id else self.env["youth.council.member"]
            present = meeting.participant_ids.filtered(lambda p, v=voting: p.state == "present" and p.member_id in v)
            meeting.voting_member_count = len(voting)
            meeting.present_member_count = len(present.member_id)
            meeting.quorum_required = quorum.required_present(
                len(voting), meeting.council_id.quorum_rule or "percent", meeting.council_id.quorum_value or 50
            )
            meeting.has_quorum = quorum.has_quorum(
                len(present.member_id),
                len(voting),
                meeting.council_id.quorum_rule or "percent",
                meeting.council_id.quorum_value or 50,
            )

    @api.constrains("start", "stop")
    def _check_dates(self):
        for meeting in self:
            if meeting.stop and meeting.start and meeting.stop < meeting.start:
                raise ValidationError(self.env._("Meeting %(number)s ends before it starts.", number=meeting.name))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings._youth_assign_numbers()
        if not self.env.context.get("youth_no_auto_members"):
            for meeting in meetings.filtered(lambda m: not m.participant_ids):
                meeting._youth_add_members()
        meetings._youth_refresh_control_item()
        return meetings

    def write(self, vals):
        if not _free_fields(vals):
            self._youth_check_unlocked()
        renumber = "start" in vals or "council_id" in vals
        if renumber and self.filtered(lambda m: m.state != "draft"):
            if any(
                m.state != "draft"
                and (
                    ("council_id" in vals and vals["council_id"] != m.council_id.id)
                    or ("start" in vals and self._youth_year_of(fields.Datetime.to_datetime(vals["start"])) != m.year)
                )
                for m in self
            ):
                raise UserError(
                    self.env._(
                        "A planned meeting keeps its council and its year: cancel it and plan " "a new one instead."
                    )
                )
        res = super().write(vals)
        if renumber:
            self.filtered(lambda m: m.state == "draft")._youth_assign_numbers(force=True)
            self._youth_refresh_control_item()
        if {"start", "stop", "venue", "topic", "meeting_type"} & set(vals):
            self.filtered(lambda m: m.state == "planned")._youth_sync_calendar()
        return res

    def unlink(self):
        if self.filtered(lambda m: m.state in ADOPTED):
            raise UserError(self.env._("A meeting that was held stays on record; it cannot be deleted."))
        self.calendar_event_id.unlink()
        return super().unlink()

    @api.depends("name", "council_id", "topic")
    def _compute_display_name(self):
        for meeting in self:
            meeting.display_name = "%s %s" % (self.env._("No."), meeting.name) if meeting.name else meeting.topic

    # ------------------------------------------------------------------ actions
    def action_plan(self):
        """Send the invitations: the calendar event gets the internal participants as attendees."""
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(self.env._("Only a draft meeting can be planned."))
            if not meeting.participant_ids:
                raise UserError(
                    self.env._("Add the participants of meeting %(number)s before inviting them.", number=meeting.name)
                )
        self.write({"state": "planned"})
        self._youth_sync_calendar()
        self._youth_refresh_control_item()
        self._youth_refresh_pack()
        self._youth_send_pack()
        return True

    def action_held(self):
        """Mark the meeting held; refused without a quorum. The decisions become binding."""
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(self.env._("Only a planned meeting can be marked held."))
            if not meeting.has_quorum:
                raise UserError(
                    self.env._(
                        "Meeting %(number)s has no quorum: %(present)s voting members present, %(required)s needed.",
                        number=meeting.name,
                        present=meeting.present_member_count,
                        required=meeting.quorum_required,
                    )
                )
        self.write({"state": "held"})
        self.decision_ids._youth_schedule_activities()
        # its open decisions are now under control at the council's coming meetings
        self._youth_refresh_upcoming(self.council_id)
        return True

    def action_approve(self):
        """Approve the minutes: the meeting, its agenda, participants and decisions are locked."""
        for meeting in self:
            if meeting.state != "held":
                raise UserError(self.env._("Only the minutes of a held meeting can be approved."))
            if not meeting.chair_id or not meeting.secretary_id:
                raise UserError(
                    self.env._("The minutes of %(number)s need their chair and secretary.", number=meeting.name)
                )
        self.write({"state": "approved"})
        return True

    def action_cancel(self):
        for meeting in self:
            if meeting.state not in ("draft", "planned"):
                raise UserError(self.env._("A meeting that was held cannot be cancelled."))
        events = self.calendar_event_id
        self.write({"state": "cancelled", "calendar_event_id": False})
        events.unlink()
        return True

    def action_draft(self):
        if self.filtered(lambda m: m.state != "cancelled"):
            raise UserError(self.env._("Only a cancelled meeting goes back to draft."))
        self.write({"state": "draft"})
        return True

    def action_add_members(self):
        """Invite the council's members who are not on the list yet."""
        self._youth_check_unlocked()
        for meeting in self:
            meeting._youth_add_members()
        return True

    def action_view_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("youth_movement.youth_council_decision_action")
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"default_meeting_id": self.id}
        return action

    def action_print_protocol(self):
        return self.env.ref("youth_movement.youth_council_meeting_report_protocol").report_action(self)

    # ------------------------------------------------------------------ business
    def _youth_report_lang(self):
        """The language to print the protocol in: the chosen one when it is active, else the user's."""
        self.ensure_one()
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        return self.protocol_lang if self.protocol_lang in active else self.env.lang

    def _youth_check_unlocked(self):
        locked = self.filtered(lambda m: m.state == "approved")
        if locked:
            raise UserError(
                self.env._(
                    "The minutes of meeting %(number)s are approved: the meeting can no longer be changed.",
                    number=locked[0].name,
                )
            )

    def _youth_tz_name(self):
        """The time zone meetings are typed and numbered in: the context's, else the user's."""
        return self.env.context.get("tz") or self.env.user.tz

    def _youth_year_of(self, start):
        return timezone.to_local(start, self._youth_tz_name()).year if start else fields.Date.context_today(self).year

    def _youth_assign_numbers(self, force=False):
        """Number the meetings per council and calendar year: 1/2026, 2/2026..."""
        for meeting in self.sorted(lambda m: (m.start, m.id)):
            year = meeting._youth_year_of(meeting.start)
            if meeting.name and not force:
                continue
            if force and meeting.name and meeting.year == year:
                continue
            # one numbering at a time per council
            self.env.cr.execute("SELECT id FROM youth_council WHERE id = %s FOR UPDATE", [meeting.council_id.id])
            used = (
                self.sudo()
                .search([("council_id", "=", meeting.council_id.id), ("year", "=", year), ("id", "!=", meeting.id)])
                .mapped("sequence_number")
            )
            rank = quorum.next_sequence(used)
            super(YouthCouncilMeeting, meeting).write(
                {"year": year, "sequence_number": rank, "name": quorum.meeting_number(rank, year)}
            )
        return True

    def _youth_add_members(self):
        self.ensure_one()
        day = self.date or fields.Date.context_today(self)
        listed = self.participant_ids.member_id
        members = self.council_id.member_ids.filtered(lambda m: m._in_term(day) and m not in listed)
        self.env["youth.council.participant"].create(
            [
                {
                    "meeting_id": self.id,
                    "member_id": member.id,
                }
                for member in members
            ]
        )

    def _youth_calendar_values(self):
        self.ensure_one()
        internal = self.participant_ids.partner_id.filtered(lambda p: p.user_ids.filtered(lambda u: not u.share))
        return {
            "name": "%s: %s" % (self.council_id.name, self.topic),
            "start": self.start,
            "stop": self.stop,
            "location": self.venue or False,
            "description": self.topic,
            "partner_ids": [Command.set(internal.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _youth_sync_calendar(self):
        """Keep the linked calendar event in step: time, place, and the internal participants."""
        for meeting in self:
            values = meeting._youth_calendar_values()
            if meeting.calendar_event_id:
                meeting.calendar_event_id.write(values)
            else:
                event = (
                    self.env["calendar.event"]
                    .with_context(default_res_model=False, default_res_id=False)
                    .create(values)
                )
                super(YouthCouncilMeeting, meeting).write({"calendar_event_id": event.id})
                # the organizer, when a participant, has accepted at once
                meeting._youth_sync_answers(event.attendee_ids.filtered(lambda a: a.state == "accepted"))
        return True

    def _youth_pending_decisions(self):
        """The council's adopted decisions still to execute, for the "control of execution" item."""
        self.ensure_one()
        Decision = self.env["youth.council.decision"].sudo()
        return Decision.search(
            [
                ("council_id", "=", self.council_id.id),
                ("state", "in", ("open", "in_progress")),
                "|",
                ("meeting_id", "=", False),
                ("meeting_id.state", "in", ADOPTED),
                ("meeting_id", "!=", self.id),
            ]
        )

    def _youth_refresh_control_item(self):
        """Put the open decisions on the agenda of the coming meetings, until they are done."""
        Item = self.env["youth.council.agenda.item"].sudo()
        for meeting in self.filtered(lambda m: m.state in ("draft", "planned")):
            pending = meeting._youth_pending_decisions()
            item = meeting.agenda_item_ids.filtered(lambda i: i.kind == "control")
            if pending and item:
                item.sudo().control_decision_ids = [Command.set(pending.ids)]
            elif pending:
                last = max(meeting.agenda_item_ids.mapped("sequence"), default=0)
                Item.create(
                    {
                        "meeting_id": meeting.id,
                        "kind": "control",
                        "sequence": last + 100,
                        # the agenda speaks the protocol's language, whoever plans the meeting
                        "title": meeting.with_context(lang=meeting._youth_report_lang()).env._(
                            "Control of execution of earlier decisions"
                        ),
                        "presenter_id": meeting.secretary_id.id or False,
                        "control_decision_ids": [Command.set(pending.ids)],
                    }
                )
            elif item:
                item.sudo().unlink()

    @api.model
    def _youth_refresh_upcoming(self, councils):
        """Refresh the control item of the coming meetings of some councils."""
        if councils:
            self.sudo().search(
                [("council_id", "in", councils.ids), ("state", "in", ("draft", "planned"))]
            )._youth_refresh_control_item()

    def _youth_sync_answers(self, attendees):
        """The calendar answers of attendees reach the participant list (while the meeting is planned)."""
        mapping = {"accepted": "confirmed", "declined": "absent", "tentative": "invited", "needsAction": "invited"}
        for meeting in self.filtered(lambda m: m.state == "planned"):
            for attendee in attendees.filtered(lambda a, m=meeting: a.event_id == m.calendar_event_id):
                # attendance marked at the meeting outweighs an answer to the invitation
                participants = meeting.participant_ids.filtered(
                    lambda p, a=attendee: p.partner_id == a.partner_id and p.state != "present"
                )
                values = {"state": mapping.get(attendee.state, "invited")}
                if attendee.state == "declined":
                    values["absence_reason"] = self.env._("Declined the invitation in the calendar")
                participants.sudo().write(values)

    def action_youth_send_minutes(self):
        """Send the draft minutes of a held meeting to the council's voting members, for them to approve
        or comment in the council portal before the chair approves them."""
        self.check_access("write")
        Review = self.env["youth.council.minutes.review"].sudo()  # written by the secretary's action only
        for meeting in self:
            if meeting.state != "held":
                raise UserError(self.env._("Only the draft minutes of a held meeting are sent for review."))
            members = meeting.council_id._voting_members(meeting.start.date()).partner_id
            missing = members - meeting.minutes_review_ids.partner_id
            Review.create([{"meeting_id": meeting.id, "partner_id": partner.id} for partner in missing])
            if missing:
                meeting.message_post(
                    body=self.env._(
                        "The draft minutes of meeting %(number)s are ready: please approve or comment on them in "
                        "the council portal.",
                        number=meeting.name,
                    ),
                    partner_ids=missing.ids,
                    subtype_xmlid="mail.mt_comment",
                )
        return True

    # ------------------------------------------------------------------ the meeting pack
    def _youth_refresh_pack(self):
        """Make the pack again for the planned meetings among these (their documents changed)."""
        for meeting in self.filtered(lambda m: m.state == "planned"):
            meeting._youth_build_pack()

    def _youth_build_pack(self):
        """The meeting pack as one PDF: the cover with the agenda and the decisions under control (in the
        protocol's language), then each agenda item's PDF documents in the agenda's order."""
        self.ensure_one()
        meeting = self.sudo().with_context(lang=self._youth_report_lang())
        _ = meeting.env._
        items = meeting.agenda_item_ids.sorted(lambda i: (i.sequence, i.id))
        control = items.control_decision_ids
        first = pack.cover(
            file_path("web/static/fonts/sign/NotoSans-Reg.ttf"),
            meeting.council_id.name,
            _("Meeting %(number)s: %(topic)s", number=meeting.name or "", topic=meeting.topic),
            # the movement's time, whoever makes the pack: it goes to every participant alike
            format_datetime(meeting.env, meeting.start, tz=timezone.DEFAULT_TZ, dt_format="dd.MM.y HH:mm"),
            meeting.venue or "",
            [(item.title, item.document_ids.mapped("name")) for item in items],
            [
                "%s %s%s"
                % (d.number or "", d.text, " — %s" % format_date(meeting.env, d.deadline) if d.deadline else "")
                for d in control
            ],
            {
                "agenda": _("Agenda"),
                "documents": _("Documents"),
                "control": _("Decisions under control of execution"),
            },
        )
        documents = [
            base64.b64decode(doc.datas)
            for item in items
            for doc in item.document_ids
            if doc.mimetype == "application/pdf" and doc.datas
        ]
        try:
            data = merge_pdf([first, *documents])
        except Exception:  # a damaged PDF among the documents: the pack keeps the cover and the sound ones
            sound = []
            for document in documents:
                try:
                    merge_pdf([document])
                except Exception:
                    continue
                sound.append(document)
            data = merge_pdf([first, *sound])
        values = {
            "name": "%s.pdf" % _("Meeting pack %(number)s", number=(meeting.name or "").replace("/", "-")),
            "datas": base64.b64encode(data),
            "mimetype": "application/pdf",
            "res_model": self._name,
            "res_id": self.id,
        }
        if meeting.pack_attachment_id:
            meeting.pack_attachment_id.write(values)
        else:
            attachment = self.env["ir.attachment"].sudo().create(values)
            super(YouthCouncilMeeting, meeting).write({"pack_attachment_id": attachment.id})
        return meeting.pack_attachment_id

    def _youth_send_pack(self):
        """The invitation with the pack: a message on the meeting to every participant with an e-mail
        address, the council's outside members included (the calendar invites only the staff)."""
        for meeting in self.filtered("pack_attachment_id"):
            partners = meeting.participant_ids.partner_id.filtered("email")
            if not partners:
                continue
            meeting.message_post(
                body=self.env._(
                    "You are invited to meeting %(number)s of %(council)s: %(topic)s, %(when)s, %(where)s. The "
                    "meeting pack is attached; it is also in the council portal.",
                    number=meeting.name,
                    council=meeting.council_id.name,
                    topic=meeting.topic,
                    when=format_datetime(self.env, meeting.start, tz=timezone.DEFAULT_TZ, dt_format="dd.MM.y HH:mm"),
                    where=meeting.venue or "",
                ),
                partner_ids=partners.ids,
                attachment_ids=meeting.pack_attachment_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------------ the council portal
    def _get_report_base_filename(self):
        """The protocol's file name when the portal downloads it (as the report's own name)."""
        self.ensure_one()
        return "Protocol %s" % (self.name or "").replace("/", "-")

    @api.model
    def _portal_meetings(self, partner):
        """The meetings ``partner`` may see in the portal (sudo, already checked): those of their
        councils and those they are invited to, once planned."""
        councils = self.env["youth.council"]._portal_councils(partner)
        return self.sudo().search(
            [
                ("state", "in", ("planned", "held", "approved")),
                "|",
                ("council_id", "in", councils.ids),
                ("participant_ids.partner_id", "=", partner.id),
            ]
        )

    def _portal_answer(self, partner):
        """The person's answer to the invitation: the state of their line among the participants."""
        self.ensure_one()
        return self.sudo().participant_ids.filtered(lambda p: p.partner_id == partner)[:1].state or False

    def _portal_set_answer(self, partner, answer):
        """The person comes (``accepted``) or not (``declined``): their participant line, and their
        calendar attendee when they have one, as an answer in the calendar would."""
        self.ensure_one()
        meeting = self.sudo()
        attendee = meeting.calendar_event_id.attendee_ids.filtered(lambda a: a.partner_id == partner)
        if attendee:
            # the calendar's answer reaches the participant list (calendar_attendee.py)
            attendee.do_accept() if answer == "accepted" else attendee.do_decline()
            return
        lines = meeting.participant_ids.filtered(lambda p: p.partner_id == partner and p.state != "present")
        values = {"state": "confirmed" if answer == "accepted" else "absent"}
        if answer == "declined":
            values["absence_reason"] = self.env._("Declined the invitation in the portal")
        lines.write(values)
