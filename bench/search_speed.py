"""Search speed at scale: load N articles (the corpus repeated and varied), build the index,
then measure search latency in process and over HTTP, on SQLite and PostgreSQL.

References measured in the same run: the newest-10 listing query every section page runs
(in process), and the same API endpoint with an empty query (HTTP: framework overhead).
Target: p95 ≤ 50 ms at 100,000 articles on both databases.

    .venv/bin/python bench/search_speed.py [--articles 100000] [--backends sqlite,postgresql]
        [--quick] [--no-write] [--port 8531]
"""

import argparse
import http.client
import math
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

from _search_common import (
    REPO,
    Database,
    build_site,
    emit,
    in_subprocess,
    load_articles,
    percentile,
    read_corpus,
    write_section,
)

TARGET_MS = 50
COMMON = [
    "hà nội",
    "ha noi",
    "TP.HCM",
    "tphcm",
    "KCN",
    "khu cong nghiep",
    "giá vàng",
    "bong da",
    "UBND",
    "thủy điện",
    "việt nam",
    "giao thong",
    '"tai nạn giao thông"',
    "dang vien",
    "doanh nghiệp",
    "bat dong san",
    "hoc sinh",
    "Thụy Điển",
    "giáo dục",
    "chung khoan",
]


def sample_queries(records, count):
    import random

    from search_quality import Doc, build_eval_set

    docs = []
    for i, r in enumerate(records[:3000]):
        paragraphs = [p for p in r["body"].split("\n\n") if p.strip()]
        docs.append(
            Doc(i, r["title"], paragraphs[0] if paragraphs else "", "\n".join(paragraphs[1:]))
        )
    generated = [q for _kind, q, _rel in build_eval_set(records[:3000], docs, max(1, count // 6))]
    queries = COMMON + generated
    random.Random(3).shuffle(queries)
    return queries[:count] if count < len(queries) else queries


def in_process(queries, repeats):
    from toasoan.search.engine import load_hits, search

    for q in queries:  # warm caches
        load_hits(search(q, limit=10))
    samples = []
    for _ in range(repeats):
        for q in queries:
            started = time.perf_counter()
            load_hits(search(q, limit=10))
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def listing_reference(repeats):
    from toasoan.news.models import ArticlePage

    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        list(ArticlePage.objects.visible().for_listing()[:10])
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _free_port(preferred):
    for port in range(preferred, 8600):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8500-8599")


def over_http(db, queries, repeats, port):
    port = _free_port(port)
    env = {
        **os.environ,
        "DATABASE_URL": db.url,
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.test",
        "TOASOAN_VAR_DIR": db.tmp.name,
    }
    server = subprocess.Popen(
        [
            str(REPO / ".venv/bin/granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "toasoan.wsgi:application",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        conn = _connect(port, server)

        def get(q):
            conn.request("GET", "/api/search/?" + urllib.parse.urlencode({"q": q, "limit": 10}))
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} for {q!r}: {body[:200]!r}")

        for q in queries:
            get(q)
        samples, reference = [], []
        for _ in range(repeats):
            for q in queries:
                started = time.perf_counter()
                get(q)
                samples.append((time.perf_counter() - started) * 1000)
            for _ in range(10):
                started = time.perf_counter()
                get("")
                reference.append((time.perf_counter() - started) * 1000)
        return samples, reference
    finally:
        server.terminate()
        server.wait(timeout=10)


def _connect(port, server):
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError("granian exited: " + server.stderr.read().decode()[-2000:])
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/api/search/?q=")
            conn.getresponse().read()
            return conn
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def run_backend(
    vendor, records, n, queries, repeats, port, http_enabled, keep=None, reindex=False, name=None
):
    with Database(vendor, name or "search_bench_speed", keep=keep) as db:
        from django.db import connection

        from toasoan.news.models import ArticlePage
        from toasoan.search.backends import get_backend
        from toasoan.search.indexing import index_articles

        load_s = index_s = None
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        if db.reused and len(ids) == n:
            print(f"  reusing the {n}-article database in {keep}")
        else:
            if ids:
                raise RuntimeError(f"{keep} holds {len(ids)} articles, not {n}: remove it first")
            _home, sections = build_site()
            copies = math.ceil(n / len(records))
            started = time.perf_counter()
            ids = load_articles(
                records,
                sections,
                copies=copies,
                total=n,
                progress=lambda d, t: print(f"  loaded {d}/{t}", end="\r", flush=True),
            )
            load_s = time.perf_counter() - started
            reindex = True
        if reindex:
            if db.reused:
                get_backend().clear()
            started = time.perf_counter()
            for begin in range(0, len(ids), 5000):
                index_articles(ids[begin : begin + 5000])
                print(f"  indexed {min(len(ids), begin + 5000)}/{len(ids)}", end="\r", flush=True)
            get_backend().optimize()
            index_s = time.perf_counter() - started
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print()
        result = {
            "articles": len(ids),
            "load_s": load_s,
            "index_s": index_s,
            "inproc": in_process(queries, repeats),
            "listing": listing_reference(50),
        }
        connection.close()
        if http_enabled:
            result["http"], result["http_ref"] = over_http(db, queries, repeats, port)
        return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=80)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--port", type=int, default=8531)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--quick", action="store_true", help="5,000 articles, 40 queries")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the built database (SQLite file in DIR; PostgreSQL database "
        "search_bench_speed) and reuse it when it already holds --articles articles",
    )
    parser.add_argument(
        "--reindex", action="store_true", help="with --keep: rebuild the search index"
    )
    parser.add_argument(
        "--db-name",
        default="search_bench_speed",
        help="PostgreSQL database (and SQLite file) name, so two people can keep their own",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.queries = min(args.articles, 5000), min(args.queries, 40)
    records = read_corpus()
    queries = sample_queries(records, args.queries)
    if args.one:
        emit(
            run_backend(
                args.one,
                records,
                args.articles,
                queries,
                args.repeats,
                args.port,
                not args.no_http,
                keep=args.keep,
                reindex=args.reindex,
                name=args.db_name,
            )
        )
        return 0
    passthrough = [
        "--articles",
        str(args.articles),
        "--queries",
        str(args.queries),
        "--repeats",
        str(args.repeats),
        "--port",
        str(args.port),
        "--db-name",
        args.db_name,
    ]
    if args.no_http:
        passthrough.append("--no-http")
    if args.keep:
        passthrough += ["--keep", args.keep]
    if args.reindex:
        passthrough.append("--reindex")
    lines = [
        f"{args.articles} articles (corpus of {len(records)} repeated with varied titles, "
        f"paragraph order and dates); {len(queries)} queries × {args.repeats} runs, 10 results "
        "each, snippets included.\n",
        "| backend | load pages | build index | index rate | in-process p50 / p95 "
        "| listing ref p95 | HTTP p50 / p95 | HTTP empty-query ref p95 | p95 vs 50 ms target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ok = True
    for vendor in [v.strip() for v in args.backends.split(",") if v.strip()]:
        print(f"{vendor}: loading {args.articles} articles…")
        r = in_subprocess(__file__, vendor, passthrough)
        p50, p95 = statistics.median(r["inproc"]), percentile(r["inproc"], 0.95)
        http = (
            "{:.1f} / {:.1f} ms".format(statistics.median(r["http"]), percentile(r["http"], 0.95))
            if "http" in r
            else "–"
        )
        http_ref = f"{percentile(r['http_ref'], 0.95):.1f} ms" if "http" in r else "–"
        worst = max(p95, percentile(r["http"], 0.95) if "http" in r else 0)
        ok = ok and worst <= TARGET_MS
        load = f"{r['load_s']:.0f} s" if r["load_s"] is not None else "reused"
        build, rate = "reused", "–"
        if r["index_s"] is not None:
            build, rate = f"{r['index_s']:.0f} s", f"{r['articles'] / r['index_s']:.0f}/s"
        lines.append(
            f"| {vendor} | {load} | {build} | {rate} | {p50:.1f} / {p95:.1f} ms | "
            f"{percentile(r['listing'], 0.95):.1f} ms | {http} | {http_ref} | "
            f"{worst / TARGET_MS:.2f}× |"
        )
        print(lines[-1])
    # The target is p95 ≤ 50 ms at 100,000 articles, in process and over HTTP: a smaller or
    # partial run can show progress but never reports success.
    complete = args.articles >= 100_000 and not args.no_http
    if not complete:
        print("not a full run (fewer than 100,000 articles or no HTTP): exit status 1")
    lines.append(
        f"\nLoad average at the end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"(1 / 5 / 15 min; {os.cpu_count()} cores). Target met: "
        f"{'yes' if ok and complete else 'no'}."
    )
    text = "\n".join(lines)
    print("\n" + text)
    if not args.no_write:
        write_section("search-speed", "## Speed (`bench/search_speed.py`)\n\n" + text)
    return 0 if ok and complete else 1


if __name__ == "__main__":
    sys.exit(main())
