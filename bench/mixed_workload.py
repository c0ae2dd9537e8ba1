"""Mixed read/write workload through the production stack: what writes cost the page cache.

Usage: .venv/bin/python bench/mixed_workload.py [--quick] [--articles 100000] [--duration 60]

Issue #20 item 5. A copy of the bulk-loaded PostgreSQL database (`toasoan_bench_prod_<N>`,
bench/production.py builds it when missing; the writes go to the copy, TOASOAN_BENCH_MIXED_DB,
default toasoan_bench_mixed) behind the production stack: deploy/nginx/toasoan.conf as shipped
(1 s micro-cache) -> granian (2 workers) -> the Redis page cache. Reads follow a Zipf
distribution (exponent --zipf-s, 1.0) over every article plus the home page and the sections,
ranked home, sections, then the articles in a fixed random order: wrk picks uniformly from a
pre-generated list of Zipf draws, sending a browser's Accept-Encoding. Three modes in the same
run, each on fresh caches (new Redis key prefix, new nginx cache) after the same warm-up
(--warmup seconds of the same reads, no writes):

  read-only    no writes
  tags         a comment approved every 2 s (on a Zipf-chosen article: readers comment on
               what they read) and an article published every 30 s (a random section), the
               default exact invalidation by dependency tags
  site         the same writes with TOASOAN_PAGECACHE["INVALIDATION"] = "site" (the site-wide
               generation before issue #20: every change retires every page)

Counted from an nginx access log (its micro-cache status and the app's X-Page-Cache header of
every request): the hit ratio (requests answered without a render), the app page cache's own
hit ratio (hits / requests that reached it), req/s, p50/p99 latency (wrk) and the CPU time of
the app processes (granian and its workers, /proc) per second. Targets: with writes (tags) the
hit ratio within 3 points of read-only and req/s ≥ 80% of it. The full run writes
docs/benchmarks/mixed_workload.md. Needs wrk, nginx, PostgreSQL 127.0.0.1:5432, Redis :6379.
"""

import argparse
import bisect
import datetime as dt
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _prodnginx  # noqa: E402 - bench/_prodnginx.py, beside this script
import _stack as stack  # noqa: E402

