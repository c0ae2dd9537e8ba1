"""Load many articles fast (benchmarks, load tests): bulk inserts into Wagtail's page tree.

Each article becomes a live ``ArticlePage`` without revisions or log entries, placed directly
in the treebeard materialised path of its section (paths computed here, not by ``add_child``,
which costs several queries per page). Good for measuring; the legacy importer is the tool for
real content (it keeps revisions, redirects and history).
"""

import datetime as dt
import html
import json
import uuid
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page

from toasoan.news.models import ArticlePage, HomePage, SectionPage

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n):
    out = ""
    for _ in range(Page.steplen):
        n, r = divmod(n, len(_ALPHABET))
        out = _ALPHABET[r] + out
    return out


def _ascii_slug(text, maxlen):
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
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("no home page: run `toasoan news_load_demo` first")
    articles = list(articles)
    sections = _sections(home, sorted({a["section"] for a in articles}))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    counters = {}
    for name, section in sections.items():
        last = (
            Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        counters[name] = int(last[-Page.steplen :], 36) if last else 0
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
        Page.objects.filter(pk=section.pk).update(
            numchild=Page.objects.filter(
                path__startswith=section.path, depth=section.depth + 1
            ).count()
        )
    return done


def _insert_batch(batch, sections, counters, content_type, locale):
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
            Page(
                title=article["title"][:250],
                draft_title=article["title"][:250],
                slug=slug,
                content_type=content_type,
                locale=locale,
                live=True,
                has_unpublished_changes=False,
                path=section.path + _step(number),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                first_published_at=published,
                last_published_at=published,
                translation_key=uuid.uuid4(),
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
