"""Load many articles fast (benchmarks, load tests): bulk inserts into Wagtail's page tree.

    python bench/_bulkload.py --articles 1000 [--corpus PATH]    # with DJANGO_SETTINGS_MODULE

Each article becomes a live ``ArticlePage`` without revisions or log entries, placed directly
in the materialised path of its section (``toasoan.core.tree_paths``, the same writer the
legacy importer uses; ``add_child`` costs several queries per page). Good for measuring; the
legacy importer is the tool for real content (it keeps revisions, redirects and history).
The corpus defaults to $TOASOAN_CORPUS, else shared/corpus/articles.jsonl beside the checkout.
"""

import argparse
import datetime as dt
import html
import json
import os
import random
import sys
import time
import uuid
import zoneinfo
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("TOASOAN_CORPUS", REPO.parent / "shared/corpus/articles.jsonl"))
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
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


def _ascii_slug(text, maxlen):
    from django.utils.text import slugify

    text = text.replace("đ", "d").replace("Đ", "D")
    return slugify(text)[:maxlen].strip("-") or "bai"


def _body_json(text):
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{html.escape(p)}</p>", "id": str(uuid.uuid4())}
            for p in paragraphs
        ],
        ensure_ascii=False,
    )


def _sections(home, names):
    from toasoan.news.models import SectionPage

    found = {}
    for name in names:
        slug = _ascii_slug(name, 40)
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = home.add_child(
                instance=SectionPage(title=name, slug=slug, show_in_menus=True)
            )
            section.save_revision().publish()
        found[name] = section
    return found


def load_articles(articles, batch_size=2000, progress=None):
    """Insert `articles` (dicts: title, body, section, author, published) as live pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Locale

    from toasoan.core.tree_paths import last_child_number, recount_children
    from toasoan.news.models import ArticlePage, HomePage

    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("no home page: run `toasoan news_load_demo` first")
    articles = list(articles)
    sections = _sections(home, sorted({a["section"] for a in articles}))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    counters = {name: last_child_number(section) for name, section in sections.items()}
    done = 0
    for start in range(0, len(articles), batch_size):
        with transaction.atomic():
            _insert_batch(
                articles[start : start + batch_size], sections, counters, content_type, locale
            )
        done += len(articles[start : start + batch_size])
        if progress:
            progress(done, len(articles))
    for section in sections.values():
        recount_children(section)
    return done


def _insert_batch(batch, sections, counters, content_type, locale):
    from django.db import connection
    from wagtail.models import Page

    from toasoan.core.tree_paths import place
    from toasoan.news.models import ArticlePage

    pages, extras = [], []
    for article in batch:
        section = sections[article["section"]]
        counters[article["section"]] += 1
        number = counters[article["section"]]
        slug = f"{_ascii_slug(article['title'], 70)}-{number}"
        published = dt.datetime.combine(
            dt.date.fromisoformat(article["published"][:10]), dt.time(8, number % 60), HCM
        )
        pages.append(
            place(
                Page(
                    title=article["title"][:250],
                    draft_title=article["title"][:250],
                    slug=slug,
                    content_type=content_type,
                    locale=locale,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{section.url_path}{slug}/",
                    first_published_at=published,
                    last_published_at=published,
                    translation_key=uuid.uuid4(),
                ),
                section,
                number,
            )
        )
        extras.append((section, article, published))
    Page.objects.bulk_create(pages)
    columns = [f.column for f in ArticlePage._meta.local_concrete_fields]
    rows = []
    for page, (section, article, published) in zip(pages, extras, strict=True):
        values = {
            "page_ptr_id": page.pk,
            "sapo": article["body"].split("\n\n")[0][:500],
            "body": _body_json(article["body"]),
            "author_name": (article.get("author") or "")[:100],
            "source_name": "",
            "published_at": published,
            "featured_image_id": None,
            "is_featured": False,
            "comments_enabled": True,
            "section_id": section.pk,
            "external_id": f"bench-{article['id']}-{uuid.uuid4().hex[:8]}",
        }
        rows.append([values.get(c) for c in columns])
    table = ArticlePage._meta.db_table
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def corpus_articles(path, count, seed=42):
    """`count` articles from `path`, repeated with varied titles and paragraph order."""
    try:
        with open(path, encoding="utf-8") as f:
            base = [json.loads(line) for line in f if line.strip()]
    except OSError as exc:
        raise SystemExit(f"cannot read the corpus {path}: {exc}") from exc
    if not base:
        raise SystemExit(f"the corpus {path} is empty")
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--corpus", default=str(CORPUS))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()
    started = time.perf_counter()
    count = load_articles(corpus_articles(args.corpus, args.articles))
    elapsed = time.perf_counter() - started
    print(f"Loaded {count} articles in {elapsed:.1f} s ({count / elapsed:.0f}/s).")


if __name__ == "__main__":
    main()
