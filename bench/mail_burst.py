#!/usr/bin/env python3
"""Mails after a registration morning: N seated pupils of a movement event and N attendees of a stock
Odoo event, whose confirmations (each with Odoo's PDF ticket) a running Odoo renders and sends.

    python3 bench/mail_burst.py $ODOO [--registrations 500] [--minutes 20] [--http-port 8097]

$ODOO holds Odoo's usual options (``-d DB --db_host ... -r odoo --addons-path ...``) on a database
with youth_movement installed (demo data or a generated region); wkhtmltopdf should be on the PATH,
as on a department's server (without it no ticket is rendered). In order:

1. an SMTP sink on 127.0.0.1 that counts the mails reaching it and those carrying a PDF;
2. Odoo threaded, as ``./ym run`` serves, with one cron thread and Odoo's default limits (a cron
   thread past 120 s of real time makes Odoo reload the whole server), mails to the sink;
3. the movement: a region event with N seats and the children of bench/portal_load.py's parents
   (made once) registered as the portal registers them, which leaves the confirmations to Odoo's
   mail scheduler; its cron is triggered, and the bench waits until N mails reached the sink or
   ``--minutes`` have passed;
4. stock Odoo: an event without a movement level, N seats, N registrations created with Odoo's
   own ``event.event_mail_async`` set (the confirmation is left to the same scheduler), and the
   same wait;
   (in both phases the bench asks Odoo's hourly mail queue to run every 30 s);
5. per phase: mails delivered (with a PDF), minutes until the last, the scheduler's runs and the
   longest, cron threads past Odoo's real-time limit, server reloads.

The exit status is 1 when the movement's phase missed a mail, passed the limit or reloaded.
"""

import argparse
import datetime
import email
import email.header
import math
import random
import re
import socketserver
import sys
import tempfile
import threading
import time

import odoo_env
import portal_load

from odoo import fields

EVENT_NAME = "Mail burst event"
STOCK_NAME = "Mail burst stock event"


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registrations", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=20, help="longest wait for a phase's mails")
    parser.add_argument("--http-port", type=int, default=8097)
    parser.add_argument("--gevent-port", type=int, default=8099)
    parser.add_argument("--smtp-port", type=int, default=8025)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", choices=["movement", "stock"], help="run one phase only")
    options = odoo_env.parse(parser)
    options.workers = 0
    return options


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Odoo's smtplib: every message is counted, with or without a PDF."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), SinkHandler)
        self.lock = threading.Lock()
        self.messages = self.with_pdf = 0
        self.last = self.event_name = None

    def received(self, data):
        """Count the mails of the phase's event only (the queue may hold older mails)."""
        subject = str(
            email.header.make_header(email.header.decode_header(email.message_from_bytes(data).get("Subject", "")))
        )
        if self.event_name is None or self.event_name not in subject:
            return
        with self.lock:
            self.messages += 1
            self.with_pdf += b"application/pdf" in data
            self.last = time.monotonic()


class SinkHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250-sink\r\n250 SIZE 104857600" if verb == b"EHLO" else "250 sink")
            elif verb == b"DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                chunks = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    chunks.append(data)
                self.server.received(b"".join(chunks))
                self.reply("250 queued")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


def clean(env):
    events = env["event.event"].with_context(active_test=False).search([("name", "in", [EVENT_NAME, STOCK_NAME])])
    registrations = env["event.registration"].with_context(active_test=False).search([("event_id", "in", events.ids)])
    env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "in", registrations.ids)]).unlink()
    registrations.with_context(youth_seat_checked=True).unlink()
    events.unlink()


def new_event(env, name, seats, **values):
    start = fields.Datetime.now().replace(hour=4, minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)
    return env["event.event"].create(
        dict(
            name=name,
            date_begin=start,
            date_end=start + datetime.timedelta(hours=6),
            seats_limited=True,
            seats_max=seats,
            **values,
        )
    )


def movement_phase(env, count, rng):
    """A region event and ``count`` pupils of the load parents registered as the portal does."""
    _district, schools = portal_load.pick_district(env)
    parents = math.ceil(count / 1.7)
    while True:
        users = portal_load.ensure_parents(env, parents, schools, rng)
        links = env["youth.guardian.link"].search([("guardian_id", "in", users.partner_id.ids)], order="id")
        if len(links.member_id) >= count:
            break
        parents += math.ceil((count - len(links.member_id)) / 1.7)
    # the confirmation goes to the parents: portal_load's parents log in with a login, not a mail
    guardians = links[:count].guardian_id
    for guardian in guardians.filtered(lambda partner: not partner.email):
        guardian.email = "%s@example.kz" % (guardian.user_ids[:1].login or "parent%d" % guardian.id)
    event = new_event(env, EVENT_NAME, count, youth_level="region")
    for link in links[:count]:
        event._youth_register(link.member_id, link.guardian_id)
    return event


def stock_phase(env, count):
    """A stock event and ``count`` registrations whose confirmation Odoo leaves to its scheduler."""
    event = new_event(env, STOCK_NAME, count)
    params = env["ir.config_parameter"].sudo()
    before = params.get_param("event.event_mail_async")
    params.set_param("event.event_mail_async", "1")
    env["event.registration"].create(
        [
            {"event_id": event.id, "name": "Guest %03d" % number, "email": "guest%03d@example.kz" % number}
            for number in range(1, count + 1)
        ]
    )
    params.set_param("event.event_mail_async", before or False)
    return event


