"""Open an Odoo environment from the command line of a benchmark script.

The scripts take their own options and pass every other argument to Odoo's configuration
parser, so they reach the database the same way ``python3 -m odoo`` does::

    python3 bench/members_list.py -d DB --db_host HOST --db_port PORT -r odoo --addons-path PATHS

``-c odoo.conf`` works as well.
"""

import argparse
import contextlib
import importlib.util
import pathlib
import time

import odoo
from odoo import api
from odoo.tools import config

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_tool(name):
    """The addon's plain-Python module ``tools/<name>.py``, loaded by path (no addons path needed)."""
    spec = importlib.util.spec_from_file_location(f"ym_{name}", ROOT / "youth_movement" / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def argument_parser(doc, repeat):
    """The options every benchmark takes (``--repeat``, ``--warmup``, ``--region``); the others go to Odoo."""
    parser = argparse.ArgumentParser(
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Every other option goes to Odoo (-d, --db_host, --db_port, -r, -w, --addons-path, -c...).",
    )
    parser.add_argument("--repeat", type=int, default=repeat, help=f"timed runs of each scenario (default {repeat})")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--region", default="35", help="ISO 3166-2:KZ code of the region (default 35, Karaganda)")
    return parser


def parse(parser):
    """Parse the script's options with ``parser`` and Odoo's with its own parser.

    Return the script's options; the database name is ``options.database`` and Odoo's own
    arguments are ``options.odoo_args`` (to start a server the same way).
    """
    options, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args, setup_logging=True)
    database = config["db_name"]
    if not database or "," in database:
        parser.error("give one database with -d DB")
    options.database = database
    options.odoo_args = odoo_args
    return options


@contextlib.contextmanager
def environment(database, context=None):
    """Yield a superuser environment on a new cursor of ``database``; commit when the block ends."""
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        yield api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))


class Stopwatch:
    """Seconds since it was started, for the report lines."""

    def __init__(self):
        self.start = time.perf_counter()

    def __call__(self):
        return time.perf_counter() - self.start


def run_as(env, user, model, call, **context):
    """``call(records)`` once as ``user`` on an empty ``model`` recordset, with a cold record cache
    (as a new request) and ``context`` added to the user's: ``(seconds, queries, result)``."""
    env.invalidate_all()
    env.transaction.clear()
    records = env(user=user.id, context=dict(env.context, **user.context_get(), bin_size=True, **context))[model]
    queries = env.cr.sql_log_count
    clock = Stopwatch()
    result = call(records)
    return clock(), env.cr.sql_log_count - queries, result
