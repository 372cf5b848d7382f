"""The council portal: a council member or a partner organisation's contact, with a portal login, sees
their councils, the meetings (agenda, their answer, the approved protocol) and the decisions they or
their organisation execute, and reports progress on them.

Every route finds the record among the logged-in person's own (``youth.council._portal_*``) before it
reads anything with elevated rights; nothing of the movement's children is on these pages."""

import base64

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from . import replica
from .calendar import YouthCalendarPortal

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024


class YouthCouncilPortal(YouthCalendarPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "youth_council_count" in counters:
            values["youth_council_count"] = len(request.env["youth.council"]._portal_councils(self._youth_partner()))
        return values

    @staticmethod
    def _youth_partner():
        return request.env.user.partner_id

    def _youth_own(self, model, method, record_id):
        """The record ``record_id`` among the logged-in person's own (``model.method(partner)``), or 404."""
        records = getattr(request.env[model], method)(self._youth_partner())
        record = records.filtered(lambda r: r.id == record_id)
        if not record:
            replica.not_found(NotFound())
        return record

    def _youth_council(self, council_id):
        return self._youth_own("youth.council", "_portal_councils", council_id)

    def _youth_meeting(self, meeting_id):
        return self._youth_own("youth.council.meeting", "_portal_meetings", meeting_id)

    def _youth_decision(self, decision_id):
        return self._youth_own("youth.council.decision", "_portal_decisions", decision_id)

    @http.route("/my/councils", type="http", auth="user", website=True, readonly=replica.family_page)
    def portal_youth_councils(self, **kw):
        partner = self._youth_partner()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_councils",
                "councils": request.env["youth.council"]._portal_councils(partner),
                "decisions": request.env["youth.council.decision"]._portal_decisions(partner),
                "ballots": request.env["youth.council.vote"]._portal_ballots(partner),
            }
        )
        return request.render("youth_movement.portal_youth_councils", values)

    @http.route(
        "/my/votes/<int:vote_id>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_vote(self, vote_id, choice=None, **kw):
        """A vote between meetings: the decision, the person's ballot, and once closed the tally."""
        partner = self._youth_partner()
        ballot = request.env["youth.council.vote"]._portal_ballots(partner).filtered(lambda b: b.vote_id.id == vote_id)
        if not ballot:
            replica.not_found(NotFound())
        vote = ballot.vote_id
        error = False
        if request.httprequest.method == "POST":
            try:
                vote._portal_cast(partner, choice if isinstance(choice, str) else None)
            except UserError as exc:
                error = str(exc.args[0]) if exc.args else str(exc)
            else:
                return request.redirect(f"/my/votes/{vote.id}?message=cast")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_vote",
                "vote": vote,
                "ballot": ballot,
                "error": error,
                "message": kw.get("message"),
                "choices": dict(ballot._fields["choice"]._description_selection(request.env)),
            }
        )
        return request.render("youth_movement.portal_youth_vote", values)

    @http.route("/my/councils/<int:council_id>", type="http", auth="user", website=True, readonly=replica.family_page)
    def portal_youth_council(self, council_id, **kw):
        council = self._youth_council(council_id)
        partner = self._youth_partner()
        meetings = (
            request.env["youth.council.meeting"]._portal_meetings(partner).filtered(lambda m: m.council_id == council)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_council",
                "council": council,
                "upcoming": meetings.filtered(lambda m: m.state == "planned").sorted("start"),
                "past": meetings.filtered(lambda m: m.state == "approved").sorted("start", reverse=True),
                "answers": {m.id: m._portal_answer(partner) for m in meetings},
                "reviews": request.env["youth.council.minutes.review"]
                ._portal_reviews(partner)
                .filtered(lambda r: r.meeting_id.council_id == council),
                "message": kw.get("message"),
            }
        )
        return request.render("youth_movement.portal_youth_council", values)

    @http.route(
        "/my/councils/meetings/<int:meeting_id>/answer", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_youth_meeting_answer(self, meeting_id, answer=None, **kw):
        meeting = self._youth_meeting(meeting_id)
        if answer not in ("accepted", "declined") or meeting.state != "planned":
            return request.redirect(f"/my/councils/{meeting.council_id.id}")
        meeting._portal_set_answer(self._youth_partner(), answer)
        return request.redirect(f"/my/councils/{meeting.council_id.id}?message={answer}")

    @http.route(
        "/my/councils/meetings/<int:meeting_id>/protocol",
        type="http",
        auth="user",
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_meeting_protocol(self, meeting_id, **kw):
        """The approved protocol; the draft one for the members asked to review it."""
        meeting = self._youth_meeting(meeting_id)
        reviewing = meeting.state == "held" and self._youth_review(meeting, raise_if_missing=False)
        if meeting.state != "approved" and not reviewing:
            raise NotFound()
        return self._show_report(meeting, "pdf", "youth_movement.youth_council_meeting_report_protocol", download=True)

    @http.route(
        "/my/councils/meetings/<int:meeting_id>/pack",
        type="http",
        auth="user",
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_meeting_pack(self, meeting_id, **kw):
        """The meeting pack of a planned meeting, for its council's members and its invitees."""
        meeting = self._youth_meeting(meeting_id)
        attachment = meeting.pack_attachment_id
        if not attachment:
            raise NotFound()
        return request.make_response(
            base64.b64decode(attachment.datas),
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", http.content_disposition(attachment.name)),
                ("Cache-Control", "private, no-store"),
            ],
        )

    def _youth_review(self, meeting, raise_if_missing=True):
        review = (
            request.env["youth.council.minutes.review"]
            ._portal_reviews(self._youth_partner())
            .filtered(lambda r: r.meeting_id == meeting)
        )
        if not review and raise_if_missing:
            raise NotFound()
        return review

    @http.route(
        "/my/councils/meetings/<int:meeting_id>/minutes",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_minutes(self, meeting_id, **post):
        """The draft minutes for the member to approve or comment on."""
        meeting = self._youth_meeting(meeting_id)
        review = self._youth_review(meeting)
        error = False
        if request.httprequest.method == "POST":
            comment = post.get("comment") if isinstance(post.get("comment"), str) else ""
            try:
                review._portal_answer(post.get("answer") == "approve", comment)
            except UserError as exc:
                error = str(exc.args[0]) if exc.args else str(exc)
            else:
                return request.redirect(f"/my/councils/{meeting.council_id.id}?message=minutes")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "youth_minutes", "meeting": meeting, "review": review, "error": error})
        return request.render("youth_movement.portal_youth_minutes", values)

    @http.route(
        "/my/decisions/<int:decision_id>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        readonly=replica.family_page,
    )
    def portal_youth_decision(self, decision_id, **post):
        decision = self._youth_decision(decision_id)
        error = False
        if request.httprequest.method == "POST":
            text = post.get("text") if isinstance(post.get("text"), str) else ""
            files = [upload for upload in request.httprequest.files.getlist("files") if upload and upload.filename][
                : MAX_FILES + 1
            ]
            try:
                attachments = []
                if len(files) > MAX_FILES:
                    raise UserError(request.env._("At most %(count)s files at a time.", count=MAX_FILES))
                for upload in files:
                    data = upload.read(MAX_FILE_BYTES + 1)
                    if len(data) > MAX_FILE_BYTES:
                        raise UserError(request.env._("A file may be at most 10 MB."))
                    attachments.append((upload.filename[:200], base64.b64encode(data)))
                decision._portal_report_progress(self._youth_partner(), text, attachments)
            except UserError as exc:
                error = str(exc.args[0]) if exc.args else str(exc)
            else:
                return request.redirect(f"/my/decisions/{decision.id}?message=reported")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "youth_decision",
                "decision": decision,
                "reports": decision.progress_ids.sorted(lambda r: (r.date, r.id), reverse=True),
                "error": error,
                "text": post.get("text") if error and isinstance(post.get("text"), str) else "",
                "message": post.get("message"),
            }
        )
        return request.render("youth_movement.portal_youth_decision", values)
