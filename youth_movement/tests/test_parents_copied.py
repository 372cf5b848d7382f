from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import YouthCase


@tagged("post_install", "-at_install")
class TestParentsCopied(YouthCase):
    """A message that reaches a pupil reaches their legal representatives; a pupil has no private
    conversation with an adult unless a parent of theirs takes part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.pupil = cls.make_member(name="Dana Pupil", status="active")
        cls.pupil.partner_id.email = "dana@example.kz"
        cls.pupil_user = new_test_user(
            env, "pc_pupil", groups="base.group_portal", partner_id=cls.pupil.partner_id.id, lang="en_US"
        )
        Partner = env["res.partner"]
        cls.mother = Partner.create({"name": "Dana's Mother", "email": "mother@example.kz"})
        cls.father = Partner.create({"name": "Dana's Father", "email": "father@example.kz"})
        cls.neighbour = Partner.create({"name": "Neighbour", "email": "neighbour@example.kz"})
        Link = env["youth.guardian.link"]
        Link.create({"member_id": cls.pupil.id, "guardian_id": cls.mother.id, "relation": "mother"})
        Link.create({"member_id": cls.pupil.id, "guardian_id": cls.father.id, "relation": "father"})
        Link.create({"member_id": cls.pupil.id, "guardian_id": cls.neighbour.id, "relation": "other"})
        cls.leader = cls.users["school_leader"]

    def _notified(self, message):
        return message.sudo().notification_ids.res_partner_id

    def test_message_to_the_pupil_reaches_the_parents(self):
        """A message a leader sends the pupil from the pupil's record also goes to both parents (by
        e-mail), not to a contact who is no legal representative."""
        record = self.pupil.with_user(self.leader)
        message = record.message_post(
            body="Bring your uniform on Friday",
            partner_ids=self.pupil.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notified = self._notified(message)
        self.assertIn(self.pupil.partner_id, notified)
        self.assertIn(self.mother, notified)
        self.assertIn(self.father, notified)
        self.assertNotIn(self.neighbour, notified)
        by_mail = message.sudo().notification_ids.filtered(lambda n: n.res_partner_id == self.mother)
        self.assertEqual(by_mail.notification_type, "email", "a parent without a login gets it by e-mail")

    def test_pupil_following_another_record(self):
        """The pupil follows a contact's chatter (any record): a message posted there reaches the parents."""
        school = self.school_a1.with_user(self.leader)
        school.sudo().message_subscribe(partner_ids=self.pupil.partner_id.ids)
        message = school.message_post(body="The hall is open", message_type="comment", subtype_xmlid="mail.mt_comment")
        notified = self._notified(message)
        self.assertIn(self.pupil.partner_id, notified)
        self.assertEqual(notified & (self.mother | self.father), self.mother | self.father)

    def test_parent_writing_is_not_copied_to_themselves(self):
        """The mother writes to her child: the father is copied, she is not notified of her own message."""
        message = (
            self.pupil.with_user(self.leader)
            .sudo()
            .message_post(
                body="See you at home",
                author_id=self.mother.id,
                partner_ids=self.pupil.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )
        notified = self._notified(message)
        self.assertIn(self.father, notified)
        self.assertNotIn(self.mother, notified)

    def test_no_message_copied_where_no_pupil(self):
        """A message to the mother alone goes to her alone."""
        message = self.pupil.with_user(self.leader).message_post(
            body="A form to sign", partner_ids=self.mother.ids, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self._notified(message), self.mother)

    def test_no_private_chat_with_a_pupil(self):
        """A leader cannot open a chat or a group with the pupil alone; a group with a parent is allowed."""
        Channel = self.env["discuss.channel"].with_user(self.leader)
        before = self.env["discuss.channel"].sudo().search_count([])
        with self.assertRaisesRegex(UserError, "parents see every message"):
            Channel.channel_get(self.pupil.partner_id.ids)
        with self.assertRaisesRegex(UserError, "parents see every message"):
            Channel.create_group(self.pupil.partner_id.ids)
        self.assertEqual(self.env["discuss.channel"].sudo().search_count([]), before)
        group = Channel.create_group((self.pupil.partner_id | self.mother).ids)
        self.assertIn(self.mother, group.sudo().channel_member_ids.partner_id)
        # another adult may join a conversation a parent takes part in
        group.sudo().add_members(partner_ids=self.users["district_coordinator"].partner_id.ids)
