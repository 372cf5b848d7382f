#!/usr/bin/env python3
"""Registration day: N parents press "Register" for one event at the same moment, beside the same
burst on a stock Odoo event, against a running Odoo.

    python3 bench/registration_burst.py $ODOO [--parents 200] [--seats 10] [--workers 0] \\
        [--http-port 8097] [--gevent-port 8099]

$ODOO holds Odoo's usual options (``-d DB --db_host ... -r odoo --addons-path ...``) on a database
with youth_movement installed (demo data, or a region of bench/generate_region.py). In order:

1. through the ORM, the portal parents of bench/portal_load.py (``load_parent_001``..., one to
   three children each, made once), a fresh movement event of their district with ``--seats``
   seats and no other condition, and a stock Odoo event (no movement level) with the same seats,
   with as many internal event users (``burst_event_user_001``..., event rights only);
2. Odoo on 127.0.0.1: threaded with ``--workers 0`` (the default, as ``./ym run`` serves),
   multi-worker otherwise; every parent logs in and opens /my/events, every event user logs in;
3. the movement's burst: all parents at one barrier post the registration of all their children
   (POST /my/events/<id>/register); then the stock burst: all event users at one barrier create a
   registration for the stock event through JSON-RPC (``event.registration.create``, Odoo's own
   seat check);
4. for each burst: answers by kind, p50/p95/max latency, the serialisation failures Odoo retried
   and gave up on (from its log), then in the database the seats confirmed, the waitlist
   positions (1..n expected) and the overbooking (0 expected).

The exit status is 1 when a family got a server error or the movement's event is overbooked.
"""

import argparse
import datetime
import random
import sys
import tempfile
import threading
import time

import odoo_env
import portal_load
import requests

from odoo import Command, fields

EVENT_NAME = "Registration burst event"
STOCK_NAME = "Registration burst stock event"
USER_PREFIX = "burst_event_user_"


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parents", type=int, default=200, help="parents, and event users, pressing together")
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--workers", type=int, default=0, help="0: threaded, as ./ym run serves")
    parser.add_argument("--http-port", type=int, default=8097)
    parser.add_argument("--gevent-port", type=int, default=8099)
    parser.add_argument("--timeout", type=float, default=300, help="seconds a request may take")
    parser.add_argument("--ramp", type=float, default=3, help="logins spread over this many seconds")
    parser.add_argument("--seed", type=int, default=2026)
    options = odoo_env.parse(parser)
    options.max_loops, options.rounds = 1, 1  # what portal_load's server and parents read
    return options


def fresh_events(env, district, seats):
    events = env["event.event"].with_context(active_test=False).search([("name", "in", [EVENT_NAME, STOCK_NAME])])
    registrations = env["event.registration"].with_context(active_test=False).search([("event_id", "in", events.ids)])
    env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "in", registrations.ids)]).unlink()
    registrations.with_context(youth_seat_checked=True).unlink()
    events.unlink()
    start = fields.Datetime.now().replace(hour=4, minute=0, second=0, microsecond=0) + datetime.timedelta(days=5)
    common = {"date_begin": start, "date_end": start + datetime.timedelta(hours=6), "seats_limited": True}
    ours = env["event.event"].create(
        dict(common, name=EVENT_NAME, seats_max=seats, youth_level="district", district_id=district.id)
    )
    stock = env["event.event"].create(dict(common, name=STOCK_NAME, seats_max=seats))
    return ours, stock


def ensure_event_users(env, count):
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    existing = Users.search([("login", "=like", USER_PREFIX + "%")])
    group = env.ref("event.group_event_user")
    for index in range(len(existing) + 1, count + 1):
        login = "%s%03d" % (USER_PREFIX, index)
        Users.create(
            {
                "login": login,
                "password": login,
                "name": "Event user %03d" % index,
                "groups_id": [Command.set([env.ref("base.group_user").id, group.id])],
            }
        )
    return Users.search([("login", "=like", USER_PREFIX + "%")], order="login")[:count].mapped("login")


class EventUser:
    """An internal user of the department booking a seat of Odoo's own event from the back office."""

    def __init__(self, base, login, timeout, number):
        self.base, self.login, self.timeout, self.number = base, login, timeout, number
        self.session = requests.Session()

    def rpc(self, path, params):
        response = self.session.post(
            self.base + path, json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=self.timeout
        )
        return response.status_code, response.json() if response.status_code == 200 else {}

    def log_in(self, database):
        status, body = self.rpc(
            "/web/session/authenticate", {"db": database, "login": self.login, "password": self.login}
        )
        return status == 200 and "result" in body

    def register(self, event_id):
        number = self.number
        params = {
            "model": "event.registration",
            "method": "create",
            "args": [{"event_id": event_id, "name": "Guest %03d" % number, "email": "guest%03d@example.kz" % number}],
            "kwargs": {},
        }
        try:
            status, body = self.rpc("/web/dataset/call_kw/event.registration/create", params)
        except requests.RequestException as error:
            return type(error).__name__
        if status != 200:
            return "HTTP %s" % status
        if "error" in body:
            return "refused: " + body["error"]["data"].get("name", "?").rsplit(".", 1)[-1]
        return "registered"


