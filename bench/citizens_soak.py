#!/usr/bin/env python
"""Citizens' write paths under load: questions (Hỏi đáp) and poll votes (Bình chọn).

The comment soak (bench/comments_soak.py) extended to the two other public write paths, on
the same machinery (its server start/kill and database set-up are reused):

1. **Soak**: N concurrent clients send questions and votes the way a browser does (fetch an
   ALTCHA challenge, solve it, POST); the whole server is SIGKILLed half-way and restarted.
   At the end every question and every vote that got a success answer must be stored exactly
   once (questions by their unique title, votes by the voter key in the signed cookie).
2. **Vote throughput**: challenges are solved before the clock starts, then the clients post
   votes as fast as the server takes them; reported as votes/s next to the same clients
   reading the article that holds the poll from the page cache (the reference, same run).

    .venv/bin/python bench/citizens_soak.py [--db sqlite|postgres|all] [--seconds 30] [--quick]

Rate limits and the per-IP vote window are switched off (all clients share one IP); the
ALTCHA work is made cheap so the clients measure the server, which still verifies and claims
every solution. Results go to docs/benchmarks/citizens.md. Exit status 1 when anything was
lost or doubled.
"""

import http.client
import json
import os
import statistics
import sys
import textwrap
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import comments_soak  # noqa: E402 - the shared soak machinery
from altcha import Challenge, Payload, solve_challenge  # noqa: E402

