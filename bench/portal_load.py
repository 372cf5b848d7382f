#!/usr/bin/env python3
"""The family portal under load: concurrent parents browsing and registering their children,
beside Odoo's own /my page measured in the same run by the same sessions.

    python3 bench/portal_load.py $ODOO [--parents 60] [--events 10] [--seats 5,10,20,40] \\
        [--duration 60] [--rounds 2] [--workers 4] [--http-port 8097] [--gevent-port 8099]

$ODOO holds Odoo's usual options (``-d DB --db_host ... --db_port ... -r odoo --addons-path ...``,
or ``-c odoo.conf``), on a database with youth_movement installed (demo data, or the region of
bench/generate_region.py). The script, in order:

1. through the ORM, creates the portal users ``load_parent_001``... (password: the login), each
   with one to three active pupils of the district with the most schools (valid IINs, linked as
   the parent's children), once: a second run reuses them; then replaces the events named
   "Portal load event ..." by fresh ones of that district, a few days ahead, with limited seats
   (``--seats``, in turn), so that the first to come are seated and the others wait in line;
2. starts Odoo on 127.0.0.1 only, in multi-worker mode without cron, with the same options, and
   waits for /web/login;
3. logs every parent in (one HTTP session each, one thread each) and warms the workers up;
4. runs the two scenarios in turn, ``--rounds`` times ``--duration`` seconds each, so that both
   see the same machine (the load of other jobs varies):

   - reference: every session loads Odoo's own portal pages, GET /my and GET /my/account in turn;
   - portal: every session loops over GET /my, GET /my/children, GET /my/events, POST
     /my/events/<id>/register of its children still free for a random load event (then the GET
     /my/events it is sent to), GET of a ticket and of a child's participation history (each
     session at most ``--max-loops`` loops a round);
5. prints requests per second, median, 95th percentile and maximum latency per route and per
   scenario, the errors (HTTP status >= 400, a redirect to the login page, a failed connection),
   the accept queue overflows of the kernel, the serialisation failures Odoo retried and gave
   up on (from its log), then checks in the database that no load event has more seated
   registrations than seats and that every waitlist runs 1..n without gaps. Odoo is stopped at
   the end.

Traffic goes to 127.0.0.1 only. The exit status is 1 when a request failed with a 5xx or a
check failed.
"""

import argparse
import datetime
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import odoo_env
import requests

from odoo import Command, fields

LOGIN_PREFIX = "load_parent_"
EVENT_PREFIX = "Portal load event"
FIRST_NAMES = ["Aigerim", "Dana", "Saule", "Gulnara", "Aliya", "Asel", "Erlan", "Nurlan", "Marat", "Daulet"]
CHILD_NAMES = ["Alikhan", "Aruzhan", "Nursultan", "Ayana", "Dias", "Tomiris", "Yerassyl", "Amina", "Sanzhar", "Zhanel"]
SURNAMES = ["Abenov", "Serikbayev", "Zhumabekov", "Omarov", "Kassymov", "Tokayev", "Nurpeisov", "Akhmetov"]
HOST = "127.0.0.1"
# odoo-bin, except that a gevent (websocket) process that cannot start stays parked: the master
# would start it again every second, which costs a worker's CPU; the portal pages do not use it
LAUNCHER = """import os
import sys
import time

os.environ["TZ"] = "UTC"
evented = sys.argv[1:2] == ["gevent"]
try:
    import odoo  # in the gevent process, this patches the standard library with gevent
except Exception as error:
    if not evented:
        raise
    print("portal_load: the gevent process cannot start (%r): parked" % error, file=sys.stderr)
    while True:
        time.sleep(3600)
odoo.cli.main()
"""

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
FORM_RE = re.compile(r'<form[^>]*action="/my/events/(\d+)/register".*?</form>', re.S)
CHECKBOX_RE = re.compile(r'<input[^>]*name="member_ids"[^>]*value="(\d+)"')
TICKET_RE = re.compile(r'href="/my/registrations/(\d+)"')
CHILD_RE = re.compile(r'href="/my/children/(\d+)"')


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parents", type=int, default=60, help="portal users, one session each (at least 50)")
    parser.add_argument("--events", type=int, default=10, help="upcoming load events")
    parser.add_argument("--seats", default="5,10,20,40", help="seats of the events, in turn")
    parser.add_argument("--duration", type=float, default=60, help="seconds of each scenario in each round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="the scenarios run in turn this many times, so that both see the same machine",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=3,
        help="each session starts a phase after a random pause of up to this many seconds: sixty "
        "connections at the same instant overflow the accept queue of Odoo's workers "
        "(8 per worker)",
    )
    parser.add_argument("--max-loops", type=int, default=200, help="portal loops per session at most")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--http-port", type=int, default=8097)
    parser.add_argument("--gevent-port", type=int, default=8099)
    parser.add_argument("--timeout", type=float, default=120, help="seconds a request may take")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--replica",
        action="store_true",
        help="start a streaming replica of the database's server (bench/replica.py) and run the portal "
        "scenario on Odoo without it and with it (db_replica_host), in turn, instead of the reference",
    )
    parser.add_argument("--replica-port", type=int, default=54339)
    parser.add_argument(
        "--hosts",
        action="store_true",
        help="run the portal scenario through nginx (deploy/nginx/youth_movement.conf) in front of one Odoo "
        "host, then of two (deploy/odoo.conf, --workers each, one filestore and session store), in turn",
    )
    parser.add_argument(
        "--replica-delay",
        type=float,
        default=3,
        help="then run the portal with the replica applying each commit this many seconds late, with the "
        "addon's read-after-write guard and without it (0: no such trial)",
    )
    return odoo_env.parse(parser)


