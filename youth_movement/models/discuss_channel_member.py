"""A pupil is in no private conversation (a chat, a group) without one of their legal representatives:
checked whenever someone joins one (discuss.channel._youth_check_pupils)."""

from odoo import api, models

PRIVATE_CHANNELS = ("chat", "group")


class DiscussChannelMember(models.Model):
    _inherit = "discuss.channel.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.channel_id.filtered(lambda c: c.channel_type in PRIVATE_CHANNELS)._youth_check_pupils()
        return members
