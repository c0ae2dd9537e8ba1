"""Browser-realistic throughput: a repeat view's requests, replayed for 1,000 articles.

Usage: .venv/bin/python bench/browser_throughput.py [--quick] [--articles 100000]

Issue #20 item 7. The hot-article figure of bench/production.py is measured with a client that
runs no JavaScript and sends no browser headers; a reader's browser may make more requests. So:

1. Record: headless Chromium (Playwright, /usr/bin/chromium) opens one article twice in one
   context, through the production stack; every request of the second (repeat) view that
   went on the wire (not answered from the browser's cache) is kept with the headers Chromium
   sent (Network.requestWillBeSentExtraInfo: cookies included).
2. Replay, with wrk, those requests for --sample random articles (the article's URL and
   Referer substituted, every other request as recorded): each wrk thread takes a random
   article and sends its view's requests in order.
3. The same replay against nginx serving the same responses saved as files (pages with a
   precompressed .gz beside them, gzip_static; /static/ from the same directory): the ceiling.

Production stack: deploy/nginx/toasoan.conf as shipped (1 s micro-cache, its two access logs)
-> granian (2 workers) -> Redis page cache, PostgreSQL `toasoan_bench_prod_<N>` (read only;
bench/production.py builds it when missing). The static server has the same access logs.
Medians of --rounds rounds in alternating order, wrk 2 threads, 32 connections. Target: the
production stack ≥ 50% of nginx static. The full run writes docs/benchmarks/browser_throughput.md.
"""

import argparse
import datetime as dt
import gzip
import os
import random
import shutil
import statistics
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _prodnginx  # noqa: E402 - bench/_prodnginx.py, beside this script
import _stack as stack  # noqa: E402
import mixed_workload  # noqa: E402 - parse_wrk, cpu_seconds, page_rows