# ---------------------------------------------------------------------------------------- setup
def pick_district(env):
    """The district with the most schools, and its schools."""
    School = env["res.partner"]
    groups = School._read_group(
        [("is_youth_school", "=", True), ("youth_district_id", "!=", False)], ["youth_district_id"], ["__count"]
    )
    if not groups:
        sys.exit("no district with schools: install youth_movement with demo data or generate a region first")
    district, _count = max(groups, key=lambda group: (group[1], -group[0].id))
    schools = School.search(
        [("is_youth_school", "=", True), ("youth_district_id", "=", district.id)], order="id", limit=10
    )
    return district, schools


def ensure_parents(env, count, schools, rng):
    """``count`` portal parents with one to three active children each; create the missing ones."""
    iin = odoo_env.load_tool("iin")
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    existing = Users.search([("login", "=like", LOGIN_PREFIX + "%")], order="login")
    if len(existing) >= count:
        return existing[:count]
    env.cr.execute("SELECT iin FROM youth_member WHERE iin IS NOT NULL")
    taken = {row[0] for row in env.cr.fetchall()}
    today = fields.Date.context_today(env["res.users"])
    portal = env.ref("base.group_portal")
    for index in range(len(existing) + 1, count + 1):
        login = "%s%03d" % (LOGIN_PREFIX, index)
        surname = rng.choice(SURNAMES)
        parent = Users.create(
            {
                "login": login,
                "password": login,
                "name": "%s %sa" % (rng.choice(FIRST_NAMES), surname),
                "groups_id": [Command.set(portal.ids)],
            }
        )
        links = []
        for child in range(rng.choices([1, 2, 3], weights=[45, 35, 20])[0]):
            grade = rng.randint(1, 11)
            birth = datetime.date(today.year - 6 - grade, rng.randint(1, 8), rng.randint(1, 28))
            sex = rng.choice(["male", "female"])
            serial = rng.randint(0, 9999)
            number = iin.make(birth, sex, serial)
            while number in taken:
                serial += 1
                number = iin.make(birth, sex, serial)
            taken.add(number)
            school = schools[index % len(schools)] if child == 0 or rng.random() < 0.7 else rng.choice(schools)
            member = env["youth.member"].create(
                {
                    "name": "%s %s" % (rng.choice(CHILD_NAMES), surname),
                    "iin": number,
                    "school_id": school.id,
                    "grade": grade,
                    "status": "active",
                }
            )
            links.append(
                {
                    "member_id": member.id,
                    "guardian_id": parent.partner_id.id,
                    "relation": rng.choice(["mother", "father"]),
                    "is_legal_representative": True,
                }
            )
        env["youth.guardian.link"].create(links)
    return Users.search([("login", "=like", LOGIN_PREFIX + "%")], order="login")[:count]


def remove_events(env):
    events = env["event.event"].with_context(active_test=False).search([("name", "=like", EVENT_PREFIX + "%")])
    if not events:
        return
    registrations = env["event.registration"].with_context(active_test=False).search([("event_id", "in", events.ids)])
    env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "in", registrations.ids)]).unlink()
    registrations.with_context(youth_seat_checked=True).unlink()
    events.unlink()


def fresh_events(env, district, count, seats):
    """Replace the load events by ``count`` new ones, 2 to 2 + count days ahead."""
    remove_events(env)
    start = fields.Datetime.now().replace(hour=4, minute=0, second=0, microsecond=0)
    return env["event.event"].create(
        [
            {
                "name": "%s %02d" % (EVENT_PREFIX, index + 1),
                "date_begin": start + datetime.timedelta(days=2 + index),
                "date_end": start + datetime.timedelta(days=2 + index, hours=6),
                "seats_limited": True,
                "seats_max": seats[index % len(seats)],
                "youth_level": "district",
                "district_id": district.id,
            }
            for index in range(count)
        ]
    )


# ---------------------------------------------------------------------------------------- server
def ym_router(port, http_port, gevent_port, workers):
    """Start the router of ``./ym run --workers`` in this process."""
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.SourceFileLoader("ym", os.path.join(odoo_env.ROOT, "ym"))
    spec = importlib.util.spec_from_loader("ym", loader)
    ym = importlib.util.module_from_spec(spec)
    loader.exec_module(ym)
    ym.Router(port, http_port, gevent_port, workers=workers).start()
    ROUTERS.add(port)


ROUTERS = set()  # the ports this process routes already (the router outlives a restart of Odoo)


