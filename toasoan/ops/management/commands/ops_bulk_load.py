"""Load N articles from a JSON-lines corpus fast (benchmarks); see toasoan/ops/bulkload.py."""

import json
import random
import time

from django.core.management.base import BaseCommand, CommandError

from toasoan.ops.bulkload import load_articles

SECTIONS = [
    "Thời sự",
    "Thế giới",
    "Kinh doanh",
    "Giải trí",
    "Thể thao",
    "Pháp luật",
    "Giáo dục",
    "Sức khỏe",
]


def corpus_articles(path, count, seed=42):
    """`count` articles from `path`, repeated with varied titles and paragraph order."""
    try:
        with open(path, encoding="utf-8") as f:
            base = [json.loads(line) for line in f if line.strip()]
    except OSError as exc:
        raise CommandError(f"cannot read the corpus {path}: {exc}") from exc
    if not base:
        raise CommandError(f"the corpus {path} is empty")
    rng = random.Random(seed)  # noqa: S311 - varied test data, not security
    for i in range(count):
        article = dict(base[i % len(base)])
        round_ = i // len(base)
        if round_:
            paragraphs = article["body"].split("\n\n")
            rng.shuffle(paragraphs)
            article["body"] = "\n\n".join(paragraphs)
            article["title"] = f"{article['title']} ({round_ + 1})"
        article["id"] = i + 1
        article["section"] = (article.get("section") or SECTIONS[i % len(SECTIONS)]).strip()[:60]
        article["published"] = str(article.get("published") or "2025-01-01")
        yield article


class Command(BaseCommand):
    help = "Bulk-load N articles from a corpus (JSON lines) into the page tree, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--corpus", default="/work/shared/corpus/articles.jsonl")

    def handle(self, *args, articles, corpus, **options):
        started = time.perf_counter()

        def progress(done, total):
            if options["verbosity"] > 1 or done == total:
                self.stdout.write(f"loaded {done}/{total} ({time.perf_counter() - started:.0f} s)")

        count = load_articles(corpus_articles(corpus, articles), progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Loaded {count} articles in {elapsed:.1f} s ({count / elapsed:.0f}/s).")
