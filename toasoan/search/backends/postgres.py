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
_COLUMNS = {"title": "tsv_title", "sapo": "tsv_sapo", ALL: "tsv_all", "accented": "tsv_accented"}


def _tsquery(spec):
    return " & ".join(tsquery_any(alts) for alts in spec)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def _matches_sql(self, column, spec, candidate_spec, filters):
        conditions = [f"e.{_COLUMNS[column]} @@ to_tsquery('simple', %s)"]
        params = [_tsquery(spec)]
        if candidate_spec is not None:
            conditions.append("e.tsv_all @@ to_tsquery('simple', %s)")
            params.append(_tsquery(candidate_spec))
        where, filter_params = self._filters_sql(filters)
        sql = f"FROM search_searchentry e WHERE {' AND '.join(conditions)} AND {where}"
        return sql, [*params, *filter_params]

    def stream(self, column, spec, candidate_spec, filters, limit):
        sql, params = self._matches_sql(column, spec, candidate_spec, filters)
        query = (
            f"SELECT e.page_id, {_RANK} {sql} "
            "ORDER BY e.published_at DESC NULLS LAST, e.page_id DESC LIMIT %s"
        )
        return self.fetch(query, [*params, int(limit)])

    def count(self, spec, filters, cap):
        sql, params = self._matches_sql(ALL, spec, None, filters)
        query = f"SELECT COUNT(*) FROM (SELECT 1 {sql} LIMIT %s) AS matches"  # noqa: S608
        return self.fetch(query, [*params, int(cap)])[0][0]

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