def start_server(options, folder, cron_threads=0, odoo_limits=False, extra=(), ports=None, config=None):
    """Start Odoo on 127.0.0.1 (threaded with ``options.workers`` 0, multi-worker otherwise); return
    the process once /web/login answers. The limits are raised out of the way unless
    ``odoo_limits``, which keeps Odoo's defaults (120 s real time for a request or a cron).

    With ``ports`` (HTTP, gevent), Odoo listens there itself, without the router of ``./ym run``, as a
    host behind nginx does; ``config``: a configuration file read first (the options given win)."""
    logfile = os.path.join(folder, "odoo.log")
    # the master starts its gevent process as ``python sys.argv[0] gevent ...``: with ``-m odoo``
    # sys.argv[0] is odoo/__main__.py, which cannot run as a script, so start Odoo from a script
    launcher = os.path.join(folder, "odoo-bin")
    with open(launcher, "w", encoding="utf-8") as script:
        script.write(LAUNCHER)
    cmd = [
        sys.executable,
        launcher,
        *(("-c", config) if config else ()),
        *options.odoo_args,
        "--workers",
        str(options.workers),
        "--max-cron-threads",
        str(cron_threads),
        "--http-interface",
        HOST,
        "--http-port",
        str(ports[0] if ports else options.http_port + 1 if options.workers else options.http_port),
        "--gevent-port",
        str(ports[1] if ports else options.gevent_port),
        "--db-filter",
        "^%s$" % re.escape(options.database),
        "--no-database-list",
        *(
            ()
            if odoo_limits
            else (
                "--limit-time-real",
                "1800",
                "--limit-time-cpu",
                "1800",
                "--limit-request",
                "1000000",
                "--limit-memory-soft",
                str(4 << 30),
                "--limit-memory-hard",
                str(6 << 30),
            )
        ),
        *extra,
        "--logfile",
        logfile,
        "--log-level",
        "warn",
        "--log-handler",
        "odoo.service.model:INFO",
    ]
    # threaded, as ./ym run serves: requests past half the connection pool wait their turn
    env = dict(os.environ, ODOO_MAX_HTTP_THREADS=os.environ.get("ODOO_MAX_HTTP_THREADS", "auto"))
    # a session of its own, so that stopping it reaches the master and its workers
    server = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, start_new_session=True, env=env)
    server.logfile = logfile
    if options.workers and not ports and options.http_port not in ROUTERS:
        # as ./ym run --workers serves: its router on the port, Odoo's workers on the next one
        ym_router(options.http_port, options.http_port + 1, options.gevent_port, options.workers)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("Odoo stopped at start (exit %s): see %s" % (server.returncode, logfile))
        try:
            url = "http://%s:%s/web/login" % (HOST, ports[0] if ports else options.http_port)
            if requests.get(url, timeout=10).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(1)
    stop_server(server)
    sys.exit("Odoo did not answer /web/login within 180 s: see %s" % logfile)


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# ---------------------------------------------------------------------------------------- clients
class Parent:
    """One parent's browser: an HTTP session and what it read on the pages."""

    def __init__(self, base, login, event_ids, timeout, rng, records):
        self.base, self.login, self.event_ids, self.timeout = base, login, event_ids, timeout
        self.rng, self.records = rng, records
        self.session = requests.Session()
        self.phase = None  # the Phase its requests belong to
        self.children, self.tickets, self.events_page = [], [], ""
        self.outcomes = {"registered": 0, "problems": 0, "nothing to register": 0, "stale": 0}

    def call(self, label, method, path, **kwargs):
        """One request, timed and recorded; return the response or None when it failed."""
        started = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base + path, timeout=self.timeout, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            ended = time.perf_counter()
            self.records.append((self.phase, label, type(error).__name__, ended - started, ended))
            return None
        ended = time.perf_counter()
        status = response.status_code
        if status in (301, 302, 303) and "/web/login" in response.headers.get("Location", ""):
            status = "to login"
        self.records.append((self.phase, label, status, ended - started, ended))
        return response if isinstance(status, int) and status < 400 else None

    def log_in(self):
        """Log in as a person does: try again (three times at most) when the server did not answer."""
        return any(self.try_log_in() for _attempt in range(3))

    def try_log_in(self):
        page = self.call("GET /web/login", "GET", "/web/login")
        token = page is not None and CSRF_RE.search(page.text)
        if not token:
            return False
        done = self.call(
            "POST /web/login",
            "POST",
            "/web/login",
            data={
                "login": self.login,
                "password": self.login,
                "csrf_token": token.group(1),
                "redirect": "/my",
            },
        )
        return done is not None and done.status_code == 303 and "/web/login" not in done.headers.get("Location", "")

    def reference(self, deadline):
        while time.monotonic() < deadline:
            self.call("GET /my", "GET", "/my")
            if time.monotonic() < deadline:
                self.call("GET /my/account", "GET", "/my/account")

    def portal(self, deadline, max_loops):
        steps = [self.home, self.my_children, self.my_events, self.register, self.ticket, self.history]
        for _loop in range(max_loops):
            for step in steps:
                if time.monotonic() >= deadline:
                    return
                step()

    def home(self):
        self.call("GET /my", "GET", "/my")

    def my_children(self):
        page = self.call("GET /my/children", "GET", "/my/children")
        if page is not None:
            self.children = sorted({int(found) for found in CHILD_RE.findall(page.text)})

    def my_events(self, path="/my/events"):
        page = self.call("GET /my/events", "GET", path)
        if page is not None:
            self.events_page = page.text
            self.tickets = sorted({int(found) for found in TICKET_RE.findall(page.text)})

    def register(self):
        """Tick the children still free for a random load event and send the form."""
        forms = []
        for form in FORM_RE.finditer(self.events_page):
            event_id, member_ids = int(form.group(1)), CHECKBOX_RE.findall(form.group(0))
            token = CSRF_RE.search(form.group(0))
            if event_id in self.event_ids and member_ids and token:
                forms.append((event_id, member_ids, token.group(1)))
        if not forms:
            self.outcomes["nothing to register"] += 1
            return
        event_id, member_ids, token = self.rng.choice(forms)
        done = self.call(
            "POST /my/events/<id>/register",
            "POST",
            "/my/events/%s/register" % event_id,
            data={"csrf_token": token, "member_ids": member_ids},
        )
        if done is None:
            return
        location = done.headers.get("Location", "")
        self.outcomes["problems" if "error=" in location else "registered"] += 1
        if location.startswith(self.base):
            location = location[len(self.base) :]
        self.my_events(location or "/my/events")
        if "error=" not in location and self.events_page:
            # the page the family is sent to must show the children registered, not free to register
            for form in FORM_RE.finditer(self.events_page):
                if int(form.group(1)) == event_id and set(CHECKBOX_RE.findall(form.group(0))) & set(member_ids):
                    self.outcomes["stale"] += 1

    def ticket(self):
        if self.tickets:
            self.call("GET /my/registrations/<id>", "GET", "/my/registrations/%s" % self.rng.choice(self.tickets))

    def history(self):
        if self.children:
            child = self.rng.choice(self.children)
            self.call("GET /my/children/<id>/history", "GET", "/my/children/%s/history" % child)


