"""``toasoan jobs``: run the registered periodic jobs (toasoan/ops/jobs.py) once, or in a loop.

The one runner: the systemd timer runs it once every 30 s, ``toasoan serve`` runs it with
``--loop`` in a child process, and the tests run it as the shipped unit spells it.
"""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from toasoan.ops import jobs


class Command(BaseCommand):
    help = (
        "Run every periodic job that is due, each under its lock row in the database (several "
        "servers may run this at once). --loop keeps running every --interval seconds; --list "
        "shows each job's last run."
    )

    # The runner runs every 30 s; its own heartbeat check (ops.W001) belongs to `toasoan check`.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run forever")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds (30)")
        parser.add_argument("--force", action="store_true", help="ignore each job's period")
        parser.add_argument(
            "--only", action="append", metavar="NAME", help="run this job only (repeatable)"
        )
        parser.add_argument("--list", action="store_true", help="list the jobs and their last run")

    def handle(self, *args, **options):
        try:
            selected = [jobs.get_job(name).name for name in options["only"] or []]
        except LookupError as error:
            raise CommandError(str(error)) from error
        if options["list"]:
            self._list()
            return
        if not options["loop"]:
            failed = self._run_once(options["force"], selected, options["verbosity"])
            if failed:
                # A non-zero exit marks the systemd run failed; the others still ran.
                raise CommandError(f"periodic jobs failed: {', '.join(failed)} (see the log)")
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        try:
            while not stopping:
                self._run_once(options["force"], selected, options["verbosity"])
                deadline = time.monotonic() + options["interval"]
                while not stopping and time.monotonic() < deadline:
                    time.sleep(0.2)
        except KeyboardInterrupt:
            pass

    def _run_once(self, force, selected, verbosity):
        _drop_stale_connections()
        outcomes = jobs.run_due_jobs(force=force, names=selected)
        _drop_stale_connections()
        for name, outcome in outcomes.items():
            if verbosity > 1 or outcome == "failed":
                self.stdout.write(f"{name}: {outcome}")
        return [name for name, outcome in outcomes.items() if outcome == "failed"]

    def _list(self):
        now = timezone.now()
        for job, row in jobs.last_runs():
            if row is None or row.started_at is None:
                last = "never ran"
            else:
                result = {True: "ok", False: f"failed: {row.error}", None: "running"}[row.ok]
                last = f"last started {row.started_at:%Y-%m-%d %H:%M:%S %Z}, {result}"
            late = " (OVERDUE)" if jobs.overdue(job, row, now) else ""
            self.stdout.write(f"{job.name}  every {job.every_seconds} s  {last}{late}")


def _drop_stale_connections():
    # A loop runs for days: reconnect after a database restart. Never inside a caller's
    # transaction (a test calling the command), which closing would break.
    if not connection.in_atomic_block:
        close_old_connections()