REDIS = os.environ.get("TOASOAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
PORT = int(os.environ.get("TOASOAN_BENCH_BROWSER_PORT", "8790"))  # prod; static +1, app +2
CHROMIUM = os.environ.get("TOASOAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic"]
# Headers that describe the connection, not the request: wrk sets its own.
DROP_HEADERS = {"host", "connection", "content-length"}
LUA = r"""
local views = {}
local queue = {}
function init(args)
  local view = nil
  for line in io.lines(args[1]) do
    if line == "" then view = nil
    else
      if view == nil then view = {}; views[#views + 1] = view end
      local fields = {}
      for field in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = field end
      local headers = {}
      for i = 2, #fields do
        local name, value = string.match(fields[i], "^([^:]+): (.*)$")
        headers[name] = value
      end
      view[#view + 1] = wrk.format("GET", fields[1], headers)
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end
function request()
  if #queue == 0 then
    local view = views[math.random(#views)]
    for i = #view, 1, -1 do queue[#queue + 1] = view[i] end
  end
  return table.remove(queue)
end
function done(s, lat, req)
  local e = s.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d %d\n", s.requests / (s.duration / 1e6),
    lat:percentile(50) / 1000, lat:percentile(99) / 1000, s.requests,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------- pure parts (tested)


def replay_views(recorded, recorded_path, paths):
    """The recorded view's requests for each article path in `paths`.

    `recorded`: [(path, {header: value})] in the browser's order; a request for
    `recorded_path` becomes the article's path and a Referer naming it names the article.
    Returns [[(path, headers), …] per article]."""
    views = []
    for path in paths:
        view = []
        for req_path, headers in recorded:
            new_headers = {}
            for name, value in headers.items():
                if name.lower() == "referer" and urlsplit(value).path == recorded_path:
                    value = value.replace(recorded_path, path, 1)
                new_headers[name] = value
            view.append((path if req_path == recorded_path else req_path, new_headers))
        views.append(view)
    return views


def replay_file_text(views):
    """The file the Lua script reads: one request a line (path, then tab-separated
    "Name: value" headers), a blank line after each view."""
    out = []
    for view in views:
        for path, headers in view:
            fields = [path] + [
                f"{name}: {value}"
                for name, value in headers.items()
                if name.lower() not in DROP_HEADERS and not name.startswith(":")
            ]
            if any("\t" in f or "\n" in f for f in fields):
                raise ValueError(f"a tab or newline in a recorded request: {fields!r}")
            out.append("\t".join(fields))
        out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- recording


def record_views(url):
    """Open `url` twice in one Chromium context; for each view, the requests that went on the
    wire: [(url, method, headers, resource type, status, X-Page-Cache or X-Proxy-Cache)]."""
    from playwright.sync_api import sync_playwright

    views = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sent, extra, responses, cached = {}, {}, {}, set()
        cdp.on("Network.requestWillBeSent", lambda e: sent.__setitem__(e["requestId"], e))
        cdp.on(
            "Network.requestWillBeSentExtraInfo",
            lambda e: extra.__setitem__(e["requestId"], e["headers"]),
        )
        cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e))
        cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
        for _view in ("first", "repeat"):
            for store in (sent, extra, responses):
                store.clear()
            cached.clear()
            page.goto(url, wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_timeout(500)
            rows = []
            for request_id, event in sent.items():
                response = responses.get(request_id, {}).get("response", {})
                if request_id in cached or response.get("fromDiskCache"):
                    continue
                if event["request"]["url"].startswith("data:"):
                    continue
                headers = extra.get(request_id) or event["request"]["headers"]
                got = {k.lower(): v for k, v in response.get("headers", {}).items()}
                rows.append(
                    (
                        event["request"]["url"],
                        event["request"]["method"],
                        headers,
                        event.get("type", ""),
                        response.get("status"),
                        got.get("x-page-cache") or got.get("x-proxy-cache") or "-",
                    )
                )
            views.append(rows)
        browser.close()
    return views


# ---------------------------------------------------------------- the static copy


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read()


def save_static(base, paths, html_root, media_root):
    """Each non-/static/ path as a file (plain, and .gz for gzip_static), as the app sends it;
    files of /media/ copied with their time (same ETag and Last-Modified: a browser's
    conditional request gets the same 304 from both servers)."""
    for path in paths:
        if path.startswith("/static/"):
            continue
        rel = urlsplit(path).path.lstrip("/")
        target = html_root / rel / "index.html" if path.endswith("/") else html_root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.startswith("/media/"):
            shutil.copy2(media_root / rel.removeprefix("media/"), target)
            continue
        body = fetch(base + path)
        target.write_bytes(body)
        target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, 6))


# ---------------------------------------------------------------- the run


def run(args):
    tmp = Path(tempfile.mkdtemp(prefix="toasoan-bench-browser-"))
    os.chmod(tmp, 0o755)  # noqa: S103 - nginx (nobody) reads the saved pages
    var = tmp / "var"
    var.mkdir()
    started = dt.datetime.now(dt.UTC)
    log(f"load average at start: {mixed_workload.loadavg()}, {os.cpu_count()} cores")
    import production

    name = f"toasoan_bench_prod_{args.articles}"
    if production._article_count(name) < args.articles:
        production.database_for(args.articles, var)
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    env = stack.production_env(url, REDIS, var)
    stack.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    # The reader figures every page fetches (statistics/so-lieu.js), as the job writes them.
    stack.manage(env, "shell", "-c", "from toasoan.statistics import snapshot; snapshot.refresh()")
    os.system(f"chmod -R a+rX {var}")  # noqa: S605 - our own temp dir
    _home, _sections, articles = mixed_workload.page_rows(url)
    rng = random.Random(5)  # noqa: S311 - a fixed sample
    sample = [p for _i, p in rng.sample(articles, min(args.sample, len(articles)))]

    app_port, static_port = PORT + 2, PORT + 1
    app = stack.start_granian(env, "127.0.0.1", app_port, workers=2)
    nginx = None
    try:
        stack.wait_healthy(f"http://127.0.0.1:{app_port}")
        html_root = tmp / "html"
        html_root.mkdir()
        nginx = _prodnginx.Nginx(
            tmp / "nginx",
            f"127.0.0.1:{PORT}",
            f"127.0.0.1:{app_port}",
            extra_servers=[
                _prodnginx.static_server(f"127.0.0.1:{static_port}", html_root, var / "static")
            ],
            static_root=var / "static",
            media_root=var / "media",
        )
        prod, static = f"http://127.0.0.1:{PORT}", f"http://127.0.0.1:{static_port}"
        nginx.start()
        recorded_path = sample[0]
        fetch(prod + recorded_path)  # a reader before this one: the page is cached
        first, repeat = record_views(prod + recorded_path)
        log(f"  recorded {recorded_path}: first view {len(first)} requests on the wire, "
            f"repeat view {len(repeat)}:")  # fmt: skip
        for u, method, headers, kind, status, cache in repeat:
            log(f"    {method} {urlsplit(u).path} ({kind}, {status}, cache {cache}): {headers}")
        recorded = [
            (urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else ""), h)
            for u, method, h, _k, _s, _c in repeat
            if method == "GET" and urlsplit(u).port == PORT
        ]
        views = replay_views(recorded, recorded_path, sample)
        listing = tmp / "replay.txt"
        listing.write_text(replay_file_text(views), encoding="utf-8")
        (tmp / "replay.lua").write_text(LUA, encoding="utf-8")
        every = sorted({p for view in views for p, _h in view})
        save_static(prod, every, html_root, var / "media")
        os.system(f"chmod -R a+rX {html_root}")  # noqa: S605 - our own temp dir
        for view in views:  # warm both servers with every request once, with its headers
            for path, headers in view:
                for base in (prod, static):
                    try:
                        fetch(base + path, headers)
                    except urllib.error.HTTPError as exc:  # 304 for a conditional request
                        if exc.code != 304:
                            raise
        results = {"prod": [], "static": []}
        loads = []
        for round_ in range(args.rounds):
            order = ("prod", "static") if round_ % 2 == 0 else ("static", "prod")
            for target in order:
                loads.append(mixed_workload.loadavg())
                base = prod if target == "prod" else static
                results[target].append(
                    mixed_workload.run_wrk(
                        base, tmp / "replay.lua", listing, args.connections, args.duration
                    )
                )
            log(f"  round {round_ + 1}/{args.rounds}: " + ", ".join(
                f"{t} {r[-1]['rps']:,.0f} req/s" for t, r in results.items()
            ))  # fmt: skip
    finally:
        if nginx:
            nginx.stop()
        stack.stop(app)
        shutil.rmtree(tmp, ignore_errors=True)
    return report(args, started, first, repeat, results, loads)


def report(args, started, first, repeat, results, loads):
    med = {t: {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50", "p99")}
           for t, rs in results.items()}  # fmt: skip
    errors = {t: sum(r["errors"] for r in rs) for t, rs in results.items()}
    ratio = med["prod"]["rps"] / med["static"]["rps"]
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"{args.articles:,} articles on PostgreSQL; {args.sample:,} random articles; medians "
        f"of {args.rounds} rounds (order alternating), wrk 2 threads, {args.connections} "
        f"connections, {args.duration} s per run. Load average (1/5/15 min) before each run: "
        + "; ".join(loads)
        + ".",
        "",
        f"Recorded with Chromium: the first view of an article made {len(first)} requests on "
        f"the wire, the repeat view {len(repeat)}:",
        "",
        "| request (repeat view) | type | status | cache |",
        "|---|---|---:|---|",
        *(f"| {m} `{urlsplit(u).path}` | {k} | {s} | {c} |" for u, m, _h, k, s, c in repeat),
        "",
        "| target | req/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {t} | {m['rps']:,.0f} | {m['p50']:.2f} | {m['p99']:.2f} | {errors[t]} |"
            for t, m in med.items()
        ),
        "",
        f"Production stack / nginx static: **{ratio:.0%}** (target ≥ 50%: "
        f"{'met' if ratio >= 0.5 else '**NOT met**'}); per round: "
        + ", ".join(
            f"{p['rps'] / s['rps']:.0%}"
            for p, s in zip(results["prod"], results["static"], strict=True)
        )
        + ".",
    ]
    text = "\n".join(lines)
    log("")
    log(text)
    if not args.quick and not args.no_write:
        target = ROOT / "docs" / "benchmarks" / "browser_throughput.md"
        header = (
            "# Browser-realistic throughput (issue #20)\n\n"
            "`make bench` (or `flock /work/bench.lock .venv/bin/python "
            "bench/browser_throughput.py`); method in the script's docstring: the requests "
            "Chromium makes on a repeat view of an article, replayed for random articles "
            "through the production stack, next to nginx serving the same responses as "
            "files.\n\n"
        )
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        notes = old[old.index("\n## ") :] if "\n## " in old else ""
        target.write_text(header + text + "\n" + notes, encoding="utf-8")
        log(f"\nwritten to {target.relative_to(ROOT)}")
    return 0 if ratio >= 0.5 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1_000, help="random articles replayed")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--no-write", action="store_true", help="do not write docs/")
    parser.add_argument(
        "--quick", action="store_true", help="1,000 articles, 200 replayed, 1 round of 3 s"
    )
    args = parser.parse_args()
    if args.quick:
        args.articles = 1_000 if args.articles == 100_000 else args.articles
        args.sample, args.rounds, args.duration = min(args.sample, 200), 1, 3
    for tool in ("wrk", _prodnginx.NGINX, CHROMIUM):
        if not shutil.which(tool):
            log(f"!!! {tool} is not installed: the browser throughput benchmark is SKIPPED")
            return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.production")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
