"""The contract every full-text backend meets, and the ranking they share.

Ranking is computed from yes/no features that both engines evaluate exactly the same way
(does the title hold every query word? the whole query as a phrase? the accented words?),
so SQLite and PostgreSQL return the same results in the same order. Ties go to the newest
article, then the highest id.
"""

from dataclasses import dataclass

from ..conf import search_setting
from ..query import SYNONYM

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


class SearchBackend:
    """Find indexed articles matching a parsed query; return ``(total, [(page_id, score)])``."""

    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    # Subclasses render a spec (see ``match_spec``) for one column: candidates_sql returns
    # (FROM clause with the entry aliased "e", WHERE condition, params).
    def candidates_sql(self, spec):
        raise NotImplementedError

    def feature_sql(self, column, spec):
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    def optimize(self):
        """Compact the index after a bulk load."""

    def search(self, parsed, filters, sort=RELEVANCE, limit=10, offset=0):
        from_sql, condition, params = self.candidates_sql(match_spec(parsed.units))
        where, where_params = self._filters_sql(filters)
        where = f"{condition} AND {where}"
        score_parts, score_params = [], []
        if sort == RELEVANCE:
            for column, spec, points in ranking_features(parsed):
                sql, feature_params = self.feature_sql(column, spec)
                score_parts.append(f"%s * ({sql})")
                score_params += [int(points), *feature_params]
        score = " + ".join(score_parts) if score_parts else "0"
        order = "score DESC, " if sort == RELEVANCE else ""
        # Only fixed fragments are formatted in; everything the reader typed is a parameter.
        sql = (
            f"SELECT e.page_id, {score} AS score, COUNT(*) OVER () AS total "  # noqa: S608
            f"FROM {from_sql} WHERE {where} "
            f"ORDER BY {order}e.published_at DESC NULLS LAST, e.page_id DESC "
            "LIMIT %s OFFSET %s"
        )
        all_params = [*score_params, *params, *where_params, int(limit), int(offset)]
        rows = self.fetch(sql, all_params)
        if not rows:
            # COUNT(*) OVER () came back with no row: count apart when rows were skipped.
            needs_count = offset or not limit
            return (self._count(from_sql, params, where, where_params) if needs_count else 0), []
        return rows[0][2], [(row[0], row[1]) for row in rows]

    def fetch(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _count(self, from_sql, params, where, where_params):
        with self.connection.cursor() as cursor:
            count_sql = f"SELECT COUNT(*) FROM {from_sql} WHERE {where}"  # noqa: S608
            cursor.execute(count_sql, [*params, *where_params])
            return cursor.fetchone()[0]

    def _filters_sql(self, filters):
        adapt = self.connection.ops.adapt_datetimefield_value
        clauses = [
            "(e.published_at IS NULL OR e.published_at <= %s)",
            "(e.expire_at IS NULL OR e.expire_at > %s)",
        ]
        params = [adapt(filters.now), adapt(filters.now)]
        if filters.section_ids is not None:
            ids = [int(i) for i in filters.section_ids] or [0]
            clauses.append(f"e.section_id IN ({', '.join(['%s'] * len(ids))})")
            params += ids
        if filters.date_from is not None:
            clauses.append("e.published_at >= %s")
            params.append(adapt(filters.date_from))
        if filters.date_to is not None:
            clauses.append("e.published_at < %s")
            params.append(adapt(filters.date_to))
        return " AND ".join(clauses), params
