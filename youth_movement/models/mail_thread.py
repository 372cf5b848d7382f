"""Parents copied: a message that reaches a pupil reaches the child's legal representatives too, and
a pupil is in no private conversation (a chat, a group) without one of them.

Odoo notifies through ``mail.thread._notify_get_recipients`` whatever the message's way in (a note or
a message in the chatter, the composer, the portal's chatter, a reply by e-mail): the representatives
of every pupil among the recipients are added there, each with the data Odoo's own followers get."""

from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not recipients:
            return recipients
        Partner = self.env["res.partner"]
        reached = Partner.browse([r["id"] for r in recipients if r.get("id")])
        guardians = (
            Partner.union(*self.env["youth.member"]._youth_representatives_of(reached).values()) if reached else Partner
        )
        author = (msg_vals or {}).get("author_id") or message.sudo().author_id.id
        missing = guardians.filtered(lambda p: p.id not in reached.ids and p.id != author and p.active)
        if not missing:
            return recipients
        msg_sudo = message.sudo()
        message_type = msg_vals.get("message_type") if msg_vals else msg_sudo.message_type
        subtype_id = msg_vals.get("subtype_id") if msg_vals else msg_sudo.subtype_id.id
        data = self.env["mail.followers"]._get_recipient_data(self, message_type, subtype_id, missing.ids)
        extra = data.get(self.id if self else 0, {})
        return recipients + [pdata for pid, pdata in extra.items() if pid in missing.ids and pdata.get("active")]
