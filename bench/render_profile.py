"""Uncached render cost of the reader pages, measured in process (no HTTP server, no wrk).

Usage:
  .venv/bin/python bench/render_profile.py --db render_100k [--db render_1k] [-n 60]
  .venv/bin/python bench/render_profile.py --db render_100k --explain article
  .venv/bin/python bench/render_profile.py --db render_100k --profile article

Runs the production settings (PostgreSQL, Redis cache, DEBUG off) with the full-page cache
off, and requests pages one at a time through Django's test Client, so the whole middleware
stack, Wagtail's routing and the templates run as they do behind granian. The databases are
the ones bench/production.py builds (`bench/_bulkload.py`); `--db` names an existing one.
Prints, per page kind: p50 wall time, p50 CPU time of this process, the SQL query count and
the time spent in SQL, and the load average. `--explain KIND` prints EXPLAIN ANALYZE for every
query of one request; `--profile KIND` prints the top of a cProfile of 20 requests.

Each database is measured in a fresh subprocess (Django binds one database per process).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("TOASOAN_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("TOASOAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
KINDS = ("article", "home", "section", "search")
SEARCH = "/tim-kiem/?q=" + "kinh%20t%E1%BA%BF"


def setup(db):
    sys.path.insert(0, str(ROOT))
    var = Path(tempfile.gettempdir()) / f"toasoan-render-{db}"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="toasoan.settings.production",
        SECRET_KEY="render-profile-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"{PG}/{db}",
        REDIS_URL=REDIS,
        TOASOAN_CACHE_PREFIX=f"render-{db}",
        TOASOAN_VAR_DIR=str(var),
        STATIC_ROOT=str(var / "static"),
        # Where the loader put the demo images (their renditions are made on first use).
        MEDIA_ROOT=os.environ.get("TOASOAN_BENCH_MEDIA_ROOT", str(var / "media")),
        TOASOAN_SSL_REDIRECT="0",
        TOASOAN_HSTS_SECONDS="0",
        TOASOAN_LOG_FORMAT="plain",
        TOASOAN_PAGECACHE="0",
    )
    import django

    django.setup()
    if not (var / "static" / "staticfiles.json").exists():
        # The production (manifest) static storage needs its manifest, as after deployment.
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)


def urls(count, seed=7):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN news_articlepage a "
            "ON a.page_ptr_id = p.id WHERE p.live AND (a.published_at IS NULL OR "
            "a.published_at <= now()) ORDER BY p.id"
        )
        rows = [r[0] for r in cursor.fetchall()]
        cursor.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN news_sectionpage s "
            "ON s.page_ptr_id = p.id ORDER BY p.numchild DESC LIMIT 1"
        )
        section = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM news_articlepage")
        total = cursor.fetchone()[0]
    rng = random.Random(seed)  # noqa: S311 - a fixed sample of URLs
    strip = lambda p: "/" + p.split("/", 2)[2]  # noqa: E731 - drop the home page's segment
    return {
        "article": [strip(p) for p in rng.sample(rows, min(count, len(rows)))],
        "home": ["/"],
        "section": [strip(section)],
        "search": [SEARCH],
    }, total


def client():
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


def measure(db, n):
    setup(db)
    from django.db import connection, reset_queries

    paths, total = urls(n + 10)
    c = client()
    out = {"db": db, "articles": total}
    connection.force_debug_cursor = True
    for kind in KINDS:
        kind_paths = paths[kind]
        for path in kind_paths[:5] if kind == "article" else kind_paths * 5:  # warm-up
            assert c.get(path).status_code == 200, path
        walls, cpus, counts, sqls = [], [], [], []
        for i in range(n):
            path = kind_paths[(i + 5) % len(kind_paths)]
            reset_queries()
            c0, t0 = time.process_time(), time.perf_counter()
            response = c.get(path)
            t1, c1 = time.perf_counter(), time.process_time()
            assert response.status_code == 200, (path, response.status_code)
            walls.append((t1 - t0) * 1000)
            cpus.append((c1 - c0) * 1000)
            counts.append(len(connection.queries))
            sqls.append(sum(float(q["time"]) for q in connection.queries) * 1000)
        out[kind] = {
            "p50_ms": round(statistics.median(walls), 2),
            "cpu_p50_ms": round(statistics.median(cpus), 2),
            "queries": statistics.median(counts),
            "sql_p50_ms": round(statistics.median(sqls), 2),
            "n": n,
        }
    out["load"] = Path("/proc/loadavg").read_text().split()[:3]
    print(json.dumps(out))


def explain(db, kind):
    setup(db)
    from django.db import connection, reset_queries

    paths, _ = urls(20)
    c = client()
    path = paths[kind][min(3, len(paths[kind]) - 1)]
    c.get(path)
    connection.force_debug_cursor = True
    reset_queries()
    c.get(path)
    queries = list(connection.queries)
    print(f"{kind} {path}: {len(queries)} queries")
    with connection.cursor() as cursor:
        for q in queries:
            sql = q["sql"]
            print("\n---", q["time"], "s\n", sql[:1500])
            if sql.lstrip().upper().startswith("SELECT"):
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                for (line,) in cursor.fetchall():
                    print("   ", line)


def profile(db, kind, sort):
    import cProfile
    import pstats

    setup(db)
    paths, _ = urls(40)
    c = client()
    for p in paths[kind][:5]:
        c.get(p)
    prof = cProfile.Profile()
    prof.enable()
    for i in range(20):
        c.get(paths[kind][(i + 5) % len(paths[kind])])
    prof.disable()
    pstats.Stats(prof).sort_stats(sort).print_stats(int(os.environ.get("PROFILE_LINES", "45")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", action="append", required=True)
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--explain", choices=KINDS)
    parser.add_argument("--profile", choices=KINDS)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.explain:
        return explain(args.db[0], args.explain)
    if args.profile:
        return profile(args.db[0], args.profile, args.sort)
    if args.child:
        return measure(args.db[0], args.n)
    results = []
    for db in args.db:
        done = subprocess.run(  # noqa: S603 - our own argv
            [sys.executable, __file__, "--child", "--db", db, "-n", str(args.n)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            sys.exit(done.stderr[-3000:])
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'db':<14}{'articles':>9}  {'page':<8}{'p50 ms':>8}{'cpu ms':>8}{'sql ms':>8}{'q':>4}")
    for r in results:
        for kind in KINDS:
            k = r[kind]
            print(
                f"{r['db']:<14}{r['articles']:>9}  {kind:<8}{k['p50_ms']:>8}{k['cpu_p50_ms']:>8}"
                f"{k['sql_p50_ms']:>8}{k['queries']:>4}"
            )
        print(f"  load average {' '.join(r['load'])}")
    if len(results) == 2:
        small, big = results
        for kind in KINDS:
            ratio = big[kind]["p50_ms"] / small[kind]["p50_ms"]
            print(f"{kind}: {big['db']} / {small['db']} = {ratio:.2f}x")


if __name__ == "__main__":
    main()
