"""The contract every full-text backend meets, and the ranking they share.

Ranking is computed from yes/no features that both engines evaluate exactly the same way
(does the title hold every query word? the whole query as a phrase? the accented words?),
so SQLite and PostgreSQL return the same results in the same order. Ties go to the newest
article, then the highest id.
"""

from dataclasses import dataclass

from django.db import connection

from ..conf import search_setting
from ..models import RANK_SHIFT, rank_floor
from ..query import SYNONYM, WORD
from ..text import phrase_needles

TITLE, SAPO, ALL, ACCENTED = "title", "sapo", "all", "accented"
RELEVANCE, NEWEST = "relevance", "newest"


@dataclass
class Filters:
    now: object
    section_ids: list | None = None
    date_from: object = None  # aware datetime, inclusive
    date_to: object = None  # aware datetime, exclusive


def match_spec(units):
    """AND of units, each an OR of alternative phrases (tuples of tokens)."""
    return [unit.alternatives for unit in units]


def ranking_features(parsed):
    """``(column, spec, points)`` triples; an article's score is the sum of those it meets."""
    title, sapo, body = (search_setting(f"{n}_WEIGHT") for n in ("TITLE", "SAPO", "BODY"))
    phrase_boost = search_setting("PHRASE_BOOST")
    main = match_spec(parsed.units)
    phrases = parsed.full_phrases
    if phrases:
        phrase = [tuple(phrases)]
        features = [
            (TITLE, main, title),
            (TITLE, phrase, title * phrase_boost),
            (SAPO, main, sapo),
            (SAPO, phrase, sapo * phrase_boost),
            (ALL, phrase, body * phrase_boost),
        ]
    else:
        features = [
            (TITLE, main, title * (1 + phrase_boost)),
            (SAPO, main, sapo * (1 + phrase_boost)),
        ]
    if any(unit.kind == SYNONYM for unit in parsed.units):
        # Between two spellings of the same thing, the one the reader typed comes first.
        typed = [
            (unit.typed,) if unit.kind == SYNONYM else unit.alternatives for unit in parsed.units
        ]
        features.append((ALL, typed, search_setting("AS_TYPED_BOOST")))
    # One accent check, not two: each reads the long posting lists of the accented column.
    if parsed.accent_phrase:
        spec = [(parsed.accent_phrase,)]
        features.append((ACCENTED, spec, search_setting("ACCENT_PHRASE_BOOST")))
    elif parsed.accent_tokens:
        spec = [((token,),) for token in parsed.accent_tokens]
        features.append((ACCENTED, spec, search_setting("ACCENT_BOOST")))
    return features


def _phrase_specs(spec):
    """A spec with each phrase as the padded substrings (its pairs) a padded text holds."""
    return [[phrase_needles(words) for words in alternatives] for alternatives in spec]


def _meets(text, spec):
    return all(
        any(all(needle in text for needle in needles) for needles in alternatives)
        for alternatives in spec
    )


def _texts(values):
    """The padded token text of each column for a row of SearchEntry values."""
    texts = {TITLE: f" {values['title_key']} ", SAPO: f" {values['sapo_key']} "}
    if "body_key" in values:
        parts = (values["title_key"], values["sapo_key"], values["body_key"])
        texts[ALL] = " " + " ".join(part for part in parts if part) + " "
    if "accented_key" in values:
        texts[ACCENTED] = f" {values['accented_key']} "
    return texts


def _entry_rows(fields, page_ids):
    """Rows of ``fields`` for these entries (plain SQL: the ORM's query building cost more
    than the query on a search's hot path)."""
    if not page_ids:
        return []
    placeholders = ", ".join(["%s"] * len(page_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(fields)} FROM search_searchentry "  # noqa: S608  # nosec B608 - fixed column names
            f"WHERE page_id IN ({placeholders})",
            [int(page_id) for page_id in page_ids],
        )
        return cursor.fetchall()


