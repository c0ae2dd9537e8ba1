"""Run the registered periodic jobs (toasoan/ops/jobs.py) once, or in a loop."""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from toasoan.ops import jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run every periodic job that is due (each under a shared lock, so several servers "
        "may run this at once). --loop keeps running every --interval seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run forever")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds (30)")
        parser.add_argument("--force", action="store_true", help="ignore each job's period")

    def handle(self, *args, **options):
        if not options["loop"]:
            self._run_once(options["force"], options["verbosity"])
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        try:
            while not stopping:
                self._run_once(options["force"], options["verbosity"])
                deadline = time.monotonic() + options["interval"]
                while not stopping and time.monotonic() < deadline:
                    time.sleep(0.2)
        except KeyboardInterrupt:
            pass

    def _run_once(self, force, verbosity):
        close_old_connections()
        outcomes = jobs.run_due_jobs(force=force)
        close_old_connections()
        for name, outcome in outcomes.items():
            if verbosity > 1 or outcome == "failed":
                self.stdout.write(f"{name}: {outcome}")
