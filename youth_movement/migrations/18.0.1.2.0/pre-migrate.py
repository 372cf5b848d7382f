"""18.0.1.2.0: a registration's ``partner_id`` keeps Odoo's meaning, "Booked by", so that
``website_event``, ``event_sale`` and other event addons read it as they expect; the pupil is
``youth_member_id``. Pupils' registrations held the pupil's contact there and the booker in
``booker_partner_id``: move the booker into ``partner_id`` before the field goes."""


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'event_registration' "
        "AND column_name = 'booker_partner_id'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        "UPDATE event_registration SET partner_id = booker_partner_id "
        "WHERE youth_member_id IS NOT NULL AND partner_id IS DISTINCT FROM booker_partner_id"
    )
