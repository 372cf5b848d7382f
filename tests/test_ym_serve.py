"""``./ym run`` serves a database that survives Odoo's own reloads, threaded or with workers.

Odoo reloads itself on SIGHUP (and when a worker passes its limits) by re-executing its command
line: started as ``python -m odoo`` the reload failed and the server was gone. With ``--workers``
the bus's websocket is served by Odoo's gevent process only: ``./ym run`` puts one address in front
of both. ``./ym test`` runs this file after the Odoo-backed suite, on the database that suite made
(``YM_SERVE_DB``).
"""

import contextlib
import http.cookiejar
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

websocket = pytest.importorskip("websocket", reason="websocket-client (test-requirements.txt)")

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("YM_SERVE_DB")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.skipif(not DATABASE, reason="needs YM_SERVE_DB, a database with the addon (./ym test sets it)")
def test_server_answers_after_a_reload(tmp_path):
    with ym_run(tmp_path) as (port, log):
        url = f"http://127.0.0.1:{port}/web/login?db={DATABASE}"
        found = subprocess.run(["pgrep", "-f", "--", f"--http-port {port}"], capture_output=True, text=True)
        odoo_pids = [int(pid) for pid in found.stdout.split()]
        assert len(odoo_pids) == 1, found.stdout
        os.kill(odoo_pids[0], signal.SIGHUP)
        assert wait_until(lambda: "Initiating server reload" in log.read_text(), 60), log.read_text()[-3000:]
        assert wait_until(lambda: log.read_text().count("HTTP service (werkzeug) running") >= 2, 120), log.read_text()[
            -3000:
        ]
        assert wait_until(lambda: status(url) == 200, 120), log.read_text()[-3000:]
        assert "ImportError" not in log.read_text()


@contextlib.contextmanager
def ym_run(tmp_path, *options):
    """``./ym run OPTIONS`` on a free port; yields (port, log file) once /web/login answers."""
    port = free_port()
    while any(not _free(port + shift) for shift in (1, 3)):
        port = free_port()
    log = tmp_path / "run.log"
    env = dict(os.environ, YM_DB=DATABASE, YM_HTTP_PORT=str(port))
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "ym"), "run", *options],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/web/login?db={DATABASE}"
        assert wait_until(lambda: status(url) == 200, 180), log.read_text()[-3000:]
        yield port, log
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def _free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def rpc(opener, base, path, params):
    request = urllib.request.Request(
        base + path,
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=30) as response:
        body = json.loads(response.read())
    assert "error" not in body, body.get("error")
    return body["result"]


@pytest.mark.skipif(not DATABASE, reason="needs YM_SERVE_DB, a database with the addon (./ym test sets it)")
def test_workers_serve_pages_and_the_bus_on_one_address(tmp_path):
    """``./ym run --workers 2``: pages from the workers, and a message posted in a channel reaches
    the user's websocket, both through the address the browser opens."""
    with ym_run(tmp_path, "--workers", "2") as (port, log):
        text = log.read_text()
        assert f"2 workers on port {port + 1}" in text and f"(websocket) on port {port + 3}" in text, text[-3000:]
        assert wait_until(lambda: "Evented Service (longpolling) running" in log.read_text(), 60), log.read_text()[
            -3000:
        ]
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        info = rpc(opener, base, "/web/session/authenticate", {"db": DATABASE, "login": "admin", "password": "admin"})
        session = next(cookie.value for cookie in jar if cookie.name == "session_id")
        values = {"name": "ym run bus check", "channel_member_ids": [(0, 0, {"partner_id": info["partner_id"]})]}
        channel = rpc(
            opener,
            base,
            "/web/dataset/call_kw/discuss.channel/create",
            {"model": "discuss.channel", "method": "create", "args": [values], "kwargs": {}},
        )
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/websocket?version=18.0", origin=base, cookie=f"session_id={session}", timeout=30
        )
        try:
            assert ws.status == 101
            ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
            time.sleep(1)  # the subscription reaches the gevent process before the message is posted
            rpc(
                opener,
                base,
                "/web/dataset/call_kw/discuss.channel/message_post",
                {
                    "model": "discuss.channel",
                    "method": "message_post",
                    "args": [channel],
                    "kwargs": {"body": "bus through the router", "message_type": "comment"},
                },
            )
            received = ""
            deadline = time.monotonic() + 30
            while "bus through the router" not in received and time.monotonic() < deadline:
                received += ws.recv()
            assert "bus through the router" in received
        finally:
            ws.close()
            rpc(
                opener,
                base,
                "/web/dataset/call_kw/discuss.channel/unlink",
                {"model": "discuss.channel", "method": "unlink", "args": [[channel]], "kwargs": {}},
            )
