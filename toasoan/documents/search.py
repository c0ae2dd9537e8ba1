"""Document search: numbers typed loosely first, then the words of abstracts and attachments.

A query is split by ``numbers.parse_query`` into number, year, type and issuer codes plus
plain words. When it holds a number, the documents with that number (an indexed column) are
scored in Python: number + year + type single a document out and put it first. Otherwise the
words are matched, accent-free and with the portal's abbreviations (toasoan.search synonyms),
against ``Document.search_text``.

Word matching starts from the inverted index ``DocumentTerm`` (document, folded word): the
rarest word of each spelling is looked up there, and a phrase ("khu cong nghiep") is then
checked in ``search_text`` of those few documents only. The unit (typed words or one of
their abbreviations) with the fewest documents drives the query when it has at most
``DRIVE_LIMIT``; the others are checked per document. When every unit is common the newest
documents are read in date order and checked until a page (and the capped count) is full.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from toasoan.search.synonyms import synonym_lookup
from toasoan.search.text import phrase_terms, tokens

from . import numbers
from .models import Document, DocumentTerm, IssuingBody

ISSUED, EFFECTIVE, RELEVANCE = "ngay-ban-hanh", "ngay-hieu-luc", "phu-hop"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_CANDIDATES = 5000
# Word matches are counted up to this many (then "more than"): counting every match of a
# common word scans the whole table, while the first page stops early on the date index.
COUNT_LIMIT = 1000
# A unit found in at most this many documents drives a word query from the term index.
DRIVE_LIMIT = 3000
# Issuer codes readers type that an agency's own bodies may not list.
COMMON_ISSUER_CODES = frozenset(
    "cp ttg qh ubnd bql vp btc bct bkhdt bxd btnmt bldtbxh byt bca bqp nhnn hdnd tu ban".split()
)
_LEGISLATURE_RE = re.compile(r"^qh\d{1,2}$")

# What each part of a number is worth; exact number + year + type outranks everything else.
NUMBER_POINTS = 100
YEAR_POINTS = 40
YEAR_MISMATCH = -30
TYPE_POINTS = 30
TYPE_MISMATCH = -20
ISSUER_POINTS = 15
WORD_POINTS = 5


@dataclass
class DocumentResults:
    total: int
    documents: list
    parts: numbers.NumberParts | None = None
    capped: bool = False  # more than ``total`` documents match


def issuer_codes():
    codes = set(COMMON_ISSUER_CODES)
    for code in IssuingBody.objects.exclude(code="").values_list("code", flat=True):
        codes.update(tokens(code))
    return codes


def _is_issuer(word, known):
    return word in known or bool(_LEGISLATURE_RE.match(word))


def word_alternatives(words):
    """Units of folded words, each a tuple of alternatives (token tuples) from the synonyms
    and the document type names, so "kcn" finds "khu cong nghiep" and "nd" "nghi dinh"."""
    lookup = dict(synonym_lookup())
    for aliases in numbers.TYPE_ALIASES.values():
        group = tuple(tuple(alias.split()) for alias in aliases)
        for form in group:
            lookup.setdefault(form, group)
    longest = max((len(form) for form in lookup), default=1)
    units, i = [], 0
    words = list(words)[:MAX_WORDS]
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            forms = lookup.get(tuple(words[i : i + size]))
            if forms:
                typed = tuple(words[i : i + size])
                units.append((typed, *[f for f in forms if f != typed]))
                i += size
                break
        else:
            units.append(((words[i],),))
            i += 1
    return units


def _unit_q(unit):
    q = Q()
    for form in unit:
        q |= Q(search_text__contains=f" {' '.join(form)} ")
    return q


def _order(qs, sort):
    if sort == EFFECTIVE:
        return qs.order_by("-effective", "-issued", "-pk")
    return qs.order_by("-issued", "-pk")


def search_documents(query="", *, base=None, sort="", limit=20, offset=0):
    """Matching public documents, best first (or by ``sort``), and their total."""
    qs = base if base is not None else Document.objects.public()
    query = (query or "")[:MAX_QUERY_LENGTH]
    if not tokens(query):
        total = qs.count()
        page = list(_order(qs, sort).select_related("doc_type", "issuer")[offset : offset + limit])
        return DocumentResults(total, page)
    known = issuer_codes()
    parts = numbers.parse_query(query, known)
    parts.issuer_codes += [w for w in parts.words if _LEGISLATURE_RE.match(w)]
    parts.words = [w for w in parts.words if not _LEGISLATURE_RE.match(w)]
    if parts.number:
        results = _by_number(qs, parts, sort, limit, offset)
        if results.total:
            return results
    return _by_words(qs, parts, query, sort, limit, offset)


def _by_number(qs, parts, sort, limit, offset):
    match = Q(num_number=parts.number)
    if parts.number_or_year:
        match |= Q(num_year=parts.year)
    rows = list(
        qs.filter(match).values_list(
            "pk", "num_number", "num_year", "num_type", "num_codes", "issued", "effective"
        )[:MAX_CANDIDATES]
    )
    if not rows:
        return DocumentResults(0, [], parts)
    with_words = set()
    if parts.words:
        units = word_alternatives(parts.words)
        word_q = Q()
        for unit in units:
            word_q |= _unit_q(unit)
        with_words = set(
            qs.filter(pk__in=[r[0] for r in rows]).filter(word_q).values_list("pk", flat=True)
        )
    scored = [(_score(parts, row, row[0] in with_words), row[5], row[6], row[0]) for row in rows]
    if sort == ISSUED:
        scored.sort(key=lambda s: (s[1], s[3]), reverse=True)
    elif sort == EFFECTIVE:
        scored.sort(key=lambda s: (s[2] or s[1], s[3]), reverse=True)
    else:
        scored.sort(key=lambda s: (s[0], s[1], s[3]), reverse=True)
    page_ids = [s[3] for s in scored[offset : offset + limit]]
    docs = Document.objects.select_related("doc_type", "issuer").in_bulk(page_ids)
    return DocumentResults(len(scored), [docs[pk] for pk in page_ids if pk in docs], parts)


def _score(parts, row, has_words):
    _, number, year, type_code, codes, _, _ = row
    score = NUMBER_POINTS if number == parts.number else 0
    if parts.year:
        if year == parts.year:
            score += YEAR_POINTS
        elif not parts.number_or_year:
            score += YEAR_MISMATCH
    if parts.type_code:
        score += TYPE_POINTS if type_code == parts.type_code else TYPE_MISMATCH
    score += sum(ISSUER_POINTS for code in parts.issuer_codes if f" {code} " in codes)
    return score + (WORD_POINTS if has_words else 0)


def term_frequencies(words, cap=DRIVE_LIMIT):
    """``{word: number of public and draft documents holding it}``, each counted only up to
    ``cap + 1`` (a common word costs no more than a rare one); one query."""
    words = sorted(set(words))
    if not words:
        return {}
    table = connection.ops.quote_name(DocumentTerm._meta.db_table)
    one = f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE term = %s LIMIT %s) AS t{{i}})"  # noqa: S608  # nosec B608 - table name from the model, values bound
    sql = "SELECT " + ", ".join(one.format(i=i) for i in range(len(words)))
    params = [value for word in words for value in (word, cap + 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(zip(words, cursor.fetchone(), strict=True))


def _terms_q(units):
    """One Q per unit (documents holding one of its spellings, found through the term
    index), and whether one unit drives (at most ``DRIVE_LIMIT`` documents can match).

    A spelling's index terms are its word, or its adjacent-word pairs (``phrase_terms``, as
    the article index); the rarest one is looked up, and a phrase of three words or more is
    then checked whole in ``search_text`` (pairs alone do not prove the words are in a row).
    """
    needed = {
        form: [t for t in phrase_terms(form) if len(t) <= DocumentTerm.MAX_LENGTH]
        for unit in units
        for form in unit
    }
    counts = term_frequencies(t for terms in needed.values() for t in terms)

    def rarest(form):
        return min(needed[form], key=lambda t: (counts[t], t)) if needed[form] else None

    def size(unit):
        # A spelling with no indexable term gives no estimate: its unit never drives.
        return sum(counts[rarest(form)] if rarest(form) else DRIVE_LIMIT + 1 for form in unit)

    sizes = [size(unit) for unit in units]
    drive = min(range(len(units)), key=sizes.__getitem__)
    result = []
    for i, unit in enumerate(units):
        q = Q(pk__in=[])
        for form in unit:
            term = rarest(form)
            if term is not None and counts[term] == 0:
                continue  # no document holds this spelling
            if term is None:
                form_q = Q()
            elif i == drive and sizes[i] <= DRIVE_LIMIT:
                form_q = Q(pk__in=DocumentTerm.objects.filter(term=term).values("document_id"))
            else:
                form_q = Q(Exists(DocumentTerm.objects.filter(term=term, document=OuterRef("pk"))))
            if len(form) > 2 or term is None:
                form_q &= Q(search_text__contains=f" {' '.join(form)} ")
            q |= form_q
        result.append(q)
    return result, sizes[drive] <= DRIVE_LIMIT


def _by_words(qs, parts, query, sort, limit, offset):
    words = tokens(query)
    units = word_alternatives(words)
    if not units:
        return DocumentResults(0, [], parts)
    filters, driven = _terms_q(units)
    for q in filters:
        qs = qs.filter(q)
    if driven:
        # Few candidates: their ids in order (one query) give the page and the exact count.
        ids = list(_order(qs, sort).values_list("pk", flat=True))
        docs = Document.objects.select_related("doc_type", "issuer").in_bulk(
            ids[offset : offset + limit]
        )
        page = [docs[pk] for pk in ids[offset : offset + limit] if pk in docs]
        return DocumentResults(min(len(ids), COUNT_LIMIT), page, parts, len(ids) > COUNT_LIMIT)
    page = list(_order(qs, sort).select_related("doc_type", "issuer")[offset : offset + limit])
    if offset == 0 and len(page) < limit:
        return DocumentResults(len(page), page, parts)
    total = qs.order_by()[: COUNT_LIMIT + 1].count()
    capped = total > COUNT_LIMIT
    return DocumentResults(min(total, COUNT_LIMIT), page, parts, capped)
