"""JSON Lines import speed into SQLite, search index included (target ≥ 200 articles/s).

Migrates a fresh SQLite database in a temporary folder, then measures in the same run:
  * reference: Wagtail's stock way of adding articles (``add_child`` then
    ``save_revision().publish()``, per-save indexing on) for a small sample;
  * ``legacy_import`` of N corpus articles (pages, revisions, import records, sections, search
    index) — the number the target applies to;
  * a second run of the same file (everything skipped: the idempotency check's cost).

    .venv/bin/python bench/import_speed.py [--articles 2000] [--reference 100] [--quick]
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = Path("/work/shared/corpus/articles.jsonl")
TARGET = 200.0
# CPU seconds of each import: on a shared machine wall time also counts other processes.
CPU_SECONDS = []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--reference", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="500 articles, 50 reference")
    args = parser.parse_args()
    count, ref_count = (500, 50) if args.quick else (args.articles, args.reference)

    folder = tempfile.mkdtemp(prefix="toasoan-import-speed-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    sample = Path(folder) / "sample.jsonl"
    sample.write_text("\n".join(lines[ref_count : ref_count + count]) + "\n", encoding="utf-8")

    reference = stock_wagtail_rate([json.loads(line) for line in lines[:ref_count]])
    first = timed_import(sample)
    second = timed_import(sample)

    from toasoan.news.models import ArticlePage

    imported = ArticlePage.objects.filter(external_id__isnull=False).count()
    indexed = search_entries()
    rate1, rate2 = count / first, count / second
    print(f"JSON Lines import into SQLite, {count} corpus articles ({folder})")
    print(f"  reference, stock Wagtail add_child + publish: {reference:8.1f} articles/s")
    print(
        f"  toasoan import, first run:                   {rate1:8.1f} articles/s "
        f"({rate1 / reference:.1f}x the reference; target {TARGET:.0f}: "
        f"{'PASS' if rate1 >= TARGET else 'FAIL'})"
    )
    print(f"  toasoan import, second run (all unchanged):  {rate2:8.1f} articles/s")
    print(
        f"  CPU time only (this process): first run {count / CPU_SECONDS[0]:.1f} articles/s, "
        f"second run {count / CPU_SECONDS[1]:.1f} articles/s; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"  articles in the database: {imported}; search entries: {indexed}")
    print(
        json.dumps(
            {
                "bench": "import_speed",
                "articles": count,
                "first_per_s": round(rate1, 1),
                "second_per_s": round(rate2, 1),
                "first_cpu_per_s": round(count / CPU_SECONDS[0], 1),
                "reference_per_s": round(reference, 1),
                "indexed": indexed,
                "target": TARGET,
                "pass": rate1 >= TARGET,
            }
        )
    )
    return 0 if rate1 >= TARGET and imported == count else 1


def timed_import(path):
    from django.core.management import call_command

    started, cpu = time.perf_counter(), time.process_time()
    call_command(
        "legacy_import", str(path), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO()
    )
    CPU_SECONDS.append(time.process_time() - cpu)
    return time.perf_counter() - started


def stock_wagtail_rate(records):
    from wagtail.models import Page

    from toasoan.news.models import ArticlePage, HomePage, SectionPage
    from toasoan.vi.slugs import vietnamese_slugify

    root = Page.get_first_root_node()
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Trang chủ", slug="bench-home")
    )
    section = home.add_child(instance=SectionPage(title="Đối chứng", slug="doi-chung"))
    started = time.perf_counter()
    for n, record in enumerate(records):
        body = [("paragraph", f"<p>{p}</p>") for p in record["body"].split("\n\n")]
        page = section.add_child(
            instance=ArticlePage(
                title=record["title"],
                slug=f"{vietnamese_slugify(record['title'], 60)}-{n}",
                body=body,
            )
        )
        page.save_revision().publish()
    return len(records) / (time.perf_counter() - started)


def search_entries():
    try:
        from toasoan.search.models import SearchEntry
    except ImportError:
        return None
    return SearchEntry.objects.count()


if __name__ == "__main__":
    sys.exit(main())
