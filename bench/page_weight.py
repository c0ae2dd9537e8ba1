"""Page weight of an article page: what a reader's phone downloads (HTML + CSS + JS + fonts).

Builds a throw-away site (SQLite in a temporary TOASOAN_VAR_DIR, `make run`'s settings with
DEBUG off, collectstatic with the compressed manifest storage, migrate), puts a real article from
the shared corpus on it (or a generated one when the corpus is absent), writes the reader
figures file the statistics job keeps (every page fetches it) and serves it on 127.0.0.1:82xx
(TOASOAN_BENCH_WEIGHT_PORT) the way `make run` does: the page-cache WSGI front
(toasoan.ops.wsgi) with the file page cache, static files by WhiteNoise. Then again through the
production nginx: deploy/nginx/toasoan.conf as shipped (bench/_prodnginx.py) in front of the
same app, static and media files from disk (gzip_static), pages through its micro-cache.
Headless Chromium at 390 px opens the article twice in one browser context per server (first
view, then a repeat view with the browser cache warm); the bytes are Chromium's own count of
what crossed the wire (DevTools Network.loadingFinished encodedDataLength: headers + compressed
body), so nothing is estimated. Images are listed but not counted in the totals. Chromium 156
offers `gzip, deflate, br, zstd` even over plain HTTP; each server answers with what it has
(the page cache stores Brotli and gzip; the shipped nginx has no Brotli module, so its static
files go out gzip).

    .venv/bin/python bench/page_weight.py [--quick] [--no-write]

Prints a table and the ratios against the targets (first view ≤ 60 KB, repeat view ≤ 15 KB);
writes docs/benchmarks/page_weight.md. Exit status 1 when a view of either server is over.
"""

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
FIRST_VIEW_TARGET = 60 * 1024
REPEAT_VIEW_TARGET = 15 * 1024
CHROMIUM = os.environ.get("TOASOAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SETTINGS = """
from toasoan.settings.dev import *  # noqa
from toasoan.settings.base import STORAGES  # noqa: compressed manifest storage
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
TOASOAN_SSL_REDIRECT = False
"""


def corpus_path():
    candidates = [
        os.environ.get("TOASOAN_CORPUS", ""),
        REPO.parent / "shared" / "corpus" / "articles.jsonl",
        "/work/shared/corpus/articles.jsonl",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def pick_article(limit=2000):
    """The paragraph-structured corpus article of median length (a typical news story)."""
    path = corpus_path()
    if path is None:
        body = "\n\n".join(
            f"Đoạn văn thứ {n} của bài viết thử nghiệm về kinh tế, xã hội của tỉnh, với các số "
            "liệu tăng trưởng, thu ngân sách và đầu tư công trong sáu tháng đầu năm." * 3
            for n in range(1, 13)
        )
        return {"id": "generated", "title": "Bài viết thử nghiệm độ dài trung bình", "body": body}
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["source"].startswith("magizbox/scraper/vn_news/repository/"):
                rows.append(row)
            if len(rows) >= limit:
                break
    median = statistics.median(len(r["body"]) for r in rows)
    return min(rows, key=lambda r: abs(len(r["body"]) - median))


def setup_django(var_dir):
    # `make run`'s settings with DEBUG off: static files hashed and precompressed, as served.
    (var_dir / "page_weight_settings.py").write_text(SETTINGS, encoding="utf-8")
    sys.path.insert(0, str(var_dir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "page_weight_settings"
    os.environ["TOASOAN_VAR_DIR"] = str(var_dir)
    os.environ["STATIC_ROOT"] = str(var_dir / "static")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)


def build_site(story):
    """Home, a section, the measured article, nine more articles, announcements, comments."""
    from toasoan.comments.models import Comment
    from toasoan.news.tests.factories import (
        make_announcement,
        make_announcement_index,
        make_article,
        make_home,
        make_section,
    )

    paragraphs = [p.strip() for p in story["body"].split("\n\n") if p.strip()]
    sapo, rest = paragraphs[0], paragraphs[1:] or paragraphs
    home = make_home()
    section = make_section(home, "Thời sự")
    for n in range(1, 10):
        make_article(section, title=f"Tin thời sự số {n}: đẩy mạnh cải cách hành chính ở cơ sở")
    article = make_article(
        section,
        title=story["title"],
        sapo=sapo[:1000],
        body=[("paragraph", "".join(f"<p>{p}</p>" for p in rest))],
        author_name="Huyền Thanh",
        source_name="PBN",
    )
    index = make_announcement_index(home)
    for n in range(1, 4):
        make_announcement(index, title=f"Thông báo số {n} về lịch tiếp công dân tháng 7")
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        Comment.objects.create(page=article, name=name, body="Bài viết hữu ích.", status="approved")
    return article


def free_port(start=None):
    start = start or int(os.environ.get("TOASOAN_BENCH_WEIGHT_PORT", "8200"))
    for port in range(start, start + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit(f"page_weight: no free port in {start}-{start + 99}")


def serve(port):
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from toasoan.ops.wsgi import application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class ThreadedServer(WSGIServer):
        daemon_threads = True

    server = make_server("127.0.0.1", port, application, ThreadedServer, handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fetch_views(url, viewport_width=390):
    """Open `url` twice in one Chromium context; for each view, the list of
    (url, mime type, resource type, bytes on the wire, from browser cache) Chromium reports."""
    from playwright.sync_api import sync_playwright

    views = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": viewport_width, "height": 844})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        current = {}
        finished = []

        def on_response(event):
            response = event["response"]
            current[event["requestId"]] = (
                response["url"],
                response.get("mimeType", ""),
                event.get("type", ""),
                bool(response.get("fromDiskCache") or response.get("fromMemoryCache")),
            )

        def on_finished(event):
            finished.append((event["requestId"], event["encodedDataLength"]))

        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        for _view in ("first", "repeat"):
            current.clear()
            finished.clear()
            page.goto(url, wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_timeout(300)
            rows = []
            for request_id, size in finished:
                if request_id in current:
                    address, mime, kind, cached = current[request_id]
                    rows.append((address, mime, kind, 0 if cached else int(size), cached))
            views.append(rows)
        browser.close()
    return views


def category(url, kind, resource_type=""):
    path = urlsplit(url).path
    if kind == "text/html":
        return "HTML"
    if resource_type == "Image" or kind.startswith("image/"):
        return "image"
    if kind == "application/json":
        return "data"
    for suffix, name in ((".css", "CSS"), (".js", "JS"), (".woff2", "font"), (".svg", "image")):
        if path.endswith(suffix):
            return name
    return kind or "other"


def through_nginx(var_dir, app_port):
    """deploy/nginx/toasoan.conf as shipped (bench/_prodnginx.py) in front of the app: static
    and media files from disk (gzip_static: the .gz collectstatic wrote), pages proxied with
    the 1 s micro-cache and the normalised Accept-Encoding."""
    sys.path.insert(0, str(REPO / "bench"))
    import _prodnginx

    var_dir.chmod(0o755)
    os.system(f"chmod -R a+rX {var_dir}")  # noqa: S605 - our own temp dir; nginx runs as nobody
    port = free_port(app_port + 1)
    return _prodnginx.Nginx(
        var_dir / "nginx",
        f"127.0.0.1:{port}",
        f"127.0.0.1:{app_port}",
        static_root=var_dir / "static",
        media_root=var_dir / "media",
    ).start(), f"http://127.0.0.1:{port}"


def table(name, rows, target):
    """Markdown lines of one view and its total (images excluded)."""
    order = ("HTML", "CSS", "JS", "font", "data", "image")
    rows = sorted(
        ((category(u, m, t), urlsplit(u).path, size, cached) for u, m, t, size, cached in rows),
        key=lambda r: order.index(r[0]) if r[0] in order else 9,
    )
    counted = sum(size for cat, _p, size, _c in rows if cat != "image")
    by_cat = {}
    for cat, _path, size, _cached in rows:
        by_cat[cat] = by_cat.get(cat, 0) + size
    lines = ["", f"### {name}", "", "| kind | file | bytes on the wire |", "|---|---|---:|"]
    lines += [
        f"| {cat} | `{path}` | {size:,}{' (browser cache)' if cached or not size else ''} |"
        for cat, path, size, cached in rows
    ]
    lines += [
        f"| **total (images excluded)** | {len(rows)} responses | **{counted:,}** |",
        "",
        "By kind: " + ", ".join(f"{cat} {size / 1024:.1f} KB" for cat, size in by_cat.items()),
        f"{name}: {counted / 1024:.1f} KB against a target of {target // 1024} KB: "
        f"ratio {counted / target:.2f} ({'within' if counted <= target else 'OVER'} target).",
    ]
    return lines, counted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="accepted for bench/run.sh")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks/")
    parser.add_argument(
        "--no-nginx", action="store_true", help="only `make run` (no production nginx)"
    )
    args = parser.parse_args()

    story = pick_article()
    measured = {}
    with tempfile.TemporaryDirectory(prefix="toasoan-page-weight-") as var_dir:
        var_dir = Path(var_dir)
        setup_django(var_dir)
        article = build_site(story)
        from toasoan.statistics import snapshot

        snapshot.refresh()  # the reader figures file every page fetches, as the job writes it
        port = free_port()
        server = serve(port)
        nginx = None
        try:
            base = f"http://127.0.0.1:{port}"
            # One request first, as a reader before this one: the page is then a cache hit.
            import urllib.request

            urllib.request.urlopen(base + article.url).read()  # noqa: S310 - our local server
            measured["make run"] = fetch_views(base + article.url)
            if not args.no_nginx and os.path.exists("/usr/sbin/nginx"):
                nginx, nginx_base = through_nginx(var_dir, port)
                urllib.request.urlopen(nginx_base + article.url).read()  # noqa: S310
                measured["production nginx"] = fetch_views(nginx_base + article.url)
        finally:
            if nginx:
                nginx.stop()
            server.shutdown()

    lines = [
        f"Article page weight, 390 px viewport, Chromium — article `{story['id']}` "
        f"({len(story['body']):,} characters of body text); measured "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
        "",
        "Bytes are what Chromium counted on the wire (headers + compressed body). Two ways of "
        "serving the same site: `make run` (page-cache WSGI front, WhiteNoise, DEBUG off) and "
        "the production nginx (deploy/nginx/toasoan.conf as shipped, static and media files "
        "from disk with gzip_static, in front of the same app).",
    ]
    headings = {
        "make run": "## Through `make run`",
        "production nginx": "## Through the production nginx",
    }
    within = True
    summary = []
    for way, (first, repeat) in measured.items():
        lines += ["", headings[way]]
        for name, rows, target in (
            ("First view", first, FIRST_VIEW_TARGET),
            ("Repeat view", repeat, REPEAT_VIEW_TARGET),
        ):
            view_lines, counted = table(name, rows, target)
            lines += view_lines
            within = within and counted <= target
            summary.append(f"{way}, {name.lower()}: {counted / 1024:.1f} KB")
    lines += ["", "Summary: " + "; ".join(summary) + "."]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        out = REPO / "docs" / "benchmarks"
        out.mkdir(parents=True, exist_ok=True)
        history = (
            "\n\nReproduce: `nice -n 10 .venv/bin/python bench/page_weight.py` (≈1 min). Before "
            "issue #20 the same article weighed 113.8 KB (estimated gzip sizes, 16 requests): the "
            "ALTCHA widget (29.6 KB) loaded on every view, four unsubset fonts (65.7 KB) and a "
            "session request to Django on every view; repeat views were not measured.\n"
        )
        (out / "page_weight.md").write_text(
            "# Page weight\n\n" + report + history, encoding="utf-8"
        )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