def wait_for_mails(sink, count, minutes, server, database):
    """Wait for ``count`` mails at the sink. Odoo's mail queue runs hourly: every 30 s the bench asks
    it to run (the movement's scheduler asks it too, stock Odoo does not), so that both phases are
    measured on rendering and sending, not on the queue's hour."""
    started, deadline = time.monotonic(), time.monotonic() + minutes * 60
    seen_before, asked = sink.messages, 0.0
    while time.monotonic() < deadline and sink.messages - seen_before < count:
        if server.poll() is not None:
            break
        if time.monotonic() - asked > 30:
            with odoo_env.environment(database) as env:
                env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
            asked = time.monotonic()
        time.sleep(2)
    delivered = sink.messages - seen_before
    return delivered, ((sink.last or started) - started) / 60 if delivered else None


def scheduler_runs(logfile, since):
    """(runs started, longest completed run in seconds) of the event mail scheduler's job after line
    ``since`` of the log."""
    starts, runs, started = {}, [], 0
    stamp = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (\d+) ")
    with open(logfile, encoding="utf-8", errors="replace") as log:
        for number, line in enumerate(log):
            if number < since or "'Event: Mail Scheduler'" not in line:
                continue
            found = stamp.match(line)
            if not found:
                continue
            at = datetime.datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S,%f")
            if "starting" in line:
                starts[found.group(2)] = at
                started += 1
            elif "completed" in line and found.group(2) in starts:
                runs.append((at - starts.pop(found.group(2))).total_seconds())
    return started, max(runs, default=0.0)  # a run cut by a server reload never completes


def log_counts(logfile):
    with open(logfile, encoding="utf-8", errors="replace") as log:
        text = log.read()
    return (
        text.count("\n"),
        text.count("virtual real time limit"),
        text.count("Initiating server reload"),
    )


def trigger(database):
    with odoo_env.environment(database) as env:
        env.ref("event.event_mail_scheduler")._trigger()


def run_phase(title, options, sink, server, make):
    with odoo_env.environment(options.database, {"tracking_disable": True, "no_reset_password": True}) as env:
        event = make(env)
        event_id, sink.event_name = event.id, event.name
    lines, limits, reloads = log_counts(server.logfile)
    pdfs_before = sink.with_pdf
    trigger(options.database)
    delivered, minutes = wait_for_mails(sink, options.registrations, options.minutes, server, options.database)
    pdfs = sink.with_pdf - pdfs_before
    runs, longest = scheduler_runs(server.logfile, lines)
    _lines, limits_after, reloads_after = log_counts(server.logfile)
    with odoo_env.environment(options.database) as env:
        sent = env["event.mail.registration"].search_count(
            [("scheduler_id.event_id", "=", event_id), ("mail_sent", "=", True)]
        )
    row = {
        "title": title,
        "delivered": delivered,
        "sent": sent,
        "minutes": minutes,
        "runs": runs,
        "longest": longest,
        "limits": limits_after - limits,
        "reloads": reloads_after - reloads,
        "pdfs": pdfs,
    }
    print(
        "%-34s %5d mails (%d marked sent), last after %s min; scheduler runs %d, longest %.0f s; "
        "past the limit %d, reloads %d"
        % (
            title,
            delivered,
            sent,
            "%.1f" % minutes if minutes is not None else "-",
            runs,
            longest,
            row["limits"],
            row["reloads"],
        ),
        flush=True,
    )
    return row


def main():
    options = parse()
    rng = random.Random(options.seed)
    with odoo_env.environment(options.database) as env:
        clean(env)
    sink = Sink(options.smtp_port)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    extra = (
        "--smtp",
        "127.0.0.1",
        "--smtp-port",
        str(options.smtp_port),
        "--log-handler",
        "odoo.addons.base.models.ir_cron:INFO",
        "--log-handler",
        "odoo.service.server:INFO",
    )
    server = portal_load.start_server(
        options, tempfile.mkdtemp(prefix="mail_burst_"), cron_threads=1, odoo_limits=True, extra=extra
    )
    print("Odoo threaded, one cron thread, Odoo's limits; log in %s" % server.logfile, flush=True)
    rows = []
    phases = [
        ("movement", "Movement event (%d pupils)", lambda env: movement_phase(env, options.registrations, rng)),
        ("stock", "Stock Odoo event (%d attendees)", lambda env: stock_phase(env, options.registrations)),
    ]
    try:
        for name, title, make in phases:
            if options.only in (None, name):
                rows.append(run_phase(title % options.registrations, options, sink, server, make))
                rows[-1]["phase"] = name
    finally:
        portal_load.stop_server(server)
        sink.shutdown()
    print(
        "\n| %d registrations | mails delivered | with the PDF ticket | last mail after | scheduler runs "
        "| longest run | cron past 120 s | server reloads |" % options.registrations
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            "| %s | %d | %d | %s min | %d | %.0f s | %d | %d |"
            % (
                row["title"],
                row["delivered"],
                row["pdfs"],
                "%.1f" % row["minutes"] if row["minutes"] is not None else "-",
                row["runs"],
                row["longest"],
                row["limits"],
                row["reloads"],
            )
        )
    ours = [row for row in rows if row["phase"] == "movement"]
    if not ours:
        return 0
    ours = ours[0]
    return 0 if ours["delivered"] >= options.registrations and not ours["limits"] and not ours["reloads"] else 1


if __name__ == "__main__":
    sys.exit(main())