def listen_counters():
    """The kernel's counters of connections refused by a full accept queue (whole machine)."""
    with open("/proc/net/netstat", encoding="ascii") as netstat:
        lines = [line.split() for line in netstat if line.startswith("TcpExt:")]
    counters = dict(zip(lines[0][1:], (int(value) for value in lines[1][1:])))
    return counters.get("ListenOverflows", 0), counters.get("ListenDrops", 0)


class Phase:
    """A scenario's start, wall time, client CPU time and accept queue overflows."""

    def __init__(self, name, duration=None):
        self.name, self.duration = name, duration


def run_phase(parents, name, work, duration=None, ramp=0.0):
    """Run ``work(parent, deadline)`` in one thread per parent, started together, each after a
    random pause of up to ``ramp`` seconds; the deadline is ``duration`` seconds after the start.
    Return a :class:`Phase`."""
    barrier = threading.Barrier(len(parents) + 1)
    result = Phase(name, duration)

    def target(parent):
        parent.phase = result
        barrier.wait()
        deadline = time.monotonic() + (duration or 0)
        time.sleep(parent.rng.uniform(0, ramp))
        work(parent, deadline)

    threads = [threading.Thread(target=target, args=(parent,), daemon=True) for parent in parents]
    for thread in threads:
        thread.start()
    overflows, cpu = listen_counters(), time.process_time()
    barrier.wait()
    result.start = time.perf_counter()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - result.start
    result.cpu = time.process_time() - cpu
    result.overflows = [after - before for before, after in zip(overflows, listen_counters())]
    result.load = os.getloadavg()[0]
    return result


# ---------------------------------------------------------------------------------------- report
def percentile(values, share):
    """Nearest-rank percentile of sorted ``values``."""
    return values[max(0, math.ceil(share * len(values)) - 1)]


def failed(status):
    return not isinstance(status, int) or status >= 400


def print_errors(rows):
    """Count the failed requests by route and status, with when they were sent and how long they took."""
    kinds = {}
    for record in rows:
        if failed(record[2]):
            kinds.setdefault((record[1], record[2]), []).append(record)
    for (label, status), found in sorted(kinds.items(), key=str):
        sent = sorted(record[4] - record[3] - record[0].start for record in found)
        took = sorted(record[3] for record in found)
        print(
            "  error: %s -> %s: %d, sent %.1f..%.1f s after the start of the phase, failed after %.1f..%.1f s"
            % (label, status, len(found), sent[0], sent[-1], took[0], took[-1])
        )


def report(records, phases):
    """Print the table of a scenario (its phases, one per round); return its number of 5xx answers.

    Requests per second count the requests finished within the phases' duration; the latencies
    are those of every request of the phases, the ones still running at the end included.
    """
    rows = [record for record in records if record[0] in phases]
    labels = sorted(
        {record[1] for record in rows},
        key=lambda label: min(index for index, record in enumerate(rows) if record[1] == label),
    )
    duration = sum(phase.duration for phase in phases)
    print(
        "\n%s, %d x %.0f s: %d requests (the last ones ended %s s after the start of their round), "
        "client CPU %.0f s, accept queue overflows %d, SYNs dropped %d, load average at the end %s"
        % (
            phases[0].name,
            len(phases),
            phases[0].duration,
            len(rows),
            " and ".join("%.1f" % phase.wall for phase in phases),
            sum(phase.cpu for phase in phases),
            sum(phase.overflows[0] for phase in phases),
            sum(phase.overflows[1] for phase in phases),
            " and ".join("%.1f" % phase.load for phase in phases),
        )
    )
    print("  %-32s %7s %7s %8s %8s %8s %7s %5s" % ("route", "count", "req/s", "median", "p95", "max", "errors", "5xx"))
    for label in labels + ["all"]:
        subset = rows if label == "all" else [record for record in rows if record[1] == label]
        times = sorted(record[3] * 1000 for record in subset)
        errors = [record[2] for record in subset if failed(record[2])]
        within = sum(1 for record in subset if record[4] <= record[0].start + record[0].duration)
        print(
            "  %-32s %7d %7.1f %6.0f ms %5.0f ms %5.0f ms %7d %5d"
            % (
                label,
                len(subset),
                within / duration,
                percentile(times, 0.5),
                percentile(times, 0.95),
                times[-1],
                len(errors),
                sum(1 for status in errors if isinstance(status, int) and status >= 500),
            )
        )
    print_errors(rows)
    return sum(1 for record in rows if isinstance(record[2], int) and record[2] >= 500)


def retries_in_log(logfile):
    """Serialisation failures that Odoo retried, requests it gave up on (per PostgreSQL error), and
    the other ERROR lines by kind."""
    retried, gave_up, errors = {}, {}, {}
    with open(logfile, encoding="utf-8", errors="replace") as log:
        for line in log:
            found = re.search(r"odoo\.service\.model: (\w+), (\d+) tries left", line)
            if found:
                retried[found.group(1)] = retried.get(found.group(1), 0) + 1
            found = re.search(r"odoo\.service\.model: (\w+), maximum number of tries reached", line)
            if found:
                gave_up[found.group(1)] = gave_up.get(found.group(1), 0) + 1
            found = re.search(r" (ERROR|CRITICAL) \S+ ([\w.]+): (.{0,40})", line)
            if found:
                kind = "%s: %s" % (found.group(2), found.group(3))
                if "bad query" in kind:
                    kind = "odoo.sql_db: bad query (the failed statement of each retry)"
                elif "Request timed out" in line:
                    kind = "werkzeug: Request timed out (no request within the socket timeout)"
                errors[kind] = errors.get(kind, 0) + 1
    return retried, gave_up, errors


