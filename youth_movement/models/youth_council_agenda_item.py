from odoo import api, fields, models


class YouthCouncilAgendaItem(models.Model):
    _name = "youth.council.agenda.item"
    _inherit = ["youth.scope.mixin"]
    _description = "Agenda item of a council meeting"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "youth.council.meeting", string="Meeting", required=True, ondelete="cascade", index=True
    )
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting status")
    sequence = fields.Integer(default=10)
    number = fields.Integer(compute="_compute_number", help="The item's place on the agenda: 1, 2, 3...")
    kind = fields.Selection(
        [("regular", "Regular item"), ("control", "Control of execution")],
        required=True,
        default="regular",
    )
    title = fields.Char(required=True)
    name = fields.Char(
        "Item",
        compute="_compute_name",
        help="The title, or the customary label of the control item in the user's language.",
    )
    presenter_id = fields.Many2one("res.partner", string="Presenter")
    duration = fields.Float(help="Planned time, in hours.")
    notes = fields.Text()
    # minutes of the item
    heard = fields.Html(help="Who was heard and what they reported.")
    spoke = fields.Html(help="Who spoke in the discussion.")
    decided = fields.Html(help="What the meeting decided on the item, in the words of the minutes.")
    decision_ids = fields.One2many("youth.council.decision", "agenda_item_id", string="Decisions")
    document_ids = fields.Many2many(
        "ir.attachment",
        "youth_council_agenda_item_attachment_rel",
        "item_id",
        "attachment_id",
        string="Documents",
        help="The item's documents: their PDFs go into the meeting pack, after its agenda.",
    )
    control_decision_ids = fields.Many2many(
        "youth.council.decision",
        "youth_council_agenda_item_control_rel",
        "item_id",
        "decision_id",
        string="Decisions under control",
        help="Earlier decisions still to execute, heard under this item.",
    )

    @api.depends("meeting_id.agenda_item_ids.sequence")
    def _compute_number(self):
        for meeting in self.meeting_id:
            for number, item in enumerate(meeting.agenda_item_ids.sorted(lambda i: (i.sequence, i.id)), start=1):
                if item in self:
                    item.number = number
        for item in self.filtered(lambda i: not i.meeting_id):
            item.number = 0

    @api.depends("kind", "title")
    @api.depends_context("lang")
    def _compute_name(self):
        control = self.env._("Control of execution of earlier decisions")
        for item in self:
            item.name = control if item.kind == "control" else item.title

    @api.depends("number", "name")
    def _compute_display_name(self):
        for item in self:
            item.display_name = "%s. %s" % (item.number, item.name) if item.number else item.name

    @api.model_create_multi
    def create(self, vals_list):
        meeting_ids = {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        meetings = self.env["youth.council.meeting"].browse(meeting_ids)
        meetings._youth_check_unlocked()
        items = super().create(vals_list)
        items.meeting_id._youth_refresh_pack()
        return items

    def write(self, vals):
        self.meeting_id._youth_check_unlocked()
        result = super().write(vals)
        if {"document_ids", "title", "sequence", "control_decision_ids"} & set(vals):
            self.meeting_id._youth_refresh_pack()
        return result

    def unlink(self):
        self.meeting_id._youth_check_unlocked()
        meetings = self.meeting_id
        result = super().unlink()
        meetings._youth_refresh_pack()
        return result
