"""Keep the search index in step with the articles: bulk indexing, removal, rebuild.

``index_articles`` is the one entry point for writers (signal handlers, the importer, the
``search_rebuild`` command). It indexes live articles and removes the rest, in one
transaction, and keeps the word counts that typo tolerance relies on.
"""

import html
import logging
import re
from collections import Counter

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from toasoan.vi.text import nfc

from .backends import get_backend
from .models import SearchEntry, SearchTerm, rank_key
from .text import accented_and_folded

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Longer bodies are cut for indexing: PostgreSQL refuses tsvectors over 1 MB.
MAX_TEXT_CHARS = 100_000
MAX_TERM_LENGTH = 64
_FIELDS = (
    "id",
    "locale_id",
    "title",
    "sapo",
    "body",
    "live",
    "published_at",
    "first_published_at",
    "expire_at",
    "section_id",
    "path",
)


_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|blockquote|tr|td|th|figcaption)\b[^>]*>", re.I
)
_TAG_RE = re.compile(r"<[^>]*>")


def body_text(page):
    """The article body as plain text, one block per line (rich text stripped of HTML).

    Reads the StreamField's raw JSON rather than building block objects: Wagtail's
    ``get_searchable_content`` parses every paragraph with HTMLParser and was the slowest
    step of bulk indexing.
    """
    parts = []
    _collect_text(list(page.body.raw_data), parts)
    return "\n".join(part for part in parts if part)


def _collect_text(value, parts):
    if isinstance(value, str):
        if not value.startswith(("http://", "https://")):
            text = html.unescape(_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", value)))
            parts.extend(line.strip() for line in text.split("\n"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id", "url", "level", "format"):
                _collect_text(item, parts)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect_text(item, parts)


def build_entry(page):
    """An unsaved ``SearchEntry`` for ``page``."""
    body = body_text(page)
    title_acc, title = accented_and_folded(page.title)
    sapo_acc, sapo = accented_and_folded(page.sapo)
    body_acc, body_folded = accented_and_folded(body[:MAX_TEXT_CHARS])
    published = page.published_at or page.first_published_at
    rank_key(published, page.pk)  # the SQLite FTS rowid: raises if the page id does not fit
    return SearchEntry(
        page_id=page.pk,
        section_id=page.section_id,
        published_at=published,
        expire_at=page.expire_at,
        title_key=" ".join(title),
        sapo_key=" ".join(sapo),
        body_key=" ".join(body_folded),
        accented_key=" ".join(title_acc + sapo_acc + body_acc),
        plain_text=nfc("\n".join(part for part in (page.sapo, body) if part)[:MAX_TEXT_CHARS]),
    )


def index_articles(queryset_or_ids, batch_size=BATCH_SIZE):
    """Index the live articles among ``queryset_or_ids`` and drop the others from the index.

    Accepts ArticlePage ids or a queryset of ArticlePage (or Page) rows. Returns the number
    of articles now in the index among them.
    """
    from toasoan.news.models import ArticlePage

    if isinstance(queryset_or_ids, QuerySet):
        ids = list(queryset_or_ids.values_list("pk", flat=True))
    else:
        ids = [int(pk) for pk in queryset_or_ids]
    indexed = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        pages = ArticlePage.objects.filter(pk__in=chunk).only(*_FIELDS)
        with transaction.atomic():
            restricted = _restricted()
            entries = [build_entry(page) for page in pages if _indexable(page, restricted)]
            indexed += _replace(chunk, entries)
    return indexed


def index_pages(pages, batch_size=BATCH_SIZE):
    """``index_articles`` for ``ArticlePage`` objects the caller has just saved.

    The bulk importer hands over the pages it wrote so they are not read back; the objects
    must hold the saved values of the indexed fields. Returns the number indexed.
    """
    # The last object wins when a page comes twice (imported, then updated in one batch).
    pages = list({page.pk: page for page in pages}.values())
    indexed = 0
    for start in range(0, len(pages), batch_size):
        chunk = pages[start : start + batch_size]
        with transaction.atomic():
            restricted = _restricted()
            indexed += _replace(
                [page.pk for page in chunk],
                [build_entry(page) for page in chunk if _indexable(page, restricted)],
            )
    return indexed


def _indexable(page, restricted):
    """Live, Vietnamese and under no view restriction: a password-protected article's title
    and text must never come back from a search (news/queries.py holds the reader-visibility
    rule; publication and expiry dates are checked at query time). The search is Vietnamese:
    English translations (docs/decisions/english.md) stay out of its index."""
    from toasoan.news.queries import is_restricted

    locale_id, paths = restricted
    if locale_id is not None and page.locale_id != locale_id:
        return False
    return page.live and not is_restricted(page, paths)


def _restricted():
    from wagtail.models import Locale

    from toasoan.news.queries import restricted_paths

    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    # Read afresh: indexing follows a restriction's save, maybe in the same request.
    return (default.pk if default else None), restricted_paths(fresh=True)


def index_subtree(page):
    """Re-index every article at or below ``page`` (its view restrictions changed)."""
    from toasoan.news.models import ArticlePage

    return index_articles(ArticlePage.objects.filter(path__startswith=page.path))


def _replace(ids, entries):
    counts = Counter()
    old = SearchEntry.objects.filter(pk__in=ids).values_list(
        "title_key", "sapo_key", "body_key", "accented_key"
    )
    for keys in old:
        counts.subtract(_terms(*keys))
    SearchEntry.objects.filter(pk__in=ids).delete()
    SearchEntry.objects.bulk_create(entries)
    for entry in entries:
        counts.update(_terms(entry.title_key, entry.sapo_key, entry.body_key, entry.accented_key))
    _apply_term_counts(counts)
    return len(entries)


def unindex_articles(ids):
    """Remove articles from the index (unpublished, deleted)."""
    with transaction.atomic():
        _replace([int(pk) for pk in ids], [])


def rebuild(batch_size=BATCH_SIZE, progress=None):
    """Empty the index and index every live article again; returns the number indexed."""
    from toasoan.news.models import ArticlePage

    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchTerm.objects.all().delete()
    ids = list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
    total = 0
    for start in range(0, len(ids), batch_size * 4):
        total += index_articles(ids[start : start + batch_size * 4], batch_size=batch_size)
        if progress:
            progress(total, len(ids))
    backend.optimize()
    return total


def _terms(*keys):
    # The folded words (typo candidates are looked up among them) and the accented words
    # (whether a word exists as the reader typed it, and the accented form "did you mean"
    # offers): one vocabulary, since a folded word and an accented one never collide.
    return {term for key in keys for term in key.split() if len(term) <= MAX_TERM_LENGTH}


def _apply_term_counts(counts):
    changed = [(term, count) for term, count in counts.items() if count]
    if not changed:
        return
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term, doc_count) VALUES (%s, %s) "  # noqa: S608
            f"ON CONFLICT (term) DO UPDATE SET doc_count = {table}.doc_count + excluded.doc_count",
            changed,
        )
    gone = [term for term, count in changed if count < 0]
    for start in range(0, len(gone), 500):
        SearchTerm.objects.filter(term__in=gone[start : start + 500], doc_count__lte=0).delete()