def check_events(env, event_ids):
    """Seated <= seats and waitlist positions 1..n without gaps, per load event; return the problems."""
    problems = []
    print("\nevent                  seats  seated  waiting  positions")
    Registration = env["event.registration"]
    for event in env["event.event"].browse(event_ids):
        registrations = Registration.search([("event_id", "=", event.id), ("state", "!=", "cancel")])
        seated = registrations.filtered(lambda r: r.state in ("open", "done") and r.active)
        positions = sorted(registrations.filtered(lambda r: r.state == "waitlist").mapped("waitlist_position"))
        doubles = len(registrations) - len(registrations.youth_member_id)
        print(
            "%-22s %5d %7d %8d  %s"
            % (event.name, event.seats_max, len(seated), len(positions), "1..%d" % len(positions) if positions else "-")
        )
        if len(seated) > event.seats_max:
            problems.append("%s: %d seated for %d seats" % (event.name, len(seated), event.seats_max))
        if positions != list(range(1, len(positions) + 1)):
            problems.append("%s: waitlist positions %s" % (event.name, positions))
        if positions and len(seated) < event.seats_max:
            problems.append("%s: %d waiting while seats are free" % (event.name, len(positions)))
        if doubles:
            problems.append("%s: %d children registered twice" % (event.name, doubles))
    return problems


# ---------------------------------------------------------------------------------------- replica
def server_cpu(data_dir):
    """CPU seconds of a PostgreSQL server so far: its postmaster, the children it has reaped and those
    still running (Odoo keeps its connections open, so the backends of a run are among them)."""
    with open(os.path.join(data_dir, "postmaster.pid"), encoding="ascii") as pidfile:
        postmaster = int(pidfile.readline())
    tick = os.sysconf("SC_CLK_TCK")

    def times(pid, reaped=False):
        try:
            with open("/proc/%d/stat" % pid, encoding="ascii") as stat:
                fields_ = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        # utime, stime, cutime, cstime are fields 14..17 of /proc/<pid>/stat (after the name: 11..14)
        own = int(fields_[11]) + int(fields_[12])
        return (own + (int(fields_[13]) + int(fields_[14]) if reaped else 0)) / tick

    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="ascii") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == postmaster:
                        children.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return times(postmaster, reaped=True) + sum(times(pid) for pid in children)


def database_counters(connect, database):
    """Transactions and rows read of ``database`` on one server (pg_stat_database)."""
    with connect() as cnx, cnx.cursor() as cr:
        cr.execute(
            "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched FROM pg_stat_database WHERE datname = %s",
            [database],
        )
        return cr.fetchone()


def ready_sessions(parents, base, logins, event_ids, options, records):
    """Before a phase of a comparison: the sessions, logged in at the first phase (the session store
    outlives a restart of Odoo), given this phase's load events, and warmed up."""
    if parents is None:
        parents = [
            Parent(base, login, event_ids, options.timeout, random.Random(options.seed + i), records)
            for i, login in enumerate(logins)
        ]
        run_phase(parents, "login", lambda p, _d: setattr(p, "logged_in", p.log_in()), ramp=options.ramp)
        parents = [parent for parent in parents if parent.logged_in]
        print("%d sessions logged in through %s" % (len(parents), base))
    for parent in parents:
        parent.event_ids = event_ids
    run_phase(parents, "warm-up", lambda p, _d: (p.home(), p.my_children(), p.my_events()))
    return parents