def burst(workers, press):
    """Run ``press(worker)`` in one thread each, released together; ``[(answer, seconds)]``."""
    barrier = threading.Barrier(len(workers) + 1)
    results = [None] * len(workers)

    def target(index, worker):
        barrier.wait()
        started = time.perf_counter()
        answer = press(worker)
        results[index] = (answer, time.perf_counter() - started)

    threads = [threading.Thread(target=target, args=pair, daemon=True) for pair in enumerate(workers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    for thread in threads:
        thread.join()
    return results


def family_presses(event_id):
    def press(parent):
        parent.my_events()
        for form in portal_load.FORM_RE.finditer(parent.events_page):
            if int(form.group(1)) != event_id:
                continue
            token = portal_load.CSRF_RE.search(form.group(0))
            members = portal_load.CHECKBOX_RE.findall(form.group(0))
            if not (token and members):
                return "nothing to register"
            try:
                done = parent.session.post(
                    "%s/my/events/%d/register" % (parent.base, event_id),
                    data={"csrf_token": token.group(1), "member_ids": members},
                    allow_redirects=False,
                    timeout=parent.timeout,
                )
            except requests.RequestException as error:
                return type(error).__name__
            if done.status_code != 303:
                return "HTTP %s" % done.status_code
            return "answer with a problem" if "error=" in done.headers.get("Location", "") else "registered"
        return "no form"

    return press


def report(title, results):
    answers = {}
    for answer, _seconds in results:
        answers[answer] = answers.get(answer, 0) + 1
    times = sorted(seconds for _answer, seconds in results)
    print("\n%s: %d requests at once" % (title, len(results)))
    for answer, count in sorted(answers.items(), key=lambda pair: -pair[1]):
        print("  %-40s %5d" % (answer, count))
    print(
        "  latency p50 %.2f s, p95 %.2f s, max %.2f s"
        % (portal_load.percentile(times, 0.5), portal_load.percentile(times, 0.95), times[-1])
    )
    return sum(count for answer, count in answers.items() if answer.startswith("HTTP 5") or "Error" in answer)


def seats_report(env, event):
    Registration = env["event.registration"].with_context(active_test=False)
    registrations = Registration.search([("event_id", "=", event.id), ("state", "!=", "cancel")])
    seated = registrations.filtered(lambda r: r.state in ("open", "done") and r.active)
    line = registrations.filtered(lambda r: r.state == "waitlist").sorted("waitlist_position")
    positions = line.mapped("waitlist_position")
    contiguous = positions == list(range(1, len(positions) + 1))
    over = max(0, len(seated) - event.seats_max)
    print(
        "  %s: %d seats, %d confirmed, overbooked by %d; waitlist %d (%s)"
        % (
            event.name,
            event.seats_max,
            len(seated),
            over,
            len(positions),
            ("1..%d" % len(positions) if positions else "-") if contiguous else "positions %s" % positions,
        )
    )
    return over, contiguous


def main():
    options = parse()
    rng = random.Random(options.seed)
    context = {"tracking_disable": True, "mail_create_nolog": True, "no_reset_password": True}
    with odoo_env.environment(options.database, context) as env:
        district, schools = portal_load.pick_district(env)
        users = portal_load.ensure_parents(env, options.parents, schools, rng)
        ours, stock = fresh_events(env, district, options.seats)
        event_logins = ensure_event_users(env, options.parents)
        children = env["youth.member"].search_count([("guardian_link_ids.guardian_id", "in", users.partner_id.ids)])
        logins, event_id, stock_id = users.mapped("login"), ours.id, stock.id
    print(
        "%d parents with %d children, %d event users; %d seats each for %s and %s"
        % (len(logins), children, len(event_logins), options.seats, EVENT_NAME, STOCK_NAME)
    )
    server = portal_load.start_server(options, tempfile.mkdtemp(prefix="registration_burst_"))
    mode = "threaded" if not options.workers else "%d workers behind ./ym run's router" % options.workers
    try:
        base = "http://%s:%d" % (portal_load.HOST, options.http_port)
        print("Odoo %s on %s, log in %s" % (mode, base, server.logfile))
        parents = [
            portal_load.Parent(base, login, {event_id}, options.timeout, random.Random(options.seed + n), [])
            for n, login in enumerate(logins)
        ]
        portal_load.run_phase(parents, "login", lambda p, _d: setattr(p, "logged_in", p.log_in()), ramp=options.ramp)
        parents = [parent for parent in parents if parent.logged_in]
        staff = [EventUser(base, login, options.timeout, n) for n, login in enumerate(event_logins, 1)]
        staff = [user for user in staff if user.log_in(options.database)]
        print("logged in: %d parents, %d event users" % (len(parents), len(staff)))
        retried_before = portal_load.retries_in_log(server.logfile)[0]
        fives = report("Movement event, %s" % mode, burst(parents, family_presses(event_id)))
        retried, gave_up, _errors = portal_load.retries_in_log(server.logfile)
        print(
            "  serialisation failures retried by Odoo: %d, given up: %d"
            % (sum(retried.values()) - sum(retried_before.values()), sum(gave_up.values()))
        )
        report("Stock Odoo event, %s" % mode, burst(staff, lambda user: user.register(stock_id)))
        retried_after, gave_up_after, _errors = portal_load.retries_in_log(server.logfile)
        print(
            "  serialisation failures retried by Odoo: %d, given up: %d"
            % (sum(retried_after.values()) - sum(retried.values()), sum(gave_up_after.values()) - sum(gave_up.values()))
        )
        time.sleep(1)
    finally:
        portal_load.stop_server(server)
    print("\nin the database:")
    with odoo_env.environment(options.database) as env:
        over, contiguous = seats_report(env, env["event.event"].browse(event_id))
        seats_report(env, env["event.event"].browse(stock_id))
    return 1 if fives or over or not contiguous else 0


if __name__ == "__main__":
    sys.exit(main())