REDIS = os.environ.get("TOASOAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
COPY = os.environ.get("TOASOAN_BENCH_MIXED_DB", "toasoan_bench_mixed")
PORT = int(os.environ.get("TOASOAN_BENCH_MIXED_PORT", "8780"))  # nginx; the app on PORT + 1
ACCEPT_ENCODING = "gzip, deflate, br, zstd"  # Chromium's, over HTTPS
COMMENT_EVERY, PUBLISH_EVERY = 2.0, 30.0
MODES = (
    ("read-only", "tags", False),
    ("tags", "tags", True),
    ("site", "site", True),
)
LUA = r"""
local paths = {}
function init(args)
  for line in io.lines(args[1]) do if #line > 0 then paths[#paths + 1] = line end end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)], {["Accept-Encoding"] = "ACCEPT_ENCODING"})
end
function done(s, lat, req)
  local e = s.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d %d\n", s.requests / (s.duration / 1e6),
    lat:percentile(50) / 1000, lat:percentile(99) / 1000, s.requests,
    e.connect + e.read + e.write + e.timeout, e.status))
end
""".replace("ACCEPT_ENCODING", ACCEPT_ENCODING)
RESULT_RE = re.compile(r"^RESULT (\S+) (\S+) (\S+) (\d+) (\d+) (\d+)$", re.M)
SITE_SETTINGS = """
from toasoan.settings.production import *  # noqa: F403
TOASOAN_PAGECACHE = {**TOASOAN_PAGECACHE, "INVALIDATION": "site"}  # noqa: F405
"""


def log(*args):
    print(*args, flush=True)


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# ---------------------------------------------------------------- pure parts (tested)


def zipf_cumulative(n, s=1.0):
    """Cumulative weights of ranks 1..n under Zipf's law (weight of rank k ∝ 1/k^s)."""
    return list(itertools.accumulate(1.0 / k**s for k in range(1, n + 1)))


def zipf_draws(items, count, s=1.0, seed=7):
    """`count` items drawn with replacement, the i-th of `items` (ranked, most popular first)
    with probability ∝ 1/(i+1)^s. Deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 - a benchmark's fixed sample
    cumulative = zipf_cumulative(len(items), s)
    return rng.choices(items, cum_weights=cumulative, k=count)


def zipf_index(cumulative, rng):
    """One rank (0-based) drawn from cumulative Zipf weights."""
    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def ranked_paths(home, sections, articles, seed=11):
    """Popularity order: the home page, the sections, then the articles in a fixed shuffle (a
    page's id says nothing about how read it is)."""
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)  # noqa: S311
    return [home, *sections, *shuffled]


def parse_wrk(output):
    """The RESULT line of the Lua script's done(): req/s, p50 ms, p99 ms, requests, errors."""
    match = RESULT_RE.search(output)
    if not match:
        raise ValueError(f"no RESULT line in wrk output: {output[-500:]!r}")
    rps, p50, p99, requests, errors, non2xx = match.groups()
    return {
        "rps": float(rps),
        "p50": float(p50),
        "p99": float(p99),
        "requests": int(requests),
        "errors": int(errors) + int(non2xx),
    }


def cpu_seconds(pids):
    """User + system CPU seconds of `pids` and all their descendants (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seen = set()
    total = 0.0
    for pid in pids:
        for p in [pid, *(i["pid"] for i in stack.process_tree(pid))]:
            if p in seen:
                continue
            seen.add(p)
            try:
                fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def check_targets(results):
    """(label, measured, goal, met) for the issue's two targets, from the modes' results."""
    base, tags = results["read-only"], results["tags"]
    points = (base["counts"]["app_hit_ratio"] - tags["counts"]["app_hit_ratio"]) * 100
    points_all = (base["counts"]["hit_ratio"] - tags["counts"]["hit_ratio"]) * 100
    share = tags["rps"] / base["rps"] if base["rps"] else 0.0
    return [
        ("hit ratio with writes (tags) within 3 points of read-only (app page cache)",
         f"{points:+.1f} points", "≤ 3", points <= 3),
        ("hit ratio with writes (tags) within 3 points of read-only (all requests)",
         f"{points_all:+.1f} points", "≤ 3", points_all <= 3),
        ("req/s with writes (tags) ≥ 80% of read-only", f"{share:.0%}", "≥ 80%", share >= 0.8),
    ]  # fmt: skip


# ---------------------------------------------------------------- database


def _connect(name="postgres"):
    import psycopg

    return psycopg.connect(f"postgres://postgres@127.0.0.1:5432/{name}", autocommit=True)


def source_database(size, var):
    """The bulk-loaded database of `size` articles; built by bench/production.py if missing."""
    import production

    name = f"toasoan_bench_prod_{size}"
    if production._article_count(name) < size:
        log(f"  {name} missing: building it (bench/production.py database_for)")
        production.database_for(size, var)
    return name


def mixed_count(name):
    import production

    return production._article_count(name)


def copy_database(source, copy, wait=300):
    """CREATE DATABASE copy TEMPLATE source: PostgreSQL refuses while anyone is connected to
    the source, so try again for up to `wait` seconds."""
    import psycopg

    deadline = time.monotonic() + wait
    with _connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        while True:
            try:
                conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
                return f"postgres://postgres@127.0.0.1:5432/{copy}"
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(2)


def page_rows(url):
    """(home path, section paths, article (id, path) pairs) of the live site."""
    import psycopg

    strip = lambda p: "/" + p.split("/", 2)[2]  # noqa: E731 - drop the home page's segment
    with psycopg.connect(url) as conn:
        articles = conn.execute(
            "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN news_articlepage a "
            "ON a.page_ptr_id = p.id WHERE p.live ORDER BY p.id"
        ).fetchall()
        sections = conn.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN news_sectionpage s "
            "ON s.page_ptr_id = p.id WHERE p.live ORDER BY p.numchild DESC"
        ).fetchall()
    return "/", [strip(p) for (p,) in sections], [(i, strip(p)) for i, p in articles]


# ---------------------------------------------------------------- the writer


def writer(args):
    """Run in the stack's environment: approve a comment every 2 s on a Zipf-chosen article,
    publish an article every 30 s in a random section, for --duration seconds. Prints one
    JSON line: what was written and how long each write took."""
    import django

    django.setup()
    from django.conf import settings

    # Reply notifications of an approval would go to SMTP: kept in memory here.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.utils import timezone
    from wagtail.models import Page

    from toasoan.comments.models import Comment
    from toasoan.comments.moderation import set_status
    from toasoan.news.models import ArticlePage, SectionPage

    ids = [int(x) for x in Path(args.writer_ids).read_text().split()]
    cumulative = zipf_cumulative(len(ids), args.zipf_s)
    rng = random.Random(args.seed)  # noqa: S311
    sections = list(SectionPage.objects.live())
    start = time.monotonic()
    next_comment, next_article = start, start + PUBLISH_EVERY / 2
    took = {"comment": [], "article": []}
    serial = itertools.count(1)
    while True:
        now = time.monotonic()
        if now - start >= args.duration:
            break
        if now >= next_article:
            section = rng.choice(sections)
            n = next(serial)
            began = time.perf_counter()
            article = section.add_child(
                instance=ArticlePage(
                    title=f"Tin mới cập nhật số {n} về tình hình kinh tế - xã hội",
                    slug=f"tin-moi-{args.seed}-{n}-{int(time.time())}",
                    sapo="Bài viết mới đăng trong lúc đo tải hỗn hợp.",
                    body=[("paragraph", "<p>Nội dung bài viết mới.</p>")],
                    author_name="Ban biên tập",
                    published_at=timezone.now(),
                    live=False,
                )
            )
            article.save_revision().publish()
            took["article"].append(time.perf_counter() - began)
            next_article += PUBLISH_EVERY
        elif now >= next_comment:
            page = Page.objects.get(pk=ids[zipf_index(cumulative, rng)])
            began = time.perf_counter()
            comment = Comment.objects.create(
                page=page, name="Bạn đọc", body="Cảm ơn bài viết, rất hữu ích.", status="pending"
            )
            set_status([comment], Comment.Status.APPROVED)
            took["comment"].append(time.perf_counter() - began)
            next_comment += COMMENT_EVERY
        else:
            time.sleep(min(next_comment, next_article, start + args.duration) - now)
    print(
        json.dumps(
            {
                kind: {"count": len(v), "median_ms": statistics.median(v) * 1000 if v else 0}
                for kind, v in took.items()
            }
        ),
        flush=True,
    )
    return 0


# ---------------------------------------------------------------- one mode


def run_wrk(base, lua, listing, connections, seconds):
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    argv += ["-s", str(lua), base, "--", str(listing)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    return parse_wrk(done.stdout + done.stderr)


def run_mode(args, tmp, env, mode, invalidation, writes, listing, ids_file):
    label = f"m{mode.replace('-', '')}"
    mode_env = {**env, "TOASOAN_CACHE_PREFIX": f"mixed{os.getpid()}{label}"}
    if invalidation == "site":
        mode_env["DJANGO_SETTINGS_MODULE"] = "mixed_site_settings"
        mode_env["PYTHONPATH"] = os.pathsep.join([str(tmp), env.get("PYTHONPATH", str(ROOT))])
    app_port = PORT + 1
    app = stack.start_granian(mode_env, "127.0.0.1", app_port, workers=2)
    nginx = None
    try:
        stack.wait_healthy(f"http://127.0.0.1:{app_port}")
        nginx = _prodnginx.Nginx(
            tmp / f"nginx-{label}",
            f"127.0.0.1:{PORT}",
            f"127.0.0.1:{app_port}",
            bench_log=True,
            static_root=Path(env["STATIC_ROOT"]),
        ).start()
        base = f"http://127.0.0.1:{PORT}"
        lua = tmp / "zipf.lua"
        warm = run_wrk(base, lua, listing, args.connections, args.warmup)
        time.sleep(1.5)  # the bench log is written unbuffered; let in-flight lines land
        offset = nginx.log_size()
        cpu_before = cpu_seconds([app.pid])
        load_before = loadavg()
        write_proc = None
        if writes:
            argv = [sys.executable, __file__, "--writer", str(ids_file)]
            argv += ["--duration", str(args.duration), "--zipf-s", str(args.zipf_s)]
            write_proc = subprocess.Popen(  # noqa: S603 - this script
                argv, env=mode_env, stdout=subprocess.PIPE, text=True
            )
        started = time.monotonic()
        result = run_wrk(base, lua, listing, args.connections, args.duration)
        elapsed = time.monotonic() - started
        cpu = cpu_seconds([app.pid]) - cpu_before
        written = {}
        if write_proc:
            out, _ = write_proc.communicate(timeout=120)
            written = json.loads(out.strip().splitlines()[-1])
        time.sleep(1.5)
        counts = _prodnginx.count_log(nginx.log_lines(offset))
        result.update(
            mode=mode,
            warm=warm,
            cpu=cpu / elapsed,
            counts=counts,
            written=written,
            load=f"{load_before} → {loadavg()}",
        )
        log(
            f"  {mode}: {result['rps']:,.0f} req/s, p50 {result['p50']:.2f} ms, p99 "
            f"{result['p99']:.1f} ms, hit ratio {counts['hit_ratio']:.1%} (app "
            f"{counts['app_hit_ratio']:.1%}), app CPU {result['cpu']:.2f} cores, "
            f"writes {written or '-'}, load {result['load']}"
        )
        return result
    finally:
        if nginx:
            nginx.stop()
        stack.stop(app)


# ---------------------------------------------------------------- the run and its report


def run(args):
    tmp = Path(tempfile.mkdtemp(prefix="toasoan-bench-mixed-"))
    os.chmod(tmp, 0o755)  # noqa: S103 - nginx (nobody) reads the static files
    var = tmp / "var"
    var.mkdir()
    started = dt.datetime.now(dt.UTC)
    log(f"load average at start: {loadavg()}, {os.cpu_count()} cores")
    source = source_database(args.articles, var)
    if args.reuse_copy and mixed_count(COPY) >= args.articles:
        log(f"  reusing the copy {COPY} (--reuse-copy; the writes go to the copy)")
        url = f"postgres://postgres@127.0.0.1:5432/{COPY}"
    else:
        log(f"  copying {source} to {COPY} (the writes go to the copy)")
        url = copy_database(source, COPY)
    env = stack.production_env(url, REDIS, var)
    stack.manage(env, "migrate", "--noinput")
    with _connect(COPY) as conn:
        conn.execute("ANALYZE")
    stack.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    os.system(f"chmod -R a+rX {var}")  # noqa: S605 - our own temp dir
    (tmp / "mixed_site_settings.py").write_text(SITE_SETTINGS, encoding="utf-8")
    (tmp / "zipf.lua").write_text(LUA, encoding="utf-8")

    home, sections, articles = page_rows(url)
    article_paths = [p for _i, p in articles]
    ranked = ranked_paths(home, sections, article_paths)
    draws = zipf_draws(ranked, args.draws, args.zipf_s)
    listing = tmp / "paths.txt"
    listing.write_text("\n".join(draws) + "\n", encoding="utf-8")
    # The writer comments on articles in the readers' order of popularity.
    by_path = dict((p, i) for i, p in articles)
    ids_file = tmp / "ids.txt"
    ids_file.write_text(
        "\n".join(str(by_path[p]) for p in ranked if p in by_path), encoding="utf-8"
    )
    distinct = len(set(draws))
    log(
        f"  {len(articles):,} articles, {len(sections)} sections; {args.draws:,} Zipf draws "
        f"(s = {args.zipf_s}) cover {distinct:,} distinct pages; home is "
        f"{draws.count(home) / len(draws):.1%} of the reads"
    )
    results = {}
    for mode, invalidation, writes in MODES:
        results[mode] = run_mode(args, tmp, env, mode, invalidation, writes, listing, ids_file)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
        if not args.reuse_copy:
            stack.drop_database(COPY)
    return report(args, results, started, len(articles), len(sections), distinct)


def report(args, results, started, n_articles, n_sections, distinct):
    lines = []
    out = lines.append
    out(
        f"Measured {started:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores (shared with other "
        f"work: load averages per mode below), {n_articles:,} articles, {n_sections} sections. "
        f"Reads: Zipf s = {args.zipf_s} over home, sections and every article "
        f"({args.draws:,} pre-drawn paths, {distinct:,} distinct), wrk 2 threads, "
        f"{args.connections} connections, Accept-Encoding `{ACCEPT_ENCODING}`; per mode fresh "
        f"caches, {args.warmup} s warm-up (same reads, no writes), then {args.duration} s "
        "measured. Production stack: deploy/nginx/toasoan.conf as shipped (1 s micro-cache) → "
        "granian 2 workers → Redis page cache, PostgreSQL."
    )
    out("")
    out(
        "| mode | writes | req/s | p50 ms | p99 ms | errors | hit ratio (all) | app page-cache "
        "hit ratio | renders | app CPU (cores) | load (1/5/15 min, before → after) |"
    )
    out("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for mode, r in results.items():
        c = r["counts"]
        w = r["written"]
        writes = (
            f"{w['comment']['count']} comments, {w['article']['count']} articles" if w else "none"
        )
        out(
            f"| {mode} | {writes} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p99']:.1f} | "
            f"{r['errors'] + c['error']} | {c['hit_ratio']:.1%} | {c['app_hit_ratio']:.1%} | "
            f"{c['miss']:,} | {r['cpu']:.2f} | {r['load']} |"
        )
    out("")
    out(
        "Hit ratio (all) = requests answered without a render (nginx micro-cache hits + app "
        "page-cache hits) / all page requests; app page-cache hit ratio = hits / requests that "
        "reached the app (X-Page-Cache header, from nginx's access log); renders = page-cache "
        "misses. Writes: median time of an approval "
        + ", ".join(
            f"{m} {r['written']['comment']['median_ms']:.0f} ms, publish "
            f"{r['written']['article']['median_ms']:.0f} ms"
            for m, r in results.items()
            if r["written"]
        )
        + "."
    )
    out("")
    out("| target | measured | goal | met |")
    out("|---|---:|---:|---|")
    checks = check_targets(results)
    for label, value, goal, met in checks:
        out(f"| {label} | {value} | {goal} | {'yes' if met else '**NO**'} |")
    text = "\n".join(lines)
    log("")
    log(text)
    if not args.quick and not args.no_write:
        target = ROOT / "docs" / "benchmarks" / "mixed_workload.md"
        header = (
            "# Mixed read/write workload (issue #20)\n\n"
            "`make bench` (or `flock /work/bench.lock .venv/bin/python bench/mixed_workload.py`; "
            "≈6 min); method in the script's docstring.\n\n"
        )
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        notes = old[old.index("\n## ") :] if "\n## " in old else ""
        target.write_text(header + text + "\n" + notes, encoding="utf-8")
        log(f"\nwritten to {target.relative_to(ROOT)}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=60, help="measured seconds per mode")
    parser.add_argument("--warmup", type=int, default=30, help="warm-up seconds per mode")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--zipf-s", type=float, default=1.0)
    parser.add_argument("--draws", type=int, default=200_000, help="pre-drawn read paths")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and the copy")
    parser.add_argument(
        "--reuse-copy",
        action="store_true",
        help="use the copy made by an earlier --keep run (or by hand) instead of copying again",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write docs/")
    parser.add_argument(
        "--quick", action="store_true", help="1,000 articles, 5 s warm-up, 10 s per mode"
    )
    parser.add_argument("--writer", metavar="IDS", dest="writer_ids", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer_ids:
        return writer(args)
    if args.quick:
        args.articles = 1_000 if args.articles == 100_000 else args.articles
        args.duration, args.warmup = min(args.duration, 10), min(args.warmup, 5)
    for tool in ("wrk", _prodnginx.NGINX):
        if not shutil.which(tool):
            log(f"!!! {tool} is not installed: the mixed-workload benchmark is SKIPPED")
            return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.production")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