def compare_replica(options, logins, district, seats):
    """The portal scenario on Odoo without a replica and with one, in turn, with fresh load events
    before each phase (the same registrations to make in each); then, when ``--replica-delay``, the
    replica made to apply each commit that many seconds late (``recovery_min_apply_delay``, a replica
    fallen behind) with the addon's read-after-write guard, and without it. Print the tables, the load
    each put on the primary and on the replica, the replica's lag, and the stale pages seen."""
    import replica as replica_tool

    from odoo.tools import config

    standby = replica_tool.Standby(
        config["db_host"], config["db_port"], config["db_user"], config["db_password"], options.replica_port
    ).start()
    print(
        "replica: pg_basebackup -R -X stream copied %.0f MB in %.1f s; hot standby on port %d"
        % (standby.copy_bytes / 1e6, standby.copy_seconds, standby.port)
    )
    with standby.connect_primary() as cnx, cnx.cursor() as cr:
        cr.execute("SHOW data_directory")
        primary_data = cr.fetchone()[0]
    on_replica = ("--db_replica_host", standby.host, "--db_replica_port", str(standby.port))
    guard = replica_tool_guard()
    # (name, Odoo's options, the guard's length or None for the configured one, the replica's delay)
    configurations = [("portal, primary only", (), None, 0), ("portal, with the replica", on_replica, None, 0)]
    trials = []
    if options.replica_delay:
        delay = options.replica_delay
        trials = [
            ("replica %.0f s late, guard %.0f s" % (delay, guard), on_replica, None, delay),
            ("replica %.0f s late, no guard" % delay, on_replica, 0, delay),
        ]
    records, phases, load, stale, lags = [], {}, {}, {}, {}
    parents, logfiles = None, []
    try:
        for group in ([configurations] * options.rounds) + ([trials] if trials else []):
            for name, extra, guard_seconds, delay in group:
                standby.set_delay(delay)
                with odoo_env.environment(options.database, {"tracking_disable": True}) as env:
                    event_ids = set(fresh_events(env, district, options.events, seats).ids)
                folder = tempfile.mkdtemp(prefix="portal_load_")
                settings = {} if guard_seconds is None else {"youth_read_after_write_seconds": guard_seconds}
                server = start_server(options, folder, extra=extra + odoo_config(options.odoo_args, folder, settings))
                logfiles.append(server.logfile)
                try:
                    base = "http://%s:%d" % (HOST, options.http_port)
                    parents = ready_sessions(parents, base, logins, event_ids, options, records)
                    before = load_counters(standby, options.database, primary_data)
                    stale_before = sum(parent.outcomes["stale"] for parent in parents)
                    sampling = threading.Event()
                    sampled = lags.setdefault(name, [])

                    def sample(sampling=sampling, sampled=sampled):
                        while not sampling.wait(0.5):
                            sampled.append(standby.lag())

                    sampler = threading.Thread(target=sample, daemon=True)
                    sampler.start()
                    phase = run_phase(
                        parents,
                        name,
                        lambda p, deadline: p.portal(deadline, options.max_loops),
                        options.duration,
                        options.ramp,
                    )
                    sampling.set()
                    sampler.join()
                    after = load_counters(standby, options.database, primary_data)
                    phases.setdefault(name, []).append(phase)
                    totals = load.setdefault(name, [0] * len(after))
                    for index, (old, new) in enumerate(zip(before, after)):
                        totals[index] += new - old
                    stale[name] = (
                        stale.get(name, 0) + sum(parent.outcomes["stale"] for parent in parents) - stale_before
                    )
                finally:
                    stop_server(server)
    finally:
        standby.stop()
    print(
        "\n%d concurrent sessions, %d Odoo workers, %d rounds of %.0f s per configuration, in turn; the "
        "families' pages go to the primary for %.0f s after they wrote (the read-after-write guard)"
        % (len(parents), options.workers, options.rounds, options.duration, guard)
    )
    fives = 0
    for name in phases:
        fives += report(records, phases[name])
    print(
        "\n%-30s %13s %13s %11s %13s %13s %11s %9s %9s %6s"
        % (
            "",
            "primary xact",
            "primary rows",
            "primary CPU",
            "replica xact",
            "replica rows",
            "replica CPU",
            "lag med",
            "lag max",
            "stale",
        )
    )
    for name in phases:
        xacts, rows, cpu, r_xacts, r_rows, r_cpu = load[name]
        measured = sorted(lag[0] for lag in lags.get(name, []) if lag[0] is not None)
        print(
            "%-30s %13d %13d %9.1f s %13d %13d %9.1f s %7.3f s %7.3f s %6d"
            % (
                name,
                xacts,
                rows,
                cpu,
                r_xacts,
                r_rows,
                r_cpu,
                percentile(measured, 0.5) if measured else 0,
                measured[-1] if measured else 0,
                stale[name],
            )
        )
    print(
        "(xact: transactions of the database on that server; rows: rows it read; CPU: of all its processes; "
        "lag: the primary's pg_stat_replication.replay_lag, sampled every 0.5 s; stale: pages shown right after "
        "a registration that still offered the registered child)"
    )
    for logfile in logfiles:
        _retried, _gave_up, errors = retries_in_log(logfile)
        for kind, count in sorted(errors.items()):
            print("  ERROR lines in %s, %s: %d" % (logfile, kind, count))
    guarded = [name for name, _extra, guard_seconds, _delay in configurations + trials[:1] if guard_seconds is None]
    return 1 if fives or any(stale.get(name) for name in guarded) else 0


def load_counters(standby, database, primary_data):
    """Transactions and rows read on the primary, its CPU, then the same on the replica."""
    primary = database_counters(standby.connect_primary, database)
    replica = database_counters(standby.connect, database)
    return (*primary, server_cpu(primary_data), *replica, server_cpu(standby.data))


def odoo_config(odoo_args, folder, settings):
    """Options that give Odoo ``settings`` (keys of its configuration file that have no command-line
    option): a configuration file with them, after the one given with ``-c``, if any."""
    if not settings:
        return ()
    lines = []
    for index, arg in enumerate(odoo_args):
        given = odoo_args[index + 1] if arg in ("-c", "--config") and index + 1 < len(odoo_args) else None
        if arg.startswith("--config="):
            given = arg.split("=", 1)[1]
        if given:
            with open(given, encoding="utf-8") as conf:
                lines = [line.rstrip("\n") for line in conf]
    if not any(line.strip() == "[options]" for line in lines):
        lines.append("[options]")
    lines += ["%s = %s" % (key, value) for key, value in settings.items()]
    path = os.path.join(folder, "odoo.conf")
    with open(path, "w", encoding="utf-8") as conf:
        conf.write("\n".join(lines) + "\n")
    return ("-c", path)


def replica_tool_guard():
    """The addon's read-after-write guard, in seconds, as Odoo is configured for the run."""
    from odoo.tools import config

    return odoo_env.load_tool("replica").guard_seconds(config.get("youth_read_after_write_seconds"))


# ---------------------------------------------------------------------------------------- hosts
DEPLOY = os.path.join(odoo_env.ROOT, "deploy")
NGINX_SITE = os.path.join(DEPLOY, "nginx", "youth_movement.conf")
ODOO_CONF = os.path.join(DEPLOY, "odoo.conf")


