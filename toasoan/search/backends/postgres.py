"""PostgreSQL: generated tsvector columns (``simple`` configuration) with GIN indexes, and
the recency b-tree ``search_entry_recency`` for reading matches newest first."""

from django.db import transaction

from ..models import RANK_SHIFT
from ..query import tsquery_any
from .base import ALL, SearchBackend

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

    def _conditions(self, column, spec, candidate_spec):
        conditions = [f"e.{_COLUMNS[column]} @@ to_tsquery('simple', %s)"]
        params = [_tsquery(spec)]
        if candidate_spec is not None:
            conditions.append("e.tsv_all @@ to_tsquery('simple', %s)")
            params.append(_tsquery(candidate_spec))
        return " AND ".join(conditions), params

    def stream(self, column, spec, candidate_spec, filters, limit):
        match, match_params = self._conditions(column, spec, candidate_spec)
        where, filter_params = self._filters_sql(filters)
        order = "ORDER BY e.published_at DESC NULLS LAST, e.page_id DESC"
        # The planner cannot estimate phrase queries: it walks the recency index and
        # decompresses tsv_all row after row for rare phrases too (seconds at 100k articles).
        # So the walk is bounded here: the newest PROBE visible articles are checked; if
        # enough of them match, those are the newest matches. Otherwise the GIN index finds
        # every match and the newest are sorted out of them.
        probe = (
            f"SELECT e.page_id, {_RANK} FROM (SELECT * FROM search_searchentry e "  # noqa: S608
            f"WHERE {where} {order} LIMIT %s) e WHERE {match} {order} LIMIT %s"
        )
        rows = self.fetch(probe, [*filter_params, PROBE, *match_params, int(limit)])
        if len(rows) >= limit:
            return rows
        query = (
            f"SELECT e.page_id, {_RANK} FROM search_searchentry e "  # noqa: S608
            f"WHERE {match} AND {where} {order} LIMIT %s"
        )
        return self._without_index_walk(query, [*match_params, *filter_params, int(limit)])

    def count(self, spec, filters, cap):
        match, match_params = self._conditions(ALL, spec, None)
        where, filter_params = self._filters_sql(filters)
        query = (
            "SELECT COUNT(*) FROM (SELECT 1 FROM search_searchentry e "  # noqa: S608
            f"WHERE {match} AND {where} LIMIT %s) AS matches"
        )
        return self._without_index_walk(query, [*match_params, *filter_params, int(cap)])[0][0]

    def _without_index_walk(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")
            try:
                cursor.execute(sql, params)
                return cursor.fetchall()
            finally:
                cursor.execute("SET LOCAL enable_indexscan = on")

    def search(self, *args, **kwargs):
        # Without this the planner sometimes reads the whole table for common words and
        # decompresses every row's tsv_all; the GIN index or the recency index visit only the
        # rows needed (see docs/decisions/search.md). One transaction for all the queries
        # of a search, so the setting costs one round trip.
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            return super().search(*args, **kwargs)

    def clear(self):
        with self.connection.cursor() as cursor:
            # DELETE rather than TRUNCATE: TRUNCATE fails inside a transaction holding
            # deferred foreign-key checks (any page write earlier in the same transaction).
            cursor.execute("DELETE FROM search_searchentry")

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
