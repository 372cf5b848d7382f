"""18.0.1.2.0: the movement's events confirm seats through Odoo's mail scheduler (an
"after each registration" line with the confirmation template) instead of the registrations
mailing it themselves. Give that line to the events that are not over, and count their existing
registrations as confirmed already, so that Odoo's mail job does not confirm them a second time."""

from odoo import SUPERUSER_ID, Command, api, fields


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    confirmation = env.ref("youth_movement.youth_event_mail_template_confirmation", raise_if_not_found=False)
    if not confirmation:
        return
    events = (
        env["event.event"]
        .with_context(active_test=False)
        .search([("youth_level", "!=", False), ("date_end", ">", fields.Datetime.now())])
    )

    def confirming(event):
        return event.event_mail_ids.filtered(
            lambda m: m.interval_type == "after_sub" and m.template_ref == confirmation
        )

    for event in events:
        if confirming(event):
            continue
        event.event_mail_ids = [
            Command.create(
                {
                    "interval_nbr": 0,
                    "interval_unit": "now",
                    "interval_type": "after_sub",
                    "template_ref": "mail.template,%i" % confirmation.id,
                }
            )
        ]
        scheduler = confirming(event)
        known = event.registration_ids.filtered(lambda r: r.state not in ("draft", "cancel"))
        scheduler._create_missing_mail_registrations(known).mail_sent = True
