"""A real PostgreSQL streaming replica of the server a benchmark's database is on, for that run.

    python3 bench/replica.py $ODOO [--port 54339] [--folder DIR]

starts one and waits (Ctrl-C stops it); ``bench/portal_load.py --replica`` starts one itself. The
replica is made the usual way: ``pg_basebackup -R -X stream`` from the primary (a copy of its data
folder, ``standby.signal`` and ``primary_conninfo`` written), then started on a port of its own, in
hot standby, replaying the primary's write-ahead log as it streams. The primary must accept a
replication connection from its user (``initdb --auth=trust`` does on the local socket; the user is
the superuser). PostgreSQL refuses to run as root: as root, the replica runs as the account that owns
the primary's data folder when it is found, else ``postgres``.
"""

import argparse
import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import psycopg2


def binary(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        sys.exit(f"PostgreSQL's {name} was not found")
    return candidates[-1]


class Standby:
    """A hot standby of the primary at ``host``:``port`` (a socket folder or a host name)."""

    def __init__(self, host, port, user, password=None, replica_port=54339, folder=None):
        self.primary = {"host": host or None, "port": int(port or 5432), "user": user, "password": password}
        self.port = replica_port
        self.folder = folder or tempfile.mkdtemp(prefix="ym_replica_")
        self.data = os.path.join(self.folder, "data")
        self.started = False

    # the address Odoo is given: db_replica_host / db_replica_port
    @property
    def host(self):
        return self.folder

    def _owner(self):
        if os.geteuid() != 0:
            return None
        with self.connect_primary() as cnx, cnx.cursor() as cr:
            cr.execute("SHOW data_directory")
            primary_data = cr.fetchone()[0]
        try:
            return pwd.getpwuid(os.stat(primary_data).st_uid).pw_name
        except (OSError, KeyError):
            return "postgres"

    def connect_primary(self, dbname="postgres"):
        return psycopg2.connect(dbname=dbname, **{k: v for k, v in self.primary.items() if v is not None})

    def connect(self, dbname="postgres"):
        return psycopg2.connect(dbname=dbname, host=self.folder, port=self.port, user=self.primary["user"])

    def start(self):
        owner = self._owner()
        env = dict(os.environ)
        if self.primary["password"]:
            env["PGPASSWORD"] = self.primary["password"]
        started = time.perf_counter()
        cmd = [binary("pg_basebackup"), "-D", self.data, "-R", "-X", "stream", "-c", "fast", "-U", self.primary["user"]]
        if self.primary["host"]:
            cmd += ["-h", self.primary["host"]]
        cmd += ["-p", str(self.primary["port"])]
        subprocess.run(cmd, check=True, env=env)
        self.copy_seconds = time.perf_counter() - started
        self.copy_bytes = sum(
            os.path.getsize(os.path.join(root, name)) for root, _dirs, names in os.walk(self.data) for name in names
        )
        as_owner = []
        if owner:
            for root, dirs, names in os.walk(self.folder):
                for name in [root] + [os.path.join(root, n) for n in dirs + names]:
                    shutil.chown(name, owner)
            as_owner = ["runuser", "-u", owner, "--"]
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses='' -c hot_standby=on "
            "-c hot_standby_feedback=on -c max_connections=200"
        )
        subprocess.run(
            as_owner
            + [binary("pg_ctl"), "-D", self.data, "-l", os.path.join(self.folder, "server.log"), "-o", options, "-w"]
            + ["start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.started, self.as_owner = True, as_owner
        with self.connect() as cnx, cnx.cursor() as cr:
            cr.execute("SELECT pg_is_in_recovery()")
            if not cr.fetchone()[0]:
                sys.exit("the replica is not in recovery: it is no standby")
        return self

    def stop(self):
        if self.started:
            subprocess.run(
                self.as_owner + [binary("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
            )
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def set_delay(self, seconds):
        """Make the replica apply each commit ``seconds`` late (``recovery_min_apply_delay``): a replica
        fallen behind, on purpose. 0 applies them as they come."""
        if getattr(self, "delay", 0) == seconds:
            return
        cnx = self.connect()
        cnx.autocommit = True
        with cnx.cursor() as cr:
            cr.execute("ALTER SYSTEM SET recovery_min_apply_delay = %s", ["%dms" % round(seconds * 1000)])
            cr.execute("SELECT pg_reload_conf()")
        cnx.close()
        self.delay = seconds

    def lag(self):
        """The primary's view of the replica: (replay lag in seconds, bytes of WAL not replayed yet)."""
        with self.connect_primary() as cnx, cnx.cursor() as cr:
            cr.execute(
                "SELECT EXTRACT(epoch FROM COALESCE(replay_lag, '0')), pg_wal_lsn_diff(sent_lsn, replay_lsn)"
                " FROM pg_stat_replication"
            )
            row = cr.fetchone()
        return (float(row[0]), int(row[1] or 0)) if row else (None, None)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=54339, help="the replica's port")
    parser.add_argument("--folder", help="where its data goes (a new temporary folder by default)")
    options, odoo_args = parser.parse_known_args()
    from odoo.tools import config

    config.parse_config(odoo_args)
    standby = Standby(
        config["db_host"], config["db_port"], config["db_user"], config["db_password"], options.port, options.folder
    ).start()
    print(
        "replica of %s:%s on %s port %s (copied %.0f MB in %.1f s): give Odoo --db_replica_host %s "
        "--db_replica_port %s; Ctrl-C stops it"
        % (
            config["db_host"],
            config["db_port"],
            standby.folder,
            standby.port,
            standby.copy_bytes / 1e6,
            standby.copy_seconds,
            standby.folder,
            standby.port,
        )
    )
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        standby.stop()


if __name__ == "__main__":
    main()
