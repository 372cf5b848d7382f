"""A child's health and emergency card: filled by a legal representative in the portal, read by the
leaders of an event the child is registered for while it is near, every read logged for the family.

No group has access rights on these models (an access line that grants nothing says so): staff,
managers and Odoo's administrators reach a card only through the routes of
``controllers/health.py``, which check :meth:`YouthHealthCard._youth_reader_problem` and log the read
before they show anything, so a card is in no list, export, import, report or mail."""

import datetime
import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import timezone

CONSENT_CODE = "health_data"
DAYS_BEFORE_PARAM = "youth_movement.health_card_days_before"
DAYS_BEFORE_DEFAULT = 3
TEXT_FIELDS = ("allergies", "conditions", "medication", "diet", "leader_notes")
TEXT_MAX = 2000
CONTACT_ROWS = 3
NAME_MAX = 128
PHONE = re.compile(r"^\+?[0-9 ()\-]{5,24}$")


class YouthHealthCard(models.Model):
    _name = "youth.health.card"
    _description = "Health and emergency card"
    _rec_name = "member_id"

    member_id = fields.Many2one("youth.member", string="Child", required=True, index=True, ondelete="cascade")
    allergies = fields.Text()
    conditions = fields.Text("Medical conditions")
    medication = fields.Text()
    diet = fields.Text()
    leader_notes = fields.Text("Notes for leaders")
    contact_ids = fields.One2many("youth.health.contact", "card_id", string="Emergency contacts")
    checked_date = fields.Date("Checked on", help="The day a legal representative last confirmed the card.")
    checked_by_id = fields.Many2one("res.partner", string="Checked by", ondelete="set null")

    _sql_constraints = [("member_uniq", "unique(member_id)", "A child has one health card.")]

    # ------------------------------------------------------------------ who may read it
    @api.model
    def _youth_days_before(self):
        value = self.env["ir.config_parameter"].sudo().get_param(DAYS_BEFORE_PARAM)
        try:
            return max(int(value), 0) if value not in (None, False, "") else DAYS_BEFORE_DEFAULT
        except ValueError:
            return DAYS_BEFORE_DEFAULT

    @api.model
    def _youth_window(self, event):
        """From ``days before`` the event's first day (midnight in the event's zone) to its end."""
        begin = timezone.to_local(event.date_begin, event.date_tz)
        opens = datetime.datetime.combine(
            begin.date() - datetime.timedelta(days=self._youth_days_before()), datetime.time()
        )
        return timezone.to_utc(opens, event.date_tz), event.date_end

    @api.model
    def _youth_reader_problem(self, user, registration):
        """Why ``user`` may not read the card of the child of ``registration`` now, or False.

        Only a leader of the event (its responsible user or one of the leaders named on it), only
        for a child with a seat or who attended, only inside the window."""
        registration = registration.sudo()
        if not registration.youth_member_id or not registration.event_id.youth_level:
            return self.env._("This registration is not a pupil's.")
        problem = self._youth_leader_problem(user, registration.event_id)
        if problem:
            return problem
        if registration.state not in ("open", "done"):
            return self.env._("The child has no seat at this event.")
        return False

    @api.model
    def _youth_leader_problem(self, user, event):
        """Why ``user`` may not read the health cards of ``event``'s participants now, or False."""
        event = event.sudo()
        if user not in (event.user_id | event.youth_leader_ids):
            return self.env._("Only the leaders of the event may read the health cards of its participants.")
        opens, closes = self._youth_window(event)
        now = fields.Datetime.now()
        if now < opens:
            return self.env._(
                "The health cards of the participants can be read from %(date)s.",
                date=format_date(self.env, timezone.to_local(opens, event.date_tz).date()),
            )
        if now > closes:
            return self.env._("The event is over: its participants' health cards are closed.")
        return False

    def _youth_log_read(self, kind, event=False, reason=False):
        """Write who read the cards of these children, when and for which event (sudo: nobody writes
        the log otherwise)."""
        Access = self.env["youth.health.access"].sudo()
        return Access.create(
            [
                {
                    "member_id": card.member_id.id,
                    "user_id": self.env.uid,
                    "event_id": event.id if event else False,
                    "kind": kind,
                    "reason": reason or False,
                }
                for card in self
            ]
        )

    # ------------------------------------------------------------------ the family's form
    @api.model
    def _youth_consent(self, member):
        return member.sudo().consent_ids.filtered(lambda c: c.type_id.code == CONSENT_CODE and c.state == "given")

    @api.model
    def _portal_form_errors(self, post, has_consent):
        """The family's form, checked: ``{field: message}``, empty when it may be saved."""
        _ = self.env._
        errors = {}
        if not has_consent and post.get("consent") != "on":
            errors["consent"] = _("Without this consent nothing can be stored: tick it to save the card.")
        for name in TEXT_FIELDS:
            value = post.get(name) or ""
            if len(value) > TEXT_MAX:
                errors[name] = _("At most %(count)s characters.", count=TEXT_MAX)
        contacts = 0
        for row in range(CONTACT_ROWS):
            name, relation, phone = (
                (post.get(f"contact_{key}_{row}") or "").strip() for key in ("name", "relation", "phone")
            )
            if not (name or relation or phone):
                continue
            if not name or len(name) > NAME_MAX:
                errors[f"contact_name_{row}"] = _(
                    "Enter the contact's name (at most %(count)s characters).", count=NAME_MAX
                )
            if len(relation) > NAME_MAX:
                errors[f"contact_relation_{row}"] = _("At most %(count)s characters.", count=NAME_MAX)
            if not PHONE.match(phone):
                errors[f"contact_phone_{row}"] = _("Enter a phone number: digits, spaces, +, - and brackets.")
            contacts += 1
        if not contacts:
            errors["contact_name_0"] = _("Give at least one person to call in an emergency.")
        if any("\x00" in value for value in post.values() if isinstance(value, str)):
            errors["form"] = _("The form holds a character that is not allowed.")
        return errors

    @api.model
    def _portal_save(self, member, partner, post):
        """Store the card as the legal representative ``partner`` filled it (and the consent it needs,
        when it is given on the form); the card counts as checked today."""
        member = member.sudo()
        has_consent = bool(self._youth_consent(member))
        errors = self._portal_form_errors(post, has_consent)
        if errors:
            raise UserError("\n".join(errors.values()))
        if not has_consent:
            consent_type = self.env["youth.consent.type"].sudo().search([("code", "=", CONSENT_CODE)], limit=1)
            if not consent_type:
                raise UserError(self.env._("Health data cannot be stored: the kind of consent it needs is missing."))
            self.env["youth.consent"].sudo().create(
                {"member_id": member.id, "guardian_id": partner.id, "type_id": consent_type.id, "channel": "portal"}
            )
        values = {name: (post.get(name) or "").strip() or False for name in TEXT_FIELDS}
        values.update(
            checked_date=timezone.today_in(partner.tz), checked_by_id=partner.id, contact_ids=[fields.Command.clear()]
        )
        for row in range(CONTACT_ROWS):
            name, relation, phone = (
                (post.get(f"contact_{key}_{row}") or "").strip() for key in ("name", "relation", "phone")
            )
            if name:
                values["contact_ids"].append(
                    fields.Command.create(
                        {"name": name, "relation": relation or False, "phone": phone, "sequence": row}
                    )
                )
        card = self.sudo().search([("member_id", "=", member.id)])
        if card:
            card.write(values)
        else:
            card = self.sudo().create(dict(values, member_id=member.id))
        return card

    def _portal_confirm(self, partner):
        """The legal representative says the card is still right."""
        self.sudo().write({"checked_date": timezone.today_in(partner.tz), "checked_by_id": partner.id})

    @api.model
    def _youth_forget(self, members):
        """Health data consent withdrawn: the cards go (the read log stays, for the family)."""
        self.sudo().search([("member_id", "in", members.ids)]).unlink()