REPO = comments_soak.REPO
REDIS_URL = os.environ.get("TOASOAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
SETTINGS = """
from toasoan.settings.base import *  # noqa
DEBUG = False
SECRET_KEY = "citizens-soak-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
STORAGES = {{
    "default": {{"BACKEND": "django.core.files.storage.FileSystemStorage"}},
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
CACHES = {caches}
CACHES["pagecache"] = {{**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-p"}}
CHEAP = {{"algorithm": "PBKDF2/SHA-256", "cost": 50, "key_prefix": "0"}}
TOASOAN_BOTCHECK = {{"ALTCHA_CHALLENGE": CHEAP}}
TOASOAN_QUESTIONS = {{"RATE_LIMIT_PER_IP": 0, "RATE_LIMIT_PER_EMAIL": 0}}
TOASOAN_POLLS = {{"IP_WINDOW_SECONDS": 0,
                 "VOTE_CHALLENGE": {{"algorithm": "SHA-256", "cost": 10, "key_prefix": "0"}}}}
LOGGING = {{"version": 1, "disable_existing_loggers": False,
           "root": {{"handlers": [], "level": "CRITICAL"}}}}
"""
SETUP = """
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.polls.models import Choice, Poll
from toasoan.questions.models import Department, Field
article = make_article(make_section(make_home()), title="Bài thử tải bình chọn")
poll = Poll.objects.create(question="Thử tải?")
for n in range(4):
    Choice.objects.create(poll=poll, text=f"Phương án {n}", sort_order=n)
article.body.append(("poll", {"poll": poll}))
article.save_revision().publish()
field = Field.objects.create(name="Đầu tư", slug="dau-tu",
    default_department=Department.objects.create(name="Phòng Đầu tư"))
print(article.pk, article.url, poll.pk, field.pk, *poll.choices.values_list("pk", flat=True))
"""


class CitizensSoak(comments_soak.Soak):
    def _prepare(self):
        env = dict(os.environ)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        if self.db == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'soak.sqlite3'}"
        else:
            self.pg_name = f"citizens_soak_{self.run_id}"
            self._pg_admin(f'CREATE DATABASE "{self.pg_name}"')
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{self.pg_name}"
        self.redis_prefix = f"citizens-soak-{self.run_id}"
        self.cache_kind = "redis"
        caches = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": self.redis_prefix,
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
        out = self._manage("shell", "-c", SETUP).strip().splitlines()[-1].split()
        self.page_id, self.article_url = int(out[0]), out[1]
        self.poll_id, self.field_id = int(out[2]), int(out[3])
        self.choice_ids = [int(c) for c in out[4:]]
        self.votes = []  # (voter_key or None, status, seconds)
        print(f"prepared database in {time.monotonic() - t0:.1f} s (poll {self.poll_id})")

    # -- soak clients: a question every fifth action, votes otherwise ---------------------
    def _client(self, n):
        seq = 0
        conn = None
        while not self.stop.is_set():
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=30)
                seq += 1
                # Votes solve their poll's own challenge, as the poll box's widget does.
                payload = self._solved_challenge(conn, vote=seq % 5 != 0)
                if seq % 5 == 0:
                    title = f"soak-{self.run_id}-{n}-{seq} Câu hỏi thử tải"
                    status, seconds = self._ask(conn, payload, title, n)
                    with self.lock:
                        self.results.append((n, seq, title, status, seconds))
                else:
                    key, status, seconds = self._vote(conn, payload, self.choice_ids[seq % 4])
                    with self.lock:
                        self.votes.append((key, status, seconds))
            except (OSError, http.client.HTTPException, ValueError):
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.1)

    def _solved_challenge(self, conn, vote=False):
        url = f"/binh-chon/{self.poll_id}/thu-thach/" if vote else "/kiem-tra/thu-thach/"
        conn.request("GET", url)
        response = conn.getresponse()
        challenge = Challenge.from_dict(json.loads(response.read()))
        return Payload(challenge, solve_challenge(challenge)).to_base64()

    def _ask(self, conn, payload, title, n):
        # The question form is a page with a CSRF token: fetch it like a browser does.
        conn.request("GET", "/hoi-dap/gui-cau-hoi/")
        response = conn.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Doanh nghiệp thử tải {n}",
                "email": f"soak{n}@example.com",
                "field": self.field_id,
                "title": title,
                "body": "Doanh nghiệp hỏi về thủ tục điều chỉnh giấy chứng nhận đầu tư.",
                "altcha": payload,
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://127.0.0.1:{self.args.port}/hoi-dap/gui-cau-hoi/",
        }
        t0 = time.perf_counter()
        conn.request("POST", "/hoi-dap/gui-cau-hoi/", form.encode(), headers)
        response = conn.getresponse()
        response.read()
        # A redirect to the tracking page is the acknowledgement.
        status = (
            201
            if response.status == 302 and "ma=" in response.getheader("Location", "")
            else response.status
        )
        return status, time.perf_counter() - t0

    def _vote(self, conn, payload, choice_id):
        form = urllib.parse.urlencode({"choice": choice_id, "altcha": payload})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        t0 = time.perf_counter()
        conn.request("POST", f"/binh-chon/{self.poll_id}/bo-phieu/", form.encode(), headers)
        response = conn.getresponse()
        response.read()
        seconds = time.perf_counter() - t0
        key = None
        if response.status == 201:
            cookie = response.getheader("Set-Cookie", "").split(";")[0]
            key = cookie.split("=", 1)[1].strip('"').split(":")[0]
        return key, response.status, seconds

    # -- verdict --------------------------------------------------------------------------
    def _query(self, sql, param):
        if self.db == "sqlite":
            import sqlite3

            with sqlite3.connect(self.tmp / "soak.sqlite3") as conn:
                return conn.execute(sql.replace("%s", "?"), (param,)).fetchall()
        import psycopg

        url = self.database_url.replace("postgres://", "postgresql://")
        with psycopg.connect(url) as conn:
            return conn.execute(sql, (param,)).fetchall()

    def _report(self, duration):
        questions = dict(
            self._query(
                "SELECT received_title, COUNT(*) FROM questions_question "
                "WHERE received_title LIKE %s GROUP BY received_title",
                f"soak-{self.run_id}-%",
            )
        )
        ballots = dict(
            self._query(
                "SELECT voter_key, COUNT(*) FROM polls_ballot WHERE poll_id = %s "
                "GROUP BY voter_key",
                self.poll_id,
            )
        )
        acked_q = {r[2] for r in self.results if r[3] == 201}
        acked_v = {key for key, status, _s in self.votes if status == 201}
        lost_q = [t for t in acked_q if questions.get(t, 0) == 0]
        lost_v = [k for k in acked_v if ballots.get(k, 0) == 0]
        doubled = [t for t, c in questions.items() if c > 1] + [
            k for k, c in ballots.items() if c > 1
        ]
        other = {}
        for status in [r[3] for r in self.results] + [v[1] for v in self.votes]:
            if status != 201:
                other[status] = other.get(status, 0) + 1
        vote_ms = sorted(v[2] * 1000 for v in self.votes if v[1] == 201)
        print(
            f"acknowledged: {len(acked_q)} questions, {len(acked_v)} votes in {duration:.1f} s; "
            f"other answers: {other or 'none'}"
        )
        print(
            f"stored: {sum(questions.values())} questions, {sum(ballots.values())} ballots "
            f"(stored without ack: {len(set(questions) - acked_q)} questions, "
            f"{len(set(ballots) - acked_v)} votes)"
        )
        print(f"doubled = {len(doubled)}; lost = {len(lost_q)} questions, {len(lost_v)} votes")
        ok = not lost_q and not lost_v and not doubled and bool(acked_q) and bool(acked_v)
        self.summary = {
            "db": self.db,
            "load": self.load,
            "questions": len(acked_q),
            "votes": len(acked_v),
            "vote_p50": statistics.median(vote_ms) if vote_ms else 0,
            "doubled": len(doubled),
            "lost": len(lost_q) + len(lost_v),
        }
        print("SOAK RESULT: " + ("OK" if ok else "FAILED"))
        return ok

    # -- throughput -----------------------------------------------------------------------
    def throughput(self, seconds, clients):
        """Votes/s with pre-solved challenges, and cached article reads/s (reference)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=30)
        per_client = max(50, int(seconds * 2500 / clients))
        print(f"solving {per_client * clients} challenges before the clock starts…", flush=True)
        payloads = [
            [self._solved_challenge(conn, vote=True) for _ in range(per_client)]
            for _ in range(clients)
        ]
        conn.close()

        def payloads_of(i):
            return payloads[i].pop() if payloads[i] else ""

        votes = self._timed(
            clients, seconds, lambda c, i: self._vote(c, payloads_of(i), self.choice_ids[0])[1]
        )
        reads = self._timed(clients, seconds, lambda c, i: self._get(c, self.article_url))
        vote_rate = votes.get(201, 0) / seconds
        read_rate = reads.get(200, 0) / seconds
        print(
            f"votes: {vote_rate:.0f}/s (answers {votes}); cached article: {read_rate:.0f}/s "
            f"(answers {reads}); ratio {vote_rate / read_rate if read_rate else 0:.2f}"
        )
        stored = self._query("SELECT COUNT(*) FROM polls_ballot WHERE poll_id = %s", self.poll_id)
        self.summary.update(votes_per_s=vote_rate, reads_per_s=read_rate, stored_total=stored[0][0])
        return vote_rate

    def _get(self, conn, url):
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        return response.status

    def _timed(self, clients, seconds, action):
        counts = {}
        lock = threading.Lock()
        deadline = time.monotonic() + seconds

        def run(i):
            conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=30)
            while time.monotonic() < deadline:
                try:
                    status = action(conn, i)
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=30)
                    continue
                with lock:
                    counts[status] = counts.get(status, 0) + 1
            conn.close()

        threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return counts

    def cleanup(self):
        prefix, self.redis_prefix = self.redis_prefix, None
        super().cleanup()
        if prefix:
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
            if keys:
                client.delete(*keys)


def main():
    args = comments_soak._parse_args()
    args.port = args.port + 7 if args.port == 8350 else args.port
    if args.quick:
        args.seconds, args.clients = min(args.seconds, 10), min(args.clients, 20)
    databases = ["sqlite", "postgres"] if args.db == "all" else [args.db]
    ok, rows = True, []
    for db in databases:
        if db == "postgres" and not comments_soak._postgres_available():
            print("!!! PostgreSQL is not running on 127.0.0.1:5432: postgres soak SKIPPED")
            ok = False
            continue
        run = CitizensSoak(args, db)
        try:
            ok = run.execute() and ok
            run.throughput(seconds=5 if args.quick else 10, clients=8)
            rows.append(run.summary)
        finally:
            run.cleanup()
    if rows and not args.no_write:
        _write(args, rows)
    sys.exit(0 if ok else 1)


def _write(args, rows):
    lines = [
        "# Citizens' write paths under load (bench/citizens_soak.py)",
        "",
        f"Soak: {args.clients} clients for {args.seconds:g} s sending questions (1 in 5) and "
        f"poll votes, granian with {args.workers} workers, {os.cpu_count()} CPUs shared with "
        f"other work, server SIGKILLed at {args.kill_at:.0%} of the run"
        + (" (no kill)" if args.no_kill else "")
        + f"; then 8 clients post votes with pre-solved challenges, and read the article "
        f"holding the poll from the page cache (reference, same run). Measured "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        + (", quick mode under `nice`" if args.quick else "")
        + ".",
        "",
        "| db | load at start | acked questions | acked votes | lost | doubled | votes/s "
        "| cached article reads/s | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = r.get("votes_per_s", 0) / r["reads_per_s"] if r.get("reads_per_s") else 0
        lines.append(
            f"| {r['db']} | {r['load']:.1f} | {r['questions']} | {r['votes']} | {r['lost']} | "
            f"{r['doubled']} | {r.get('votes_per_s', 0):.0f} | {r.get('reads_per_s', 0):.0f} | "
            f"{ratio:.2f} |"
        )
    out = REPO / "docs" / "benchmarks" / "citizens.md"
    # bench/poll_votes.py owns the "Vote rate" section below: keep it.
    marker = "\n## Vote rate (bench/poll_votes.py)\n"
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = marker + old.split(marker, 1)[1] if marker in old else ""
    out.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
