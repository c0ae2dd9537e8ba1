"""Serve the site with granian (WSGI, several worker processes) plus the periodic-job loop.

``toasoan serve`` (what ``make run`` calls) serves http://127.0.0.1:8000 on the current
settings (dev: SQLite, DEBUG, no services). ``toasoan serve --production`` switches to
``toasoan.settings.production``, migrates, collects static files (hashed names) and starts N
workers, normally behind nginx (deploy/nginx/toasoan.conf). Why granian: see
docs/decisions/app-server.md.
"""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from toasoan.ops import jobs
from toasoan.ops.processes import GRANIAN_TUNING, granian_env, stop_tree

PRODUCTION_SETTINGS = "toasoan.settings.production"


def default_workers():
    # One worker per core is what granian's WSGI workers want; two at least so a slow
    # request never holds the whole site.
    return max(2, os.cpu_count() or 1)


class Command(BaseCommand):
    help = (
        "Serve the site with granian (WSGI) and run the periodic jobs (scheduled publishing, "
        "…) every 30 s. --production: production settings, migrate, collectstatic, N workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to bind (8000)")
        parser.add_argument(
            "--workers", type=int, default=None, help="app worker processes (default: cores, ≥2)"
        )
        parser.add_argument(
            "--production",
            action="store_true",
            help=f"use {PRODUCTION_SETTINGS} (or $DJANGO_SETTINGS_MODULE if it is not dev), "
            "migrate and collectstatic before serving",
        )
        parser.add_argument(
            "--no-scheduler", action="store_true", help="do not run the periodic jobs loop"
        )
        parser.add_argument(
            "--jobs-interval", type=float, default=30.0, help="seconds between job runs (30)"
        )
        parser.add_argument(
            "--skip-setup",
            action="store_true",
            help="with --production: do not migrate/collectstatic (another process did it)",
        )

    def handle(self, *args, **options):
        env = os.environ.copy()
        if options["production"]:
            chosen = os.environ.get("DJANGO_SETTINGS_MODULE", "")
            if chosen in ("", "toasoan.settings.dev", "toasoan.settings.test"):
                chosen = os.environ.get("TOASOAN_PRODUCTION_SETTINGS", PRODUCTION_SETTINGS)
            env["DJANGO_SETTINGS_MODULE"] = chosen
        else:
            env["DJANGO_SETTINGS_MODULE"] = os.environ.get(
                "DJANGO_SETTINGS_MODULE", "toasoan.settings.dev"
            )
        workers = options["workers"] or default_workers()
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if options["production"] and not options["skip_setup"]:
            self._production_setup(env)
        command = self._granian_command(options["host"], options["port"], workers)
        self._announce(options, workers, env["DJANGO_SETTINGS_MODULE"])
        server = subprocess.Popen(command, env=granian_env(env))  # noqa: S603 - our own argv
        stop = threading.Event()
        scheduler = None
        if not options["no_scheduler"]:
            scheduler = self._start_scheduler(env, options["jobs_interval"])
        self._wait(server, stop)
        if scheduler is not None:
            stop_tree(scheduler.pid, timeout=10, wait=scheduler.wait)
        if server.returncode not in (0, -signal.SIGTERM, -signal.SIGINT, None):
            raise CommandError(f"granian exited with status {server.returncode}")

    def _production_setup(self, env):
        for argv in (
            ["check", "--deploy", "--fail-level", "ERROR"],
            ["migrate", "--noinput"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
        ):
            self.stdout.write(f"toasoan {' '.join(argv)}")
            done = subprocess.run(  # noqa: S603 - our own argv
                [sys.executable, "-m", "toasoan.cli", *argv], env=env, check=False
            )
            if done.returncode != 0:
                raise CommandError(f"'toasoan {argv[0]}' failed; the site was not started.")

    def _granian_command(self, host, port, workers):
        return [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--respawn-failed-workers",
            # Python runs one request at a time per worker (GIL); more threads per worker only
            # add switching and memory. Extra connections wait in granian's queue.
            *GRANIAN_TUNING,
            # Safety net, not the budget (≈130–150 MB per worker, docs/production.md): a
            # worker above 300 MB for two samples 30 s apart is replaced by a fresh one.
            "--workers-max-rss",
            "300",
            "--rss-samples",
            "2",
            "--no-ws",
            "--log-level",
            "warning",
            *self._media_routes(),
            "toasoan.ops.wsgi:application",
        ]

    @staticmethod
    def _media_routes():
        """granian serves TOASOAN_SERVER_MEDIA_FOLDERS itself: those requests never reach Python."""
        arguments = []
        for folder in getattr(settings, "TOASOAN_SERVER_MEDIA_FOLDERS", ()):
            directory = Path(settings.MEDIA_ROOT) / folder
            directory.mkdir(parents=True, exist_ok=True)  # granian needs it at start
            route = f"{settings.MEDIA_URL.rstrip('/')}/{folder.strip('/')}"
            arguments += ["--static-path-route", route, "--static-path-mount", str(directory)]
        if arguments:
            seconds = getattr(settings, "TOASOAN_SERVER_MEDIA_SECONDS", 30)
            arguments += ["--static-path-expires", str(seconds)]
        return arguments

    def _start_scheduler(self, env, interval):
        # A separate process: the jobs never share the GIL with request handling, and the
        # scheduler's DB connection is not the workers'. The lock in jobs.py keeps each job to
        # one run per period even when several hosts run this loop.
        return subprocess.Popen(  # noqa: S603 - our own argv
            [
                sys.executable,
                "-m",
                "toasoan.cli",
                "jobs",
                "--loop",
                "--interval",
                str(interval),
            ],
            env=env,
        )

    def _wait(self, server, stop):
        def forward(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        while server.poll() is None and not stop.is_set():
            stop.wait(0.5)
        if server.poll() is None:
            # granian stops its workers on SIGTERM in well under a second; if it has not
            # within 15 s (it can hang when stopped mid-start), its whole tree is killed.
            stop_tree(server.pid, timeout=15, wait=server.wait)

    def _announce(self, options, workers, settings_module):
        host = options["host"]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104
        url = f"http://{shown}:{options['port']}/"
        password_file = Path(settings.VAR_DIR) / "admin-password.txt"
        self.stdout.write(
            self.style.SUCCESS(f"Tòa soạn is serving {url} ({workers} granian workers, ")
            + f"settings {settings_module}); Ctrl+C stops it."
        )
        self.stdout.write(f"  Newsroom (Wagtail admin): {url}quan-tri/")
        if password_file.exists() and not options["production"]:
            self.stdout.write(f"  Log in with the account in {password_file} (user 'admin').")
        else:
            self.stdout.write("  No account yet? Create one: toasoan createsuperuser")
        self.stdout.write(f"  Periodic jobs: {', '.join(j.name for j in jobs.registered_jobs())}")
