"""Distribution outputs at scale: feeds, sitemaps, the news sitemap, the "Sơ đồ trang" page
and the read-only API, timed in process against a site of N articles (corpus repeated).

References measured in the same run: a section page (the HTML readers load most) and
Wagtail's stock sitemap (wagtail.contrib.sitemaps) over the same site. Prints median ms,
queries per request and ratios; writes docs/benchmarks/distribution.md.

    .venv/bin/python bench/distribution.py [--articles 100000] [--quick] [--repeats 5]
        [--backends sqlite,postgresql] [--no-write]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _search_common import (  # noqa: E402
    REPO,
    Database,
    build_site,
    emit,
    in_subprocess,
    load_articles,
    read_corpus,
)


def _measure(client, url, repeats):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, HTTP_HOST="localhost")  # warm caches and renditions
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST="localhost")
            times.append((time.perf_counter() - started) * 1000)
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def run_one(vendor, articles, repeats):
    with Database(vendor, name="bench_distribution"):
        from django.test import Client
        from django.urls import path
        from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

        records = read_corpus()
        home, sections = build_site()
        started = time.perf_counter()
        copies = max(1, -(-articles // len(records)))
        load_articles(records, sections, copies=copies, total=articles)
        load_seconds = time.perf_counter() - started
        # The corpus dates are years old: move the 1,500 newest into the last two days, as on a
        # working news site, so the news sitemap really lists its 1,000.
        import datetime as dt

        from django.utils import timezone

        from toasoan.news.models import ArticlePage as Article

        newest = list(Article.objects.order_by("-published_at").values_list("pk", flat=True)[:1500])
        now = timezone.now()
        for n, pk in enumerate(newest):
            moment = now - dt.timedelta(minutes=n + 1)
            Article.objects.filter(pk=pk).update(published_at=moment)
        from django.db.models import Count

        from toasoan.news.models import ArticlePage, SectionPage

        counts = dict(
            ArticlePage.objects.order_by().values_list("section_id").annotate(n=Count("id"))
        )
        biggest = SectionPage.objects.get(pk=max(counts, key=counts.get))
        section_url = biggest.url
        # A running site's planner statistics are kept fresh by (auto)analyze; a bulk load
        # leaves none, and PostgreSQL then picks plans 500× slower than normal (measured).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client()
        urls = {
            "reference: section page (HTML)": section_url,
            "site feed /rss/": "/rss/",
            "section feed": f"/rss{section_url}",
            "sitemap index": "/sitemap.xml",
            "section sitemap (every article of the biggest section)": (
                f"/sitemap-chuyen-muc-{biggest.pk}.xml"
            ),
            "news sitemap (1,000 newest)": "/sitemap-tin-moi.xml",
            "Sơ đồ trang": "/so-do-trang/",
            "API articles, limit 100, deep offset": (
                f"/api/v2/articles/?limit=100&offset={articles // 2}"
            ),
            "API articles of a section, limit 20": f"/api/v2/articles/?section={biggest.pk}",
        }
        results = {name: _measure(client, url, repeats) for name, url in urls.items()}
        # Wagtail's stock sitemap of the same site, mounted for this run only.
        from toasoan import urls as root_urls

        root_urls.urlpatterns.insert(0, path("stock-sitemap.xml", wagtail_sitemap))
        from django.urls import clear_url_caches

        clear_url_caches()
        results["reference: Wagtail stock sitemap (first 50,000 pages)"] = _measure(
            client, "/stock-sitemap.xml", 1
        )
        emit(
            {
                "vendor": vendor,
                "articles": articles,
                "load_seconds": round(load_seconds, 1),
                "section_articles": counts[biggest.pk],
                "results": results,
            }
        )


def report(runs):
    lines = []
    for run in runs:
        results = run["results"]
        reference = results["reference: section page (HTML)"]["median_ms"]
        lines.append(
            f"\n### {run['vendor']}: {run['articles']:,} articles "
            f"(biggest section {run['section_articles']:,}; loaded in {run['load_seconds']} s)\n"
        )
        lines.append("| output | median ms | × section page | queries | bytes |")
        lines.append("| --- | ---: | ---: | ---: | ---: |")
        for name, r in results.items():
            ratio = r["median_ms"] / reference if reference else float("nan")
            lines.append(
                f"| {name} | {r['median_ms']} | {ratio:.2f} | {r['queries']} | {r['bytes']:,} |"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.repeats = min(args.articles, 12_000), 3
    if args.one:
        run_one(args.one, args.articles, args.repeats)
        return
    argv = ["--articles", str(args.articles), "--repeats", str(args.repeats)]
    runs = [in_subprocess(__file__, vendor, argv) for vendor in args.backends.split(",")]
    text = report(runs)
    print(text)
    if not args.no_write:
        out = REPO / "docs/benchmarks/distribution.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            "# Distribution benchmarks\n\nWritten by `bench/distribution.py`; in-process "
            "Django test client, median of repeated requests after one warm-up.\n" + text + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
