"""``./ym run`` serves a database that survives Odoo's own reloads.

Odoo reloads itself on SIGHUP (and when a worker passes its limits) by re-executing its command
line: started as ``python -m odoo`` the reload failed and the server was gone. ``./ym test``
runs this file after the Odoo-backed suite, on the database that suite made (``YM_SERVE_DB``).
"""

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
    port = free_port()
    url = f"http://127.0.0.1:{port}/web/login?db={DATABASE}"
    log = tmp_path / "run.log"
    env = dict(os.environ, YM_DB=DATABASE, YM_HTTP_PORT=str(port))
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "ym"), "run"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        assert wait_until(lambda: status(url) == 200, 180), log.read_text()[-3000:]
        found = subprocess.run(["pgrep", "-f", "--", f"--http-port {port}"], capture_output=True, text=True)
        odoo_pids = [int(pid) for pid in found.stdout.split()]
        assert len(odoo_pids) == 1, found.stdout
        os.kill(odoo_pids[0], signal.SIGHUP)
        assert wait_until(lambda: "Initiating server reload" in log.read_text(), 60), log.read_text()[-3000:]
        assert wait_until(lambda: log.read_text().count("HTTP service (werkzeug) running") >= 2, 120), log.read_text()[
            -3000:
        ]
        assert wait_until(lambda: status(url) == 200, 120), log.read_text()[-3000:]
        assert server.poll() is None, "the server is still up"
        assert "ImportError" not in log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
