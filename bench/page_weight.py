"""Page weight of an article page: what a reader's phone downloads (HTML + CSS + JS + fonts).

Builds a throw-away site (SQLite in a temporary TOASOAN_VAR_DIR, dev settings, migrate), puts
a real article from the shared corpus on it (or a generated one when the corpus is absent),
serves it on 127.0.0.1:82xx and opens the article in headless Chromium at 390 px. Every
response the browser actually fetched is counted, so fonts whose unicode-range the page does
not need are not. Sizes are as served compressed: gzip -6 for the HTML (nginx/GZipMiddleware),
gzip -9 for static text files (WhiteNoise's pre-compressed .gz), woff2/images as they are.

    .venv/bin/python bench/page_weight.py [--quick] [--no-write]

Prints a table and the ratio against the budget (150 KB); writes docs/benchmarks/page_weight.md.
"""

import argparse
import gzip
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
BUDGET = 150 * 1024
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
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


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
    os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    os.environ["TOASOAN_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


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


def free_port():
    for port in range(8200, 8300):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit("page_weight: no free port in 8200-8299")


def serve(port):
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class ThreadedServer(WSGIServer):
        daemon_threads = True

    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), ThreadedServer, handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fetch_resources(url, viewport_width=390):
    """Load the page in Chromium; return [(url, type, raw bytes)] for every response."""
    from playwright.sync_api import sync_playwright

    seen = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": viewport_width, "height": 844})
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        for response in responses:
            body = response.body() if response.status < 300 else b""
            kind = response.headers.get("content-type", "").split(";")[0]
            seen.append((response.url, kind, body))
        browser.close()
    return seen


def transferred(kind, body, is_document):
    if kind.startswith(TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=6 if is_document else 9, mtime=0))
    return len(body)


def category(url, kind):
    path = urlsplit(url).path
    if kind == "text/html":
        return "HTML"
    if kind == "application/json":
        return "data"
    for suffix, name in ((".css", "CSS"), (".js", "JS"), (".woff2", "font"), (".svg", "image")):
        if path.endswith(suffix):
            return name
    return kind or "other"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="accepted for bench/run.sh")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks/")
    args = parser.parse_args()

    story = pick_article()
    with tempfile.TemporaryDirectory(prefix="toasoan-page-weight-") as var_dir:
        setup_django(Path(var_dir))
        article = build_site(story)
        port = free_port()
        server = serve(port)
        try:
            base = f"http://127.0.0.1:{port}"
            resources = fetch_resources(base + article.url)
        finally:
            server.shutdown()

    rows = []
    for url, kind, body in resources:
        is_document = urlsplit(url).path == urlsplit(base + article.url).path
        cat = category(url, kind)
        rows.append((cat, urlsplit(url).path, len(body), transferred(kind, body, is_document)))
    rows.sort(
        key=lambda r: (
            ("HTML", "CSS", "JS", "font", "image").index(r[0])
            if r[0] in ("HTML", "CSS", "JS", "font", "image")
            else 9
        )
    )
    total_raw = sum(r[2] for r in rows)
    total = sum(r[3] for r in rows)
    own = sum(r[3] for r in rows if r[0] == "HTML" or r[1].startswith("/static/toasoan/"))
    by_cat = {}
    for cat, _path, _raw, sent in rows:
        by_cat[cat] = by_cat.get(cat, 0) + sent

    lines = [
        f"Article page weight, 390 px viewport, Chromium — article `{story['id']}` "
        f"({len(story['body']):,} characters of body text)",
        "",
        "| kind | file | raw bytes | transferred bytes |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| {cat} | `{path}` | {raw:,} | {sent:,} |" for cat, path, raw, sent in rows]
    lines += [
        f"| **total** | {len(rows)} requests | {total_raw:,} | **{total:,}** |",
        "",
        "By kind (transferred): "
        + ", ".join(f"{cat} {sent / 1024:.1f} KB" for cat, sent in by_cat.items()),
        f"Total {total / 1024:.1f} KB against a budget of {BUDGET // 1024} KB: "
        f"ratio {total / BUDGET:.2f} ({'within' if total <= BUDGET else 'OVER'} budget).",
        f"Of which the page and the site's own static files (HTML + /static/toasoan/): "
        f"{own / 1024:.1f} KB; the other apps' files (comments, …): {(total - own) / 1024:.1f} KB.",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        out = REPO / "docs" / "benchmarks"
        out.mkdir(parents=True, exist_ok=True)
        (out / "page_weight.md").write_text("# Page weight\n\n" + report + "\n", encoding="utf-8")
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
