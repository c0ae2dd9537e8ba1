"""PostgreSQL: generated tsvector columns (``simple`` configuration) with GIN indexes, and
the recency b-tree ``search_entry_recency`` for reading matches newest first."""

from django.db import transaction

from ..conf import search_setting
from ..models import RANK_SHIFT
from ..query import tsquery_any
from .base import ALL, RELEVANCE, SearchBackend, count_cap, match_spec, ranking_features

# models.rank_key in SQL.
_RANK = (
    "((GREATEST(0, COALESCE(FLOOR(EXTRACT(EPOCH FROM e.published_at))::bigint, 0)) "
    f"<< {RANK_SHIFT}) | e.page_id)"
)
# How many of the newest articles a stream checks one by one before asking the GIN index.
PROBE = 300
_COLUMNS = {"title": "tsv_title", "sapo": "tsv_sapo", ALL: "tsv_all", "accented": "tsv_accented"}


def _tsquery(spec):
    return " & ".join(tsquery_any(alts) for alts in spec)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def _conditions(self, column, spec, candidate_spec, relaxed=False):
        """The tsquery conditions; ``relaxed`` turns phrases into plain AND (what GIN answers
        without reading positions), and says whether that changed anything."""
        queries = [(_COLUMNS[column], _tsquery(spec))]
        if candidate_spec is not None:
            queries.append(("tsv_all", _tsquery(candidate_spec)))
        if relaxed:
            queries = [(name, query.replace(" <-> ", " & ")) for name, query in queries]
        conditions = " AND ".join(f"e.{name} @@ to_tsquery('simple', %s)" for name, _q in queries)
        return conditions, [query for _name, query in queries]

    def _newest(self, column, spec, candidate_spec, filters, limit, select):
        """The newest ``limit`` matches (``select`` over ``e``), without letting PostgreSQL
        check phrases on more rows than needed.

        Phrase checks need word positions, which GIN does not store: PostgreSQL reads and
        decompresses the row's tsv_all for each. Its planner cannot estimate phrase queries
        and ends up checking thousands of rows (seconds at 100,000 articles). So: first the
        newest PROBE visible articles are checked one by one; if enough match, done. Else GIN
        finds the articles holding all the words (no positions needed), they are sorted
        newest first, and the phrase is checked on them in that order until ``limit`` match.
        """
        match, match_params = self._conditions(column, spec, candidate_spec)
        where, filter_params = self._filters_sql(filters)
        order = "ORDER BY e.published_at DESC NULLS LAST, e.page_id DESC"
        probe = (
            f"SELECT {select} FROM (SELECT * FROM search_searchentry e "  # noqa: S608  # nosec B608 - fixed SQL only
            f"WHERE {where} {order} LIMIT %s) e WHERE {match} {order} LIMIT %s"
        )
        if limit <= PROBE:
            rows = self.fetch(probe, [*filter_params, PROBE, *match_params, int(limit)])
            if len(rows) >= limit:
                return rows
        relaxed, relaxed_params = self._conditions(column, spec, candidate_spec, relaxed=True)
        if relaxed_params == match_params:
            query = (
                f"SELECT {select} FROM search_searchentry e "  # noqa: S608  # nosec B608 - fixed SQL only
                f"WHERE {match} AND {where} {order} LIMIT %s"
            )
            params = [*match_params, *filter_params, int(limit)]
        else:
            # OFFSET 0 keeps the inner query from being merged into the outer one.
            query = (
                f"SELECT {select} FROM (SELECT * FROM search_searchentry e "  # noqa: S608  # nosec B608 - fixed SQL only
                f"WHERE {relaxed} AND {where} {order} OFFSET 0) e WHERE {match} LIMIT %s"
            )
            params = [*relaxed_params, *filter_params, *match_params, int(limit)]
        return self._without_index_walk(query, params)

    def _without_index_walk(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")
            try:
                cursor.execute(sql, params)
                return cursor.fetchall()
            finally:
                cursor.execute("SET LOCAL enable_indexscan = on")

    def search(self, parsed, filters, sort=RELEVANCE, limit=10, offset=0):
        """One query: every match scored in SQL, sorted, counted (``COUNT(*) OVER ()``).

        The bounded newest-first window of ``SearchBackend.search`` was measured slower here
        (100,000 articles: p50 485 ms vs 226 ms): each phrase or accent check decompresses
        the row's tsv_all, and checking rows one by one in recency order cost more than
        GIN's bitmap over all matches. ``stream``/``count`` stay for the shared contract.
        """
        spec = match_spec(parsed.units)
        match, match_params = self._conditions(ALL, spec, None)
        where, where_params = self._filters_sql(filters)
        score_parts, score_params = [], []
        if sort == RELEVANCE:
            for column, feature_spec, points in ranking_features(parsed):
                score_parts.append(
                    f"%s * ((e.{_COLUMNS[column]} @@ to_tsquery('simple', %s))::int)"
                )
                score_params += [int(points), _tsquery(feature_spec)]
        score = " + ".join(score_parts) if score_parts else "0"
        order = "score DESC, " if sort == RELEVANCE else ""
        sql = (
            f"SELECT e.page_id, {score} AS score, COUNT(*) OVER () AS total "  # noqa: S608  # nosec B608 - fixed SQL only
            f"FROM search_searchentry e WHERE {match} AND {where} "
            f"ORDER BY {order}e.published_at DESC NULLS LAST, e.page_id DESC LIMIT %s OFFSET %s"
        )
        params = [*score_params, *match_params, *where_params, int(limit), int(offset)]
        # Without enable_seqscan = off the planner reads the whole table for common words and
        # decompresses every row's tsv_all; the GIN index visits only the matching rows.
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if rows:
                total = rows[0][2]
            else:
                count_sql = f"SELECT COUNT(*) FROM search_searchentry e WHERE {match} AND {where}"  # noqa: S608  # nosec B608 - fixed SQL only
                cursor.execute(count_sql, [*match_params, *where_params])
                total = cursor.fetchone()[0]
        cap = count_cap(max(search_setting("RANK_WINDOW"), offset + limit))
        return min(total, cap), [(row[0], row[1]) for row in rows], total > cap

    def stream(self, column, spec, candidate_spec, filters, limit):
        with transaction.atomic(using=self.connection.alias):
            return self._newest(column, spec, candidate_spec, filters, limit, f"e.page_id, {_RANK}")

    def count(self, spec, filters, cap):
        with transaction.atomic(using=self.connection.alias):
            return len(self._newest(ALL, spec, None, filters, cap, "1"))

    def clear(self):
        with self.connection.cursor() as cursor:
            # DELETE rather than TRUNCATE: TRUNCATE fails inside a transaction holding
            # deferred foreign-key checks (any page write earlier in the same transaction).
            cursor.execute("DELETE FROM search_searchentry")

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