def score_entries(ranks, features, known, need):
    """``{page_id: score}`` for the articles in ``ranks`` (``{page_id: rank key}``); exact for
    every article that can be among the first ``need`` by (score, rank key).

    Title and sapo features are computed here from the short token columns. For the whole
    text and accent features, ``known[i] = (members, cutoff)`` comes from that feature's
    newest-first stream: an article in ``members`` meets it; one not in it but newer than
    ``cutoff`` (or any article when ``cutoff`` is None: the stream was complete) does not.
    The long columns are read only for the remaining articles that could still reach the
    first ``need``. Evaluating a phrase in Python gives the engines' answer: the indexes hold
    each column's words and adjacent-word pairs (``text.index_terms``) and a phrase matches
    when all its pairs are present; the columns hold space-separated tokens, so each pair is
    a substring test on the space-padded text (the whole text is title, sapo and body joined
    by single spaces, as the indexes see it).
    """
    prepared = [(column, _phrase_specs(spec), points) for column, spec, points in features]
    heads = _entry_rows(["page_id", "title_key", "sapo_key"], list(ranks))
    lower, upper, unsure = {}, {}, {}
    for page_id, title_key, sapo_key in heads:
        texts = _texts({"title_key": title_key, "sapo_key": sapo_key})
        low = high = 0
        for index, (column, phrases, points) in enumerate(prepared):
            if column in texts:
                met = _meets(texts[column], phrases)
            else:
                members, cutoff = known[index]
                met = True if page_id in members else None
                if met is None and (cutoff is None or ranks[page_id] > cutoff):
                    met = False
            low += points if met else 0
            high += points if met is not False else 0
            if met is None:
                unsure.setdefault(page_id, []).append(index)
        lower[page_id], upper[page_id] = low, high
    order = sorted(lower, key=lambda page_id: (lower[page_id], ranks[page_id]), reverse=True)
    bar = None
    if len(order) >= need > 0:
        bar = (lower[order[need - 1]], ranks[order[need - 1]])
    check = [page_id for page_id in unsure if bar is None or (upper[page_id], ranks[page_id]) > bar]
    columns = {features[i][0] for page_id in check for i in unsure[page_id]}
    if check:
        fields = ["page_id", "title_key", "sapo_key"]
        fields += ["body_key"] if ALL in columns else []
        fields += ["accented_key"] if ACCENTED in columns else []
        for row in _entry_rows(fields, check):
            values = dict(zip(fields, row, strict=True))
            texts = _texts(values)
            page_id = values["page_id"]
            for index in unsure[page_id]:
                column, phrases, points = prepared[index]
                lower[page_id] += points if _meets(texts[column], phrases) else 0
    return lower


def accent_candidates(parsed):
    """What an article meeting the accent feature must also hold to match the query: the
    query's units minus those the accented words already imply (a word typed with marks
    folds to the unit's word; the accented phrase implies every unit). None: nothing left.
    Fewer conditions for the same answer: each costs an index read of a common word."""
    if parsed.accent_phrase:
        return None
    accented = set(parsed.accent_tokens)
    rest = [
        unit.alternatives
        for unit in parsed.units
        if not (
            unit.kind == WORD
            and not unit.corrected
            and len(unit.accented) == 1
            and unit.accented[0] in accented
        )
    ]
    return rest or None


def count_cap(window):
    """Matches are counted up to this many (``COUNT_LIMIT``, or the window when deeper)."""
    return max(search_setting("COUNT_LIMIT"), window + 1)


