#!/usr/bin/env python
"""Comment soak test: nothing a reader was told "received" may be lost or doubled.

Starts its own server (granian, 2 workers) on a throw-away database, lets N concurrent
clients post comments the way the page script does (fetch the CSRF token, fetch an ALTCHA
challenge, solve it in Python, POST), SIGKILLs the whole server half-way through, restarts
it, and at the end checks in the database that every comment that got a 201 answer is
stored exactly once. Prints posts/s, latency percentiles and lost = 0.

    .venv/bin/python bench/comments_soak.py [--db sqlite|postgres|all] [--seconds 30]

Rate limits are switched off for the run (all clients share one IP) and the ALTCHA work is
made cheap so the clients measure the server rather than their own hashing; the server
still verifies and claims every solution. Everything it creates (temp dir, database,
Redis keys) is removed at the end. Exit status 1 when anything was lost or doubled.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

from altcha import Challenge, Payload, solve_challenge

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SETTINGS = """
from toasoan.settings.base import *  # noqa
DEBUG = False
SECRET_KEY = "comments-soak-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
STORAGES = {{
    "default": {{"BACKEND": "django.core.files.storage.FileSystemStorage"}},
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
CACHES = {caches}
TOASOAN_COMMENTS = {{
    "RATE_LIMIT_PER_IP": 0,
    "RATE_LIMIT_PER_EMAIL": 0,
    "ALTCHA_CHALLENGE": {{"algorithm": "PBKDF2/SHA-256", "cost": 50, "key_prefix": "0"}},
}}
LOGGING = {{"version": 1, "disable_existing_loggers": False,
           "root": {{"handlers": [], "level": "CRITICAL"}}}}
"""
MAKE_ARTICLE = """
from toasoan.news.tests.factories import make_article, make_home, make_section
print(make_article(make_section(make_home()), title="Bài thử tải bình luận").pk)
"""


def main():
    args = _parse_args()
    if args.quick:
        args.seconds, args.clients = min(args.seconds, 10), min(args.clients, 20)
    databases = ["sqlite", "postgres"] if args.db == "all" else [args.db]
    ok, rows = True, []
    for db in databases:
        if db == "postgres" and not _postgres_available():
            print("!!! PostgreSQL is not running on 127.0.0.1:5432: postgres soak SKIPPED")
            ok = False
            continue
        run = Soak(args, db)
        try:
            ok = run.execute() and ok
            rows.append(run.summary)
        finally:
            run.cleanup()
    if rows and not args.no_write:
        _write_results(args, rows)
    sys.exit(0 if ok else 1)


def _postgres_available():
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=0.5).close()
        return True
    except OSError:
        return False


def _write_results(args, rows):
    lines = [
        "# Comment soak (bench/comments_soak.py)",
        "",
        f"{args.clients} clients, {args.seconds:g} s, granian with {args.workers} workers, "
        f"{os.cpu_count()} CPUs, "
        f"server SIGKILLed at {args.kill_at:.0%} of the run"
        + (" (no kill)" if args.no_kill else "")
        + f"; measured {time.strftime('%Y-%m-%d')}.",
        "",
        "| db | load at start | acknowledged posts/s | p50 | p95 | stored without ack | doubled "
        "| lost |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['db']} | {row['load']:.1f} | {row['posts_per_s']:.1f} | {row['p50']:.0f} ms | "
            f"{row['p95']:.0f} ms | {row['unacked']} | {row['doubled']} | {row['lost']} |"
        )
    out = REPO / "docs" / "benchmarks" / "comments_soak.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--port", type=int, default=8350)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--kill-at", type=float, default=0.5, help="fraction of the run at which to SIGKILL"
    )
    parser.add_argument("--no-kill", action="store_true", help="run without the SIGKILL")
    parser.add_argument("--quick", action="store_true", help="10 s with 20 clients")
    parser.add_argument(
        "--no-write", action="store_true", help="do not write docs/benchmarks/comments_soak.md"
    )
    return parser.parse_args()


def _redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Soak:
    def __init__(self, args, db):
        self.args = args
        self.db = db
        self.summary = {}
        self.run_id = uuid.uuid4().hex[:10]
        self.tmp = Path(tempfile.mkdtemp(prefix="comments-soak-"))
        self.server = None
        self.pg_name = None
        self.redis_prefix = None
        self.results = []  # (client, seq, body, status, seconds)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.env = None

    # -- set-up ---------------------------------------------------------------------
    def execute(self):
        self._prepare()
        self.load = os.getloadavg()[0]
        print(
            f"comments soak: db={self.db} cache={self.cache_kind} "
            f"clients={self.args.clients} seconds={self.args.seconds:g} "
            f"workers={self.args.workers} load={self.load:.1f} on {os.cpu_count()} CPUs",
            flush=True,
        )
        self._start_server()
        threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True)
            for n in range(self.args.clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        kill_after = self.args.seconds * self.args.kill_at
        killed_at = restarted_in = None
        while (elapsed := time.monotonic() - started) < self.args.seconds:
            if not self.args.no_kill and killed_at is None and elapsed >= kill_after:
                killed_at = elapsed
                self._kill_server()
                t0 = time.monotonic()
                self._start_server()
                restarted_in = time.monotonic() - t0
            time.sleep(0.05)
        self.stop.set()
        for thread in threads:
            thread.join(timeout=30)
        duration = time.monotonic() - started
        if killed_at is not None:
            print(f"server SIGKILLed at {killed_at:.1f} s, back up after {restarted_in:.1f} s")
        return self._report(duration)

    def _prepare(self):
        env = dict(os.environ)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        if self.db == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'soak.sqlite3'}"
        else:
            self.pg_name = f"comments_soak_{self.run_id}"
            self._pg_admin(f'CREATE DATABASE "{self.pg_name}"')
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{self.pg_name}"
        if _redis_available():
            # The replay store must survive the restart and be shared by the workers.
            self.cache_kind = "redis"
            self.redis_prefix = f"comments-soak-{self.run_id}"
            caches = {
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": "redis://127.0.0.1:6379/0",
                    "KEY_PREFIX": self.redis_prefix,
                }
            }
        else:
            self.cache_kind = "file"
            caches = {
                "default": {
                    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                    "LOCATION": str(self.tmp / "cache"),
                }
            }
        (self.tmp / "soak_settings.py").write_text(
            textwrap.dedent(SETTINGS.format(caches=repr(caches)))
        )
        env["DJANGO_SETTINGS_MODULE"] = "soak_settings"
        env["TOASOAN_VAR_DIR"] = str(self.tmp)
        env["PYTHONPATH"] = os.pathsep.join([str(self.tmp), str(REPO)])
        self.env = env
        self.database_url = env["DATABASE_URL"]
        t0 = time.monotonic()
        self._manage("migrate", "--noinput", quiet=True)
        out = self._manage("shell", "-c", MAKE_ARTICLE)
        self.page_id = int(out.strip().splitlines()[-1])
        print(f"prepared database in {time.monotonic() - t0:.1f} s (article {self.page_id})")

    def _manage(self, *argv, quiet=False):
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [PYTHON, str(REPO / "manage.py"), *argv],
            env=self.env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            sys.exit(f"bench/comments_soak.py: manage.py {argv[0]} failed:\n{result.stderr}")
        return result.stdout

    def _pg_admin(self, sql):
        import psycopg

        with psycopg.connect(
            PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            conn.execute(sql)

    def _start_server(self):
        granian = str(Path(PYTHON).with_name("granian"))
        self.server = subprocess.Popen(  # noqa: S603
            [
                granian,
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.args.port),
                "--workers",
                str(self.args.workers),
                "--blocking-threads",
                "8",
                "--no-ws",
                "--log-level",
                "error",
                "toasoan.wsgi:application",
            ],
            env=self.env,
            cwd=self.tmp,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / "server.log", "ab"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=2)
                conn.request("GET", f"/binh-luan/{self.page_id}/phien/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.server.poll() is not None:
                sys.exit(f"bench/comments_soak.py: server exited; see {self.tmp}/server.log")
            time.sleep(0.1)
        sys.exit("bench/comments_soak.py: server did not answer within 60 s")

    def _kill_server(self):
        # The whole process group: granian's workers die with their parent, mid-request.
        os.killpg(self.server.pid, signal.SIGKILL)
        self.server.wait()

    # -- clients --------------------------------------------------------------------
    def _client(self, n):
        seq = 0
        conn = cookie = token = None
        while not self.stop.is_set():
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=30)
                    token, cookie = self._session(conn)
                payload = self._solved_challenge(conn)
                seq += 1
                body = f"soak-{self.run_id}-{n}-{seq} Ý kiến thử tải số {seq} của bạn đọc {n}."
                status, seconds = self._post(conn, token, cookie, payload, body, n)
                with self.lock:
                    self.results.append((n, seq, body, status, seconds))
                if status == 403:  # token lost with a restart: fetch a new one
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException, ValueError):
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.1)

    def _session(self, conn):
        conn.request("GET", f"/binh-luan/{self.page_id}/phien/")
        response = conn.getresponse()
        data = json.loads(response.read())
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        return data["csrfToken"], cookie

    def _solved_challenge(self, conn):
        conn.request("GET", "/binh-luan/thu-thach/")
        response = conn.getresponse()
        challenge = Challenge.from_dict(json.loads(response.read()))
        return Payload(challenge, solve_challenge(challenge)).to_base64()

    def _post(self, conn, token, cookie, payload, body, n):
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Bạn đọc thử tải {n}",
                "email": f"soak{n}@example.com",
                "body": body,
                "altcha": payload,
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{self.args.port}/",
        }
        t0 = time.perf_counter()
        conn.request("POST", f"/binh-luan/{self.page_id}/", form.encode(), headers)
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - t0

    # -- verdict --------------------------------------------------------------------
    def _stored_counts(self):
        sql = "SELECT body, COUNT(*) FROM comments_comment WHERE body LIKE %s GROUP BY body"
        pattern = f"soak-{self.run_id}-%"
        if self.db == "sqlite":
            with sqlite3.connect(self.tmp / "soak.sqlite3") as conn:
                rows = conn.execute(sql.replace("%s", "?"), (pattern,)).fetchall()
        else:
            import psycopg

            url = self.database_url.replace("postgres://", "postgresql://")
            with psycopg.connect(url) as conn:
                rows = conn.execute(sql, (pattern,)).fetchall()
        return dict(rows)

    def _report(self, duration):
        stored = self._stored_counts()
        acked = [r for r in self.results if r[3] == 201]
        acked_bodies = {r[2] for r in acked}
        lost = [b for b in acked_bodies if stored.get(b, 0) == 0]
        doubled = [b for b, count in stored.items() if count > 1]
        unacked_stored = [b for b in stored if b not in acked_bodies]
        other = {}
        for r in self.results:
            if r[3] != 201:
                other[r[3]] = other.get(r[3], 0) + 1
        latencies = sorted(r[4] * 1000 for r in acked)
        p50 = statistics.median(latencies) if latencies else 0
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0
        print(
            f"acknowledged posts: {len(acked)} in {duration:.1f} s = "
            f"{len(acked) / duration:.1f} posts/s"
        )
        print(
            f"POST latency: p50 {p50:.0f} ms, p95 {p95:.0f} ms, max "
            f"{latencies[-1] if latencies else 0:.0f} ms"
        )
        print(f"other answers: {other or 'none'}")
        print(
            f"stored comments: {sum(stored.values())} (stored but never acknowledged, e.g. "
            f"in flight at the kill: {len(unacked_stored)})"
        )
        print(f"doubled = {len(doubled)}")
        print(f"lost = {len(lost)}")
        ok = not lost and not doubled and bool(acked)
        self.summary = {
            "db": self.db,
            "load": self.load,
            "posts_per_s": len(acked) / duration,
            "p50": p50,
            "p95": p95,
            "unacked": len(unacked_stored),
            "doubled": len(doubled),
            "lost": len(lost),
        }
        print("RESULT: " + ("OK" if ok else "FAILED"))
        return ok

    def cleanup(self):
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        if self.pg_name:
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        if self.redis_prefix:
            _redis_delete_prefix(self.redis_prefix)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _redis_delete_prefix(prefix):
    import redis

    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


if __name__ == "__main__":
    main()
