"""The routes' side of read replicas (the rules and why: ``tools/replica.py``)."""

import time

import psycopg2.errors

from odoo.http import request
from odoo.tools import config

from ..tools import replica as rules


def read_after_write_seconds():
    """The read-after-write guard's length, from Odoo's configuration (``youth_read_after_write_seconds``)."""
    return rules.guard_seconds(config.get("youth_read_after_write_seconds"))


def family_page(_controller):
    """``readonly=`` of a page that only reads on GET: on a replica unless the session wrote lately.
    Odoo calls it with the controller, before the route's transaction opens."""
    return rules.may_read_replica(request.httprequest.method, request.session, read_after_write_seconds(), time.time())


def family_json(_controller):
    """``readonly=`` of a JSON route that only reads: on a replica unless the session wrote lately."""
    return rules.may_read_replica(
        request.httprequest.method, request.session, read_after_write_seconds(), time.time(), methods=None
    )


def not_found(exception):
    """What a page that did not find its record raises: on a read-only cursor, the error that makes
    Odoo run the request again on the primary (which may have the record the replica has not
    replayed yet); on the primary, ``exception`` (a 404)."""
    if request.env.cr.readonly:
        raise psycopg2.errors.ReadOnlySqlTransaction("record not found on a read-only cursor, asking the primary")
    raise exception
