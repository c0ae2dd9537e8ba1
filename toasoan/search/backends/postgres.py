"""PostgreSQL: generated position-less tsvector columns ``terms_*`` (words and adjacent-word
pairs, migration 0006) with GIN indexes, and the recency b-tree ``search_entry_recency``.

GIN cannot hand out matches newest first, so a stream asks it for the matches among the
newest articles first: ``published_at`` at least that of the K-th newest visible article
(K = ``WINDOWS``), then, if that found too few, among all. When PostgreSQL expects many
matches it combines the GIN bitmap with the date range (BitmapAnd) and fetches only the
rows in the window. No query reads a tsvector row by row: GIN answers ``@@`` on
position-less tsvectors without rechecking.
"""

import time

from django.db import transaction

from ..models import RANK_SHIFT
from ..query import tsquery_any
from .base import ACCENTED, ALL, SAPO, TITLE, SearchBackend

# models.rank_key in SQL.
_RANK = (
    "((GREATEST(0, COALESCE(FLOOR(EXTRACT(EPOCH FROM e.published_at))::bigint, 0)) "
    f"<< {RANK_SHIFT}) | e.page_id)"
)
_COLUMNS = {
    TITLE: "terms_title",
    SAPO: "terms_sapo",
    ALL: "terms_all",
    ACCENTED: "terms_accented",
}
# Recency windows a stream tries, in articles, before it searches every match.
WINDOWS = (2_000,)
FLOOR_SECONDS = 60
_FLOORS = {}  # (alias, window, date_from, date_to) -> (published_at floor, expiry)
_ORDER = "ORDER BY e.published_at DESC NULLS LAST, e.page_id DESC"


