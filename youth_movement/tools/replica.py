"""Read replicas, the Odoo 18 way, without showing anyone the past.

Odoo 18 opens the cursor of a route marked ``readonly`` on ``db_replica_host`` when one is
configured (on the primary when not, or when the replica is down), and runs the request again on the
primary when it tries to write. A streaming replica replays the primary's commits a moment later:
a family that has just registered a child, and is sent to its events page, could read that page
from a replica that has not replayed the registration yet, and see the child still free to register.

Two guards keep a person's own writes visible to them:

- read after write: a request that may have written on the primary (any method but GET and HEAD
  served with a read/write cursor, by a route of a user) stamps the session; for
  :data:`READ_AFTER_WRITE_SECONDS` after it, that session's read-only pages are read on the primary.
  The stamp is the session's, so it holds on any Odoo host behind the proxy (the session store is
  shared);
- not found yet: a page served from a replica that does not find the record it was asked for (a
  ticket, a report wizard created a moment ago) asks the primary before it answers 404
  (:func:`not_found`), through Odoo's own retry of a read-only transaction.
"""

import threading
import time

import psycopg2.errors

from odoo.http import request
from odoo.tools import config

SESSION_KEY = "youth_wrote_at"
# a streaming replica beside its primary replays a commit within milliseconds, even with the machine
# saturated (bench/README.md measures it); the guard leaves room for a replica that falls seconds behind
READ_AFTER_WRITE_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD")


def read_after_write_seconds():
    """The guard's length, from Odoo's configuration (``youth_read_after_write_seconds``) if set."""
    value = config.get("youth_read_after_write_seconds")
    if value in (None, "", False):
        return READ_AFTER_WRITE_SECONDS
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return READ_AFTER_WRITE_SECONDS


def wrote_lately(session, now=None):
    """Whether the session wrote on the primary less than the guard's length ago."""
    wrote_at = session.get(SESSION_KEY)
    if not isinstance(wrote_at, int | float):
        return False
    return 0 <= (now if now is not None else time.time()) - wrote_at < read_after_write_seconds()


def may_read_replica(methods=SAFE_METHODS):
    """Whether this request may be read on a replica: a method of ``methods``, and a session that has
    not written lately. ``methods=None`` for a JSON route, whose POST only reads."""
    if methods is not None and request.httprequest.method not in methods:
        return False
    return not wrote_lately(request.session)


def note_write(auth):
    """After a request is dispatched: stamp the session when the request may have written. A route of
    ``auth="none"`` (the login, the database manager) writes nothing a person's pages show."""
    if request.httprequest.method in SAFE_METHODS or not request.session.uid or auth == "none":
        return
    # Odoo names the cursor the request ran on: 'ro' (read-only, may be a replica), 'rw', 'ro->rw'
    if getattr(threading.current_thread(), "cursor_mode", "rw") == "ro":
        return
    request.session[SESSION_KEY] = time.time()


def not_found(exception):
    """What a page that did not find its record raises: on a read-only cursor, the error that makes
    Odoo run the request again on the primary (which may have the record the replica has not
    replayed yet); on the primary, ``exception`` (a 404)."""
    if request.env.cr.readonly:
        raise psycopg2.errors.ReadOnlySqlTransaction("record not found on a read-only cursor, asking the primary")
    raise exception


# ---------------------------------------------------------------- the routes' ``readonly=``
# Odoo calls a callable ``readonly`` with the controller, before the route's transaction opens.


def family_page(_controller):
    """A page that only reads (GET), read on a replica unless the session wrote lately."""
    return may_read_replica()


def family_json(_controller):
    """A JSON route that only reads, read on a replica unless the session wrote lately."""
    return may_read_replica(methods=None)