class SearchBackend:
    """Find indexed articles matching a parsed query; return ``(total, [(page_id, score)],
    capped)``: ``total`` counts matches up to ``COUNT_LIMIT`` (``capped`` when there are more).

    How a relevance search stays fast on 100,000 articles: each backend can read the matches
    of a full-text condition *newest first* and stop after ``n`` (SQLite: FTS5 rowids are the
    recency key ``models.rank_key``; PostgreSQL: a descending scan of the recency index, or
    GIN and a top-n sort when the planner expects few matches). The search reads the newest
    ``RANK_WINDOW`` matches, plus the newest ``RANK_WINDOW`` articles meeting each ranking
    feature (title holds the query, title phrase, sapo…, accents), scores that window in
    Python from the stored tokens and sorts it. When the query has at most ``RANK_WINDOW``
    matches, all of them are scored and the order is exact; otherwise an article outside the
    window is older than the ``RANK_WINDOW`` newest articles of every feature it meets.
    """

    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    def stream(self, column, spec, candidate_spec, filters, limit):
        """``[(page_id, models.rank_key)]``: the newest ``limit`` visible articles whose ``column``
        meets ``spec`` (and whose full text meets ``candidate_spec`` unless it is None)."""
        raise NotImplementedError

    def streams(self, requests, filters):
        """``stream`` for each ``(column, spec, candidate_spec, limit)``; a backend may answer
        them together."""
        return [
            self.stream(column, spec, candidates, filters, limit)
            for column, spec, candidates, limit in requests
        ]

    def count(self, spec, filters, cap):
        """How many visible articles match ``spec``, counting no further than ``cap``."""
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    def optimize(self):
        """Compact the index after a bulk load."""

    def search(self, parsed, filters, sort=RELEVANCE, limit=10, offset=0):
        need = offset + limit
        spec = match_spec(parsed.units)
        window = max(search_setting("RANK_WINDOW"), need)
        recent = self.stream(ALL, spec, None, filters, window + 1)
        complete = len(recent) <= window
        capped = False
        if complete:
            total = len(recent)
        else:
            cap = count_cap(window)
            total = self.count(spec, filters, cap + 1)
            capped = total > cap
            total = min(total, cap)
        recent = recent[:window]
        if not limit:
            return total, [], capped
        if sort != RELEVANCE:
            return total, [(page_id, 0) for page_id, _key in recent[offset:need]], capped
        features = ranking_features(parsed)
        ranks = dict(recent)
        requests = {}  # feature index -> (column, spec, candidate spec, limit)
        for index, (column, feature_spec, _points) in enumerate(features):
            if column in (TITLE, SAPO):
                if not complete:  # the newest title/sapo matches join the window
                    requests[index] = (column, feature_spec, None, window)
                continue
            # Whole-text features imply a match; accents alone do not.
            candidates = accent_candidates(parsed) if column == ACCENTED else None
            requests[index] = (column, feature_spec, candidates, window + 1)
        known = {}
        found = self.streams(list(requests.values()), filters)
        for (index, (column, *_request)), rows in zip(requests.items(), found, strict=True):
            ranks.update(rows)
            if column not in (TITLE, SAPO):
                cutoff = rows[-1][1] if len(rows) > window else None
                known[index] = ({page_id for page_id, _rank in rows}, cutoff)
        scores = score_entries(ranks, features, known, need)
        order = sorted(scores, key=lambda page_id: (scores[page_id], ranks[page_id]), reverse=True)
        return total, [(page_id, scores[page_id]) for page_id in order[offset:need]], capped

    def fetch(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _filters_sql(self, filters, rank_column=None, dates_only=False):
        """Visibility and date filters on the entry aliased ``e``. ``rank_column`` (the rank
        key as the driving table sees it) gets the same bounds, so the scan skips ahead.
        ``dates_only``: only the conditions on ``published_at``."""
        adapt = self.connection.ops.adapt_datetimefield_value
        second = 1 << RANK_SHIFT
        clauses = ["(e.published_at IS NULL OR e.published_at <= %s)"]
        params = [adapt(filters.now)]
        if not dates_only:
            clauses.append("(e.expire_at IS NULL OR e.expire_at > %s)")
            params.append(adapt(filters.now))
        ranks = [("<", rank_floor(filters.now) + second)]
        if filters.section_ids is not None and not dates_only:
            ids = [int(i) for i in filters.section_ids] or [0]
            clauses.append(f"e.section_id IN ({', '.join(['%s'] * len(ids))})")
            params += ids
        if filters.date_from is not None:
            clauses.append("e.published_at >= %s")
            params.append(adapt(filters.date_from))
            ranks.append((">=", rank_floor(filters.date_from)))
        if filters.date_to is not None:
            clauses.append("e.published_at < %s")
            params.append(adapt(filters.date_to))
            ranks.append(("<", rank_floor(filters.date_to) + second))
        if rank_column:
            clauses += [f"{rank_column} {op} %s" for op, _value in ranks]
            params += [value for _op, value in ranks]
        return " AND ".join(clauses), params
