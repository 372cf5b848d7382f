from odoo import models
from odoo.exceptions import UserError


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"

    def _youth_check_pupils(self):
        """A pupil talks privately with adults only where a legal representative of theirs takes part."""
        for channel in self:
            partners = channel.sudo().channel_member_ids.partner_id
            for pupil_id, guardians in self.env["youth.member"]._youth_representatives_of(partners).items():
                others = partners.filtered(lambda p, pupil_id=pupil_id: p.id != pupil_id)
                if others and not (guardians & others):
                    raise UserError(
                        self.env._(
                            "A pupil's parents see every message an adult sends them: write to the pupil on "
                            "their record in the movement, or add one of their parents to the conversation."
                        )
                    )
