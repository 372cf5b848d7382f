"""Read replicas, the Odoo 18 way, without showing anyone the past: the rules (no Odoo here; the
routes' side is ``controllers/replica.py``).

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
  ticket, a report wizard created a moment ago) asks the primary before it answers 404, through
  Odoo's own retry of a read-only transaction.
"""

SESSION_KEY = "youth_wrote_at"
# a streaming replica beside its primary replays a commit within milliseconds, even with the machine
# saturated (bench/README.md measures it); the guard leaves room for a replica that falls seconds behind
READ_AFTER_WRITE_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD")


def guard_seconds(configured):
    """The guard's length from a configured value (Odoo's ``youth_read_after_write_seconds``): a
    number of seconds, 0 to turn it off; nothing or nonsense gives the default."""
    if configured in (None, "", False):
        return READ_AFTER_WRITE_SECONDS
    try:
        return max(0.0, float(configured))
    except (TypeError, ValueError):
        return READ_AFTER_WRITE_SECONDS


def wrote_lately(session, guard, now):
    """Whether the session wrote on the primary less than ``guard`` seconds before ``now``."""
    wrote_at = session.get(SESSION_KEY)
    if not isinstance(wrote_at, int | float) or isinstance(wrote_at, bool):
        return False
    return 0 <= now - wrote_at < guard


def may_read_replica(method, session, guard, now, methods=SAFE_METHODS):
    """Whether a request may be read on a replica: a method of ``methods`` (``None``: any, for a JSON
    route whose POST only reads), and a session that has not written lately."""
    if methods is not None and method not in methods:
        return False
    return not wrote_lately(session, guard, now)


def stamps_session(method, uid, auth, cursor_mode):
    """Whether a dispatched request counts as a write of its person: a method that may write, by a
    logged-in user, through a route of a user (``auth="none"`` ones, the login or the database
    manager, write nothing a person's pages show), on a cursor that could write (Odoo names it 'rw',
    or 'ro->rw' when a read-only request was run again on the primary; 'ro' could not)."""
    return method not in SAFE_METHODS and bool(uid) and auth != "none" and cursor_mode != "ro"