def nginx_layout(site):
    """From deploy/nginx/youth_movement.conf: the address nginx listens on, and the hosts of its
    upstreams as (HTTP port, gevent port), in order."""
    with open(site, encoding="utf-8") as conf:
        text = conf.read()
    listen = re.search(r"^\s*listen\s+127\.0\.0\.1:(\d+)\s*;", text, re.M)
    upstreams = {
        name: [int(port) for port in re.findall(r"^\s*server\s+127\.0\.0\.1:(\d+)[^;]*;", body, re.M)]
        for name, body in re.findall(r"upstream\s+(\w+)\s*\{(.*?)\}", text, re.S)
    }
    if not listen or len(upstreams.get("youth_odoo", [])) != len(upstreams.get("youth_odoo_websocket", [])):
        sys.exit("%s: expected 'listen 127.0.0.1:PORT' and as many page as websocket upstream servers" % site)
    return int(listen.group(1)), list(zip(upstreams["youth_odoo"], upstreams["youth_odoo_websocket"]))


def start_nginx(folder, hosts):
    """nginx with deploy/nginx/youth_movement.conf, its upstreams cut to the first ``hosts`` servers."""
    with open(NGINX_SITE, encoding="utf-8") as conf:
        site = conf.read()
    for number in range(hosts + 1, 10):
        site = re.sub(r"^(\s*server\s+127\.0\.0\.1:\d+[^;]*;\s*#\s*host %d)$" % number, r"# \1", site, flags=re.M)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "site.conf"), "w", encoding="utf-8") as conf:
        conf.write(site)
    temp = "".join(
        "    %s_temp_path %s;\n" % (kind, os.path.join(folder, kind))
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main_conf = os.path.join(folder, "nginx.conf")
    with open(main_conf, "w", encoding="utf-8") as conf:
        conf.write(
            "daemon off;\n%sworker_processes 1;\npid %s;\nerror_log %s warn;\n"
            "events { worker_connections 4096; }\nhttp {\n    access_log off;\n%s    include %s;\n}\n"
            % (
                "user root;\n" if os.geteuid() == 0 else "",
                os.path.join(folder, "nginx.pid"),
                os.path.join(folder, "error.log"),
                temp,
                os.path.join(folder, "site.conf"),
            )
        )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([nginx, "-c", main_conf, "-p", folder], start_new_session=True)
    time.sleep(1)
    if process.poll() is not None:
        sys.exit("nginx did not start: see %s" % os.path.join(folder, "error.log"))
    return process


def host_data_dir(folder, number, shared_data):
    """A host's own data folder whose filestore and sessions are the shared ones (symbolic links: on
    several machines, a shared file system mounted there)."""
    own = os.path.join(folder, "host%d" % number)
    os.makedirs(own, exist_ok=True)
    for name in ("filestore", "sessions"):
        os.makedirs(os.path.join(shared_data, name), exist_ok=True)
        link = os.path.join(own, name)
        if not os.path.lexists(link):
            os.symlink(os.path.join(shared_data, name), link)
    return own


def bus_check(base, parent, database):
    """A websocket opened through nginx (on whichever host) receives a notification the database sends
    to the parent (the bus crosses hosts through PostgreSQL's NOTIFY). Return the seconds it took, or
    what failed."""
    try:
        import websocket
    except ImportError:
        return "websocket-client is not installed"
    session = parent.session.cookies.get("session_id")
    try:
        ws = websocket.create_connection(
            base.replace("http", "ws", 1) + "/websocket?version=18.0",
            origin=base,
            cookie="session_id=%s" % session,
            timeout=30,
        )
    except Exception as error:  # the check reports it, whatever it is
        return "no websocket: %r" % error
    try:
        ws.send('{"event_name": "subscribe", "data": {"channels": [], "last": 0}}')
        time.sleep(1)  # the subscription reaches the gevent process before the notification is sent
        started = time.perf_counter()
        with odoo_env.environment(database) as env:
            partner = env["res.users"].search([("login", "=", parent.login)]).partner_id
            env["bus.bus"]._sendone(partner, "youth_bus_check", {"text": "bus through nginx"})
        received, deadline = "", time.monotonic() + 30
        while "bus through nginx" not in received and time.monotonic() < deadline:
            received += ws.recv()
        return time.perf_counter() - started
    except Exception as error:  # the check reports it, whatever it is
        return "no notification: %r" % error
    finally:
        ws.close()


def compare_hosts(options, logins, district, seats):
    """The portal scenario through nginx (deploy/nginx/youth_movement.conf) in front of one Odoo host,
    then two, in turn, each host started with deploy/odoo.conf, ``--workers`` workers, its own data
    folder sharing the filestore and the session store; print the two tables and the bus check."""
    from odoo.tools import config

    listen, layout = nginx_layout(NGINX_SITE)
    folder = tempfile.mkdtemp(prefix="portal_hosts_")
    shared = config["data_dir"]
    base = "http://%s:%d" % (HOST, listen)
    configurations = [("through nginx, 1 host", 1), ("through nginx, %d hosts" % len(layout), len(layout))]
    records, phases, parents, logfiles, bus = [], {}, None, [], {}
    for _round in range(options.rounds):
        for name, count in configurations:
            with odoo_env.environment(options.database, {"tracking_disable": True}) as env:
                event_ids = set(fresh_events(env, district, options.events, seats).ids)
            servers, proxy = [], None
            try:
                for number, ports in enumerate(layout[:count], start=1):
                    data_dir = host_data_dir(folder, number, shared)
                    server = start_server(
                        options,
                        tempfile.mkdtemp(prefix="host%d_" % number, dir=folder),
                        extra=("--data-dir", data_dir),
                        ports=ports,
                        config=ODOO_CONF,
                    )
                    servers.append(server)
                    logfiles.append(server.logfile)
                proxy = start_nginx(os.path.join(folder, "nginx"), count)
                parents = ready_sessions(parents, base, logins, event_ids, options, records)
                if name not in bus:
                    # the gevent process may still be starting: a few tries
                    for _attempt in range(10):
                        bus[name] = bus_check(base, parents[0], options.database)
                        if isinstance(bus[name], float):
                            break
                        time.sleep(3)
                phases.setdefault(name, []).append(
                    run_phase(
                        parents,
                        name,
                        lambda p, deadline: p.portal(deadline, options.max_loops),
                        options.duration,
                        options.ramp,
                    )
                )
            finally:
                if proxy is not None:
                    os.killpg(proxy.pid, signal.SIGTERM)
                    proxy.wait()
                for server in servers:
                    stop_server(server)
    print(
        "\n%d concurrent sessions through nginx on %s, %d Odoo workers per host (deploy/odoo.conf), "
        "%d rounds of %.0f s per configuration, in turn"
        % (len(parents), base, options.workers, options.rounds, options.duration)
    )
    fives = 0
    for name in phases:
        fives += report(records, phases[name])
    for name, result in bus.items():
        print(
            "bus, %s: %s"
            % (
                name,
                "a message sent by the database reached a websocket opened through nginx in %.2f s" % result
                if isinstance(result, float)
                else "FAILED: %s" % result,
            )
        )
    for logfile in logfiles:
        _retried, _gave_up, errors = retries_in_log(logfile)
        for kind, count in sorted(errors.items()):
            print("  ERROR lines in %s, %s: %d" % (logfile, kind, count))
    return 1 if fives or not all(isinstance(result, float) for result in bus.values()) else 0


# ---------------------------------------------------------------------------------------- main
def main():
    options = parse()
    if options.parents < 50:
        sys.exit("--parents must be at least 50")
    rng = random.Random(options.seed)
    clock = odoo_env.Stopwatch()
    context = {"tracking_disable": True, "mail_create_nolog": True, "no_reset_password": True}
    with odoo_env.environment(options.database, context) as env:
        district, schools = pick_district(env)
        users = ensure_parents(env, options.parents, schools, rng)
        seats = [int(value) for value in options.seats.split(",")]
        events = fresh_events(env, district, options.events, seats)
        children = env["youth.member"].search_count(
            [("guardian_link_ids.guardian_id", "in", users.partner_id.ids), ("status", "=", "active")]
        )
        logins, event_ids = users.mapped("login"), set(events.ids)
        print(
            "setup: %d parents, %d children in %s, %d events with %s seats (%.1f s)"
            % (len(users), children, district.name, len(events), options.seats, clock())
        )

    if options.replica or options.hosts:
        code = (compare_replica if options.replica else compare_hosts)(options, logins, district, seats)
        print("done in %.0f s" % clock())
        return code
    server = start_server(options, tempfile.mkdtemp(prefix="portal_load_"))
    logfile = server.logfile
    try:
        print(
            "Odoo: %d workers on %s:%d, log in %s (up after %.1f s)"
            % (options.workers, HOST, options.http_port, logfile, clock())
        )
        base = "http://%s:%d" % (HOST, options.http_port)
        records = []
        parents = [
            Parent(base, login, event_ids, options.timeout, random.Random(options.seed + index), records)
            for index, login in enumerate(logins)
        ]
        login = run_phase(
            parents, "login", lambda parent, _deadline: setattr(parent, "logged_in", parent.log_in()), ramp=options.ramp
        )
        logged = [parent for parent in parents if parent.logged_in]
        print("%d of %d sessions logged in (%.1f s)" % (len(logged), len(parents), login.wall))
        if len(logged) < 50:
            sys.exit("fewer than 50 sessions logged in: see %s" % logfile)
        run_phase(
            logged,
            "warm-up",
            lambda parent, _deadline: (parent.home(), parent.my_children(), parent.my_events()),
            ramp=options.ramp,
        )
        reference, portal = [], []
        for _round in range(options.rounds):
            reference.append(
                run_phase(
                    logged,
                    "reference /my",
                    lambda parent, deadline: parent.reference(deadline),
                    options.duration,
                    options.ramp,
                )
            )
            portal.append(
                run_phase(
                    logged,
                    "portal",
                    lambda parent, deadline: parent.portal(deadline, options.max_loops),
                    options.duration,
                    options.ramp,
                )
            )
    finally:
        stop_server(server)
    print(
        "\n%d concurrent sessions, %d Odoo workers, %d rounds of %.0f s per scenario, in turn"
        % (len(logged), options.workers, options.rounds, options.duration)
    )
    fives = report(records, reference) + report(records, portal)
    warm_errors = [record for record in records if record[0].name in ("login", "warm-up") and failed(record[2])]
    outcomes = {}
    for parent in logged:
        for key, count in parent.outcomes.items():
            outcomes[key] = outcomes.get(key, 0) + count
    print(
        "\nregistration forms sent: %(registered)d done, %(problems)d with a problem shown; "
        "%(nothing to register)d loops found no child left to register" % outcomes
    )
    print("errors during login and warm-up: %d" % len(warm_errors))
    print_errors(warm_errors)
    retried, gave_up, errors = retries_in_log(logfile)
    print("Odoo log: serialisation failures retried %s, given up after the last try %s" % (retried or 0, gave_up or 0))
    for kind, count in sorted(errors.items()):
        print("  ERROR lines, %s: %d" % (kind, count))
    with odoo_env.environment(options.database) as env:
        problems = check_events(env, sorted(event_ids))
    for problem in problems:
        print("CHECK FAILED: " + problem)
    if not problems:
        print("check: no event overbooked, every waitlist runs 1..n")
    print("done in %.0f s" % clock())
    return 1 if fives or problems else 0


if __name__ == "__main__":
    sys.exit(main())