def _tsquery(spec):
    return " & ".join(tsquery_any(alts) for alts in spec)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def _conditions(self, column, spec, candidate_spec):
        queries = [(_COLUMNS[column], _tsquery(spec))]
        if candidate_spec is not None:
            queries.append((_COLUMNS[ALL], _tsquery(candidate_spec)))
        conditions = " AND ".join(f"e.{name} @@ %s::tsquery" for name, _query in queries)
        return conditions, [query for _name, query in queries]

    def _floor(self, filters, size):
        """``published_at`` of the ``size``-th newest visible article (None when fewer):
        a range the recency index turns into a bitmap.

        Any floor gives the right answer (a stream that finds ``limit`` matches at or after
        it has the newest ones; otherwise it widens), so floors are kept for ``FLOOR_SECONDS``
        per date filter, and section and expiry filters are left out."""
        key = (self.connection.alias, size, filters.date_from, filters.date_to)
        cached = _FLOORS.get(key)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        where, params = self._filters_sql(filters, dates_only=True)
        with self.connection.cursor() as cursor:
            # This one walks the recency index (search() turns index scans off).
            cursor.execute("SHOW enable_indexscan")
            setting = cursor.fetchone()[0]
            cursor.execute("SET LOCAL enable_indexscan = on")
            cursor.execute(
                f"SELECT e.published_at FROM search_searchentry e WHERE {where} "  # noqa: S608  # nosec B608 - fixed SQL only
                f"{_ORDER} OFFSET %s LIMIT 1",
                [*params, size - 1],
            )
            rows = cursor.fetchall()
            if setting == "off":
                cursor.execute("SET LOCAL enable_indexscan = off")
        # Whole seconds, like the rank key: an article left out is older by the rank key too.
        floor = rows[0][0].replace(microsecond=0) if rows and rows[0][0] else None
        if len(_FLOORS) > 1000:
            _FLOORS.clear()
        _FLOORS[key] = (floor, time.monotonic() + FLOOR_SECONDS)
        return floor

    def _run(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search(self, *args, **kwargs):
        """``SearchBackend.search`` in one transaction whose planner settings keep every
        full-text condition on GIN: for ``ORDER BY … LIMIT`` the planner likes to walk the
        recency index and test each row's tsvector, detoasting it; a bitmap never does."""
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            # The settings as they were (restored below, in case an outer transaction goes on
            # with other queries), then off; the select list is evaluated left to right.
            cursor.execute(
                "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan'), "
                "set_config('enable_indexscan', 'off', true), "
                "set_config('enable_seqscan', 'off', true)"
            )
            before = cursor.fetchone()[:2]
            # The first stream of a search is the main match, and every later stream (ranking
            # features) matches a subset of it: a window where the main match found fewer
            # rows than a later stream needs cannot satisfy that stream either.
            self._main_hits = {}
            self._main_pending = True
            try:
                return super().search(*args, **kwargs)
            finally:
                self._main_hits = self._main_pending = None
                cursor.execute(
                    "SELECT set_config('enable_indexscan', %s, true), "
                    "set_config('enable_seqscan', %s, true)",
                    list(before),
                )

    def _stream_sql(self, column, spec, candidate_spec, filters, limit, floor):
        match, match_params = self._conditions(column, spec, candidate_spec)
        where, filter_params = self._filters_sql(filters)
        window = " AND e.published_at >= %s" if floor is not None else ""
        # Ordered by the rank key itself (whole seconds, then id), exactly as SQLite's rowid.
        sql = (
            f"SELECT e.page_id, {_RANK} AS rank FROM search_searchentry e "  # noqa: S608  # nosec B608 - fixed SQL only
            f"WHERE {match} AND {where}{window} ORDER BY rank DESC LIMIT %s"
        )
        return sql, [*match_params, *filter_params, *([floor] if window else []), int(limit)]

    def stream(self, column, spec, candidate_spec, filters, limit):
        return self.streams([(column, spec, candidate_spec, limit)], filters)[0]

    def streams(self, requests, filters):
        """All streams in one statement per recency window (``UNION ALL`` of one bounded
        query each); those that found fewer than ``limit`` matches try the next window, and
        the last try has no window."""
        results = [None] * len(requests)
        pending = list(range(len(requests)))
        for size in (*WINDOWS, None):
            if not pending:
                break
            floor = self._floor(filters, size) if size else None
            if size and floor is None:
                continue  # fewer articles than the window
            main_hits = (getattr(self, "_main_hits", None) or {}).get(size)
            if size and main_hits is not None:
                pending_here = [i for i in pending if requests[i][3] <= main_hits]
                if not pending_here:
                    continue
                # Left for the next window: those the main match already showed too few for.
                skipped = [i for i in pending if i not in pending_here]
            else:
                pending_here, skipped = pending, []
            parts, params = [], []
            for index in pending_here:
                column, spec, candidates, limit = requests[index]
                sql, query_params = self._stream_sql(
                    column, spec, candidates, filters, limit, floor
                )
                part = f"(SELECT {index} AS stream, s.page_id, s.rank FROM ({sql}) s)"  # noqa: S608  # nosec B608 - fixed SQL only
                parts.append(part)
                params += query_params
            found = {index: [] for index in pending_here}
            for index, page_id, rank in self._run(" UNION ALL ".join(parts), params):
                found[index].append((page_id, rank))
            if getattr(self, "_main_pending", False) and size:
                self._main_hits[size] = len(found[pending_here[0]])
            still = list(skipped)
            for index in pending_here:
                rows = sorted(found[index], key=lambda row: row[1], reverse=True)
                if size is None or len(rows) >= requests[index][3]:
                    results[index] = rows
                else:
                    still.append(index)
            pending = sorted(still)
        if getattr(self, "_main_pending", False):
            self._main_pending = False
        return results

    def count(self, spec, filters, cap):
        match, match_params = self._conditions(ALL, spec, None)
        where, filter_params = self._filters_sql(filters)
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM search_searchentry e "  # noqa: S608  # nosec B608 - fixed SQL only
            f"WHERE {match} AND {where} LIMIT %s) matches"
        )
        return self._run(sql, [*match_params, *filter_params, int(cap)])[0][0]

    def clear(self):
        with self.connection.cursor() as cursor:
            # DELETE rather than TRUNCATE: TRUNCATE fails inside a transaction holding
            # deferred foreign-key checks (any page write earlier in the same transaction).
            cursor.execute("DELETE FROM search_searchentry")

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
