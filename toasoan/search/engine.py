"""Search as the views and the benchmark use it: parse, correct typos, query, load results."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from .backends import get_backend
from .backends.base import RELEVANCE, Filters, _entry_rows
from .conf import search_setting
from .models import SearchTerm
from .query import edits1, parse_query, with_corrections
from .snippets import make_snippet
from .synonyms import synonym_lookup

# Backend rows per query are capped: nobody pages past this, and it bounds the work.
MAX_WINDOW = 10_000


@dataclass
class SearchResults:
    query: object  # ParsedQuery
    total: int = 0
    hits: list = field(default_factory=list)  # [(page_id, score)]
    # True when there are more than ``total`` (= COUNT_LIMIT) matches.
    capped: bool = False


def search(
    raw_query,
    *,
    section_ids=None,
    date_from=None,
    date_to=None,
    sort=RELEVANCE,
    limit=10,
    offset=0,
    now=None,
):
    """Run a reader's query; returns ``SearchResults`` (empty when the query has no words).

    ``section_ids`` restricts to those sections; ``date_from`` (inclusive) and ``date_to``
    (exclusive) are aware datetimes.
    """
    parsed = parse_query(raw_query, synonym_lookup())
    results = SearchResults(parsed)
    if parsed.is_empty:
        return results
    corrections = typo_corrections(parsed)
    parsed = with_corrections(parsed, {word: fixes for word, fixes in corrections.items() if fixes})
    parsed.unknown = {word for word, fixes in corrections.items() if not fixes}
    filters = Filters(
        now=now or timezone.now(),
        section_ids=section_ids,
        date_from=_clamped(date_from),
        date_to=_clamped(date_to),
    )
    offset = max(0, min(int(offset), MAX_WINDOW))
    limit = max(0, min(int(limit), MAX_WINDOW - offset))
    results.total, results.hits, results.capped = get_backend().search(
        parsed, filters, sort, limit, offset
    )
    return results


# Dates a backend can take: the rank key (seconds << 30) must fit a signed 64-bit integer.
_EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
_LATEST = dt.datetime(2201, 1, 1, tzinfo=dt.UTC)


def _clamped(moment):
    if moment is None:
        return None
    return min(max(moment, _EARLIEST), _LATEST)


def typo_corrections(parsed):
    """``{unknown word: [closest known words]}`` for single words no article contains
    (an empty list when nothing is close enough)."""
    min_length = search_setting("TYPO_MIN_LENGTH")
    words = {unit.typed[0] for unit in parsed.units if unit.kind == "word"}
    known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))
    corrections = {}
    for word in sorted(words - known):
        if len(word) < min_length or not word.isascii():
            corrections[word] = []
            continue
        candidates = sorted(edits1(word))
        counts = dict(
            SearchTerm.objects.filter(term__in=candidates, doc_count__gt=0).values_list(
                "term", "doc_count"
            )
        )
        best = sorted(counts, key=lambda term: (-counts[term], term))
        corrections[word] = best[: search_setting("TYPO_ALTERNATIVES")]
    return corrections


def load_hits(results, request=None):
    """The hits as dicts for templates and the API, in rank order."""
    from toasoan.news.models import ArticlePage
    from toasoan.news.queries import unrestricted_q

    ids = [page_id for page_id, _score in results.hits]
    # The index holds no restricted article; the rule is applied again here so a restriction
    # added a moment ago never shows, even before its re-indexing has committed.
    pages = (
        ArticlePage.objects.filter(pk__in=ids)
        .filter(unrestricted_q())
        .defer("body")
        .select_related("section")
    )
    pages = {page.pk: page for page in pages}
    texts = dict(_entry_rows(["page_id", "plain_text"], ids))
    words = results.query.words()
    size = search_setting("SNIPPET_WORDS")
    items = []
    for page_id, score in results.hits:
        page = pages.get(page_id)
        if page is None:
            continue
        items.append(
            {
                "page": page,
                "title": page.title,
                "title_html": make_snippet(page.title, words, size=200),
                "url": page.get_url(request),
                "section": page.section.title if page.section else "",
                "published": page.display_date,
                "snippet": make_snippet(texts.get(page_id, ""), words, size=size),
                "score": score,
                "external_id": page.external_id,
            }
        )
    return items
