"""Search as the views and the benchmark use it: parse, correct typos, query, load results."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from . import repair
from .backends import get_backend
from .backends.base import RELEVANCE, Filters, _entry_rows
from .conf import search_setting
from .models import SearchTerm
from .query import WORD, edits1, parse_query, with_corrections
from .snippets import make_snippet
from .synonyms import synonym_lookup
from .text import accented_and_folded, fold, has_marks
from .typos import (
    accented_edits,
    accented_variants,
    is_syllable,
    keyboard_candidates,
    keyboard_words,
    split_candidates,
)

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
    if repair.enabled():
        parsed = repair.repair(parsed, get_backend(), filters, _term_counts)
        results.query = parsed
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
    """``{typed folded word: [fixes]}`` for the query's single words that look mistyped; a
    fix is a folded word or a tuple of words (a compound typed without its space).

    A word is mistyped when no article contains it folded, or when it carries marks that no
    article writes that way and one edit makes a word articles do contain (``thàn`` for
    ``thành``). An empty list: nothing close is known. See ``typos.py`` for the kinds.
    """
    units = [unit for unit in parsed.units if unit.kind == WORD]
    typed_forms = {unit.typed[0]: _typed(unit) for unit in units}
    lookups = set(typed_forms) | {a for a in typed_forms.values() if has_marks(a)}
    counts = _term_counts(lookups)
    corrections = {}
    for word, typed in sorted(typed_forms.items()):
        if word in counts:
            # Marks no article writes on a known word (bảo hiễm, thàn for thành) are left to
            # the phrase-level accent repair (repair.py), which sees the neighbouring words.
            if not is_syllable(word):
                fixes = _plural_fixes(word)
                if fixes:
                    corrections[word] = fixes
            continue
        corrections[word] = _fixes(word, typed, parsed.fix_accents)
    return corrections


def _typed(unit):
    return unit.accented[0] if unit.accented else unit.typed[0]


def _term_counts(terms):
    """``{term: doc_count}`` of the terms articles hold. Remembered for the rest of the
    request: the typo check, the accent repair and "did you mean" ask for the same words
    (three of a search page's round trips for an ordinary query)."""
    from toasoan.news.fragments import request_memo

    terms = [term for term in terms if term]
    memo = request_memo()
    known = memo.setdefault("search-term-counts", {}) if memo is not None else {}
    asked = list(dict.fromkeys(term for term in terms if term not in known))
    found = {}
    for start in range(0, len(asked), 900):
        found.update(
            SearchTerm.objects.filter(
                term__in=asked[start : start + 900], doc_count__gt=0
            ).values_list("term", "doc_count")
        )
    if memo is not None:
        known.update({term: found.get(term, 0) for term in asked})
        found.update({term: known[term] for term in terms if known[term]})
    return found


def _best(counts, limit):
    return sorted(counts, key=lambda term: (-counts[term], term))[:limit]


def _plural_fixes(word):
    """A foreign word also matches its plural or singular (``motor`` / ``motors``)."""
    other = word[:-1] if word.endswith("s") else word + "s"
    return [other] if len(word) >= 3 and _term_counts([other]) else []


def _fixes(word, typed, accents):
    limit = search_setting("TYPO_ALTERNATIVES")
    keyboard = [c for c in keyboard_candidates(typed) if c != word]
    edits = edits1(word) if len(word) >= search_setting("TYPO_MIN_LENGTH") else set()
    accented = accented_edits(typed) if has_marks(typed) and len(word) >= 2 else set()
    splits = split_candidates(word) if len(word) >= 4 else []
    parts = {part for pair in splits for part in pair}
    counts = _term_counts(sorted(set(keyboard) | edits | accented | parts))
    fixes = [c for c in keyboard if c in counts]
    for decoded in keyboard_words(typed):
        if decoded in fixes or fold(decoded).replace("đ", "d") in fixes:
            accents.setdefault(word, decoded)
            break
    # An edit that keeps the reader's marks and makes a known accented word is the strongest
    # sign (trườg → trường); then a known compound; then plain edits by frequency.
    for term in _best({t: counts[t] for t in accented if t in counts and has_marks(t)}, limit):
        folded = fold(term).replace("đ", "d")
        if folded != word and folded not in fixes:
            fixes.append(folded)
            accents.setdefault(word, term)
    known_splits = [
        (a, b)
        for a, b in splits
        if a in counts
        and b in counts
        and (is_syllable(a) and is_syllable(b) or min(len(a), len(b)) >= 3)
    ]
    known_splits.sort(key=lambda pair: -min(counts[pair[0]], counts[pair[1]]))
    edited = [
        t for t in _best({t: counts[t] for t in edits if t in counts}, limit) if t not in fixes
    ]
    # A foreign word one letter off (samsun → samsung) before two syllables that happen to
    # make it up (sam sun); Vietnamese compounds typed without their space split first.
    if edited and not is_syllable(edited[0]):
        fixes.append(edited.pop(0))
    fixes.extend(known_splits[:1])
    fixes.extend(edited)
    return fixes[: max(limit, len(keyboard) + 1)]


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


def did_you_mean(parsed):
    """The corrected query in the spelling the index's own articles use, or "" when nothing
    was corrected: ``giãi quyết`` → ``giải quyết``, ``vieetj nam`` → ``việt nam``.

    Each corrected word takes the accented form its correction came with (keyboard decoding,
    accent repair), else — when the reader typed it with marks — the accented spelling of the
    corrected word most articles use; a word typed without marks stays without them.
    Words no article holds and nothing close to them either are left out.
    """
    if parsed.is_empty:
        return ""
    words = parsed.text.split()
    repaired = parsed.accent_repair.split()
    if repaired and len(repaired) == len(words):
        words = repaired
    fixed = []
    marked = [a[0] for a, f in map(accented_and_folded, words) if len(a) == 1 and has_marks(a[0])]
    known = _term_counts(marked)
    for word in words:
        accented, folded = accented_and_folded(word)
        if len(folded) != 1:
            fixed.append(word)
            continue
        key = folded[0]
        if key in parsed.unknown:
            continue
        correction = parsed.corrections.get(key)
        usual = _most_used_spelling(key) if has_marks(accented[0]) else ""
        if correction is None and usual and known.get(accented[0], 0) * RARE < _counted(usual):
            # Marks no article (or a rare one) writes on this word (nghiêp): the usual spelling.
            fixed.append(usual)
        elif correction is None:
            fixed.append(word)
        elif parsed.fix_accents.get(key):
            fixed.append(parsed.fix_accents[key])
        elif not has_marks(accented[0]):
            # Typed without accents: the correction without accents too (khoi congg → cong).
            fixed.append(
                correction[:1].upper() + correction[1:] if word[:1].isupper() else correction
            )
        else:
            spelled = " ".join(_most_used_spelling(part) for part in correction.split())
            fixed.append(spelled[:1].upper() + spelled[1:] if word[:1].isupper() else spelled)
    suggestion = " ".join(fixed)
    return suggestion if suggestion and suggestion != parsed.text else ""


# A spelling this many times rarer than the usual one of the same letters counts as a typo.
RARE = 50


def _counted(term):
    return _term_counts([term]).get(term, 0)


def _most_used_spelling(folded):
    """The accented spelling of a folded word most indexed articles use (``nghiep`` →
    ``nghiệp``); the folded word itself when none is known."""
    counts = _term_counts(accented_variants(folded))
    return max(counts, key=lambda term: (counts[term], term)) if counts else folded
