"""PostgreSQL: generated position-less tsvector columns ``terms_*`` (words and adjacent-word
pairs, migration 0006) with GIN indexes, and the recency b-tree ``search_entry_recency``.

GIN cannot hand out matches newest first, so a stream asks it for the matches among the
newest articles first: ``published_at`` at least that of the K-th newest visible article
(K = ``WINDOWS``), then, if that found too few, among all. When PostgreSQL expects many
matches it combines the GIN bitmap with the date range (BitmapAnd) and fetches only the
rows in the window. No query reads a tsvector row by row: GIN answers ``@@`` on
position-less tsvectors without rechecking.

Recent indexes: a second set of GIN indexes, partial, over the articles published at or
after a cutoff (about the ``RECENT_INDEX_ARTICLES``-th newest; the epoch second is in their
names, ``search_entry_recent_<column>_<epoch>``). Their posting lists are several times
shorter, and a common word's posting list was most of a search's time. A stream whose floor
is at or after the cutoff states the index predicate (see ``_RECENT_ZONES``); the count and
the last step (no window) read the recent part first and the older part only when the
recent part held too few matches. They are only a faster path: every query is right with
or without them, and with a stale cutoff. ``refresh_recent_indexes`` moves the cutoff (the
periodic job, ``search_refresh_recent_index``, ``optimize()``, migration 0007).
"""

import datetime as dt
import logging
import re
import time

from django.db import DatabaseError, transaction

from ..conf import search_setting
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
# (alias, window, date_from, date_to) -> (published_at floor, recent cutoff, expiry)
_FLOORS = {}
# Columns with a recent index.
RECENT_COLUMNS = (ALL, ACCENTED, TITLE, SAPO)
RECENT_PREFIX = "search_entry_recent_"
_RECENT_NAME = re.compile(rf"^{RECENT_PREFIX}(?P<column>[a-z]+)_(?P<epoch>[0-9]+)$")
# Valid recent indexes, as "name name …"; their cutoff is parsed from the names.
_RECENT_SQL = (
    "SELECT string_agg(c.relname, ' ') FROM pg_index i "
    "JOIN pg_class c ON c.oid = i.indexrelid "
    "WHERE i.indrelid = 'search_searchentry'::regclass AND i.indisvalid AND i.indisready "
    "AND c.relname LIKE 'search\\_entry\\_recent\\_%%'"
)
# The recent indexes' predicate is on UTC wall-clock time rather than on ``published_at``
# itself: the planner drops a partial index from a BitmapAnd when the conditions already in
# it (the ``published_at`` b-tree's floor) imply the index's predicate, and would read the
# whole GIN index instead. ``AT TIME ZONE`` is immutable and exact, no b-tree serves it,
# and a query states the same condition. The accent stream also reads the whole-text index
# (its candidate condition): the two indexes' predicates are written differently (a zone
# name, a zero interval) so that one does not make the other look redundant too.
_RECENT_ZONES = {TITLE: "'UTC'", SAPO: "'UTC'", ALL: "'UTC'", ACCENTED: "INTERVAL '00:00'"}


def _recent_time(column, alias="e."):
    return f"({alias}published_at AT TIME ZONE {_RECENT_ZONES[column]})"


def _recent_predicate(columns):
    """``(sql, param count)``: the recent indexes' predicates for these columns."""
    times = sorted({_recent_time(column) for column in columns})
    return " AND ".join(f"{time} >= %s" for time in times), len(times)


logger = logging.getLogger(__name__)
_REFRESH_LOCK = 0x70A5_0A0  # pg_try_advisory_lock key: one refresh at a time
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
        return self._window(filters, size)[0]

    def _cutoff(self, filters):
        """The recent indexes' cutoff (None: none), read with the first window's floor."""
        return self._window(filters, WINDOWS[0] if WINDOWS else None)[1]

    def _window(self, filters, size):
        """``(floor, cutoff)``, both cached ``FLOOR_SECONDS``: one statement reads both, so
        a process learns a moved cutoff within that time."""
        key = (self.connection.alias, size, filters.date_from, filters.date_to)
        cached = _FLOORS.get(key)
        if cached and cached[2] > time.monotonic():
            return cached[:2]
        with self.connection.cursor() as cursor:
            if size is None:
                cursor.execute(f"SELECT NULL, ({_RECENT_SQL})")  # noqa: S608  # nosec B608 - fixed SQL only
                rows = cursor.fetchall()
            else:
                where, params = self._filters_sql(filters, dates_only=True)
                # This one walks the recency index (search() turns index scans off).
                cursor.execute("SHOW enable_indexscan")
                setting = cursor.fetchone()[0]
                cursor.execute("SET LOCAL enable_indexscan = on")
                cursor.execute(
                    f"SELECT (SELECT e.published_at FROM search_searchentry e WHERE {where} "  # noqa: S608  # nosec B608 - fixed SQL only
                    f"{_ORDER} OFFSET %s LIMIT 1), ({_RECENT_SQL})",
                    [*params, size - 1],
                )
                rows = cursor.fetchall()
                if setting == "off":
                    cursor.execute("SET LOCAL enable_indexscan = off")
        found, names = rows[0]
        # Whole seconds, like the rank key: an article left out is older by the rank key too.
        floor = found.replace(microsecond=0) if found else None
        cutoff = _cutoff_of(names)
        if len(_FLOORS) > 1000:
            _FLOORS.clear()
        _FLOORS[key] = (floor, cutoff, time.monotonic() + FLOOR_SECONDS)
        return floor, cutoff

    def _run(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search(self, *args, **kwargs):
        """``SearchBackend.search`` in one transaction whose planner settings keep every
        full-text condition on GIN: for ``ORDER BY … LIMIT`` the planner likes to walk the
        recency index and test each row's tsvector, detoasting it; a bitmap never does."""
        # set_config(…, true) lasts until the end of the transaction: when this one is ours,
        # its COMMIT drops the settings and restoring them would be one more round trip.
        nested = self.connection.in_atomic_block
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
                if nested:
                    cursor.execute(
                        "SELECT set_config('enable_indexscan', %s, true), "
                        "set_config('enable_seqscan', %s, true)",
                        list(before),
                    )

    def _stream_sql(self, column, spec, candidate_spec, filters, limit, floor, cutoff=None):
        """The newest ``limit`` matches at or after ``floor``. Without a floor but with a
        cutoff: those of the recent part, then, only if it held fewer than ``limit``, those
        of the older part (an Append under a LIMIT runs its branches in order and stops);
        every recent article is newer by the rank key than every older one."""
        match, match_params = self._conditions(column, spec, candidate_spec)
        where, filter_params = self._filters_sql(filters)
        # Ordered by the rank key itself (whole seconds, then id), exactly as SQLite's rowid.
        select = (
            f"SELECT e.page_id, {_RANK} AS rank FROM search_searchentry e "  # noqa: S608  # nosec B608 - fixed SQL only
            f"WHERE {match} AND {where}"
        )
        params = [*match_params, *filter_params]
        limit = int(limit)
        recent, count = _recent_predicate([column] + ([ALL] if candidate_spec else []))
        if floor is None and cutoff is not None:
            older = f"(NOT ({_recent_time(column)} >= %s) OR e.published_at IS NULL)"
            sql = (
                f"SELECT * FROM (({select} AND {recent} ORDER BY rank DESC LIMIT %s) "  # noqa: S608  # nosec B608 - fixed SQL only
                f"UNION ALL ({select} AND {older} ORDER BY rank DESC LIMIT %s)) parts LIMIT %s"
            )
            bound = _naive(cutoff)
            return sql, [
                *params,
                *[bound] * count,
                limit,
                *params,
                bound,
                limit,
                limit,
            ]
        window, bounds = "", []
        if floor is not None:
            window, bounds = " AND e.published_at >= %s", [floor]
            if cutoff is not None and floor >= cutoff:
                # Implied by the floor; the recent indexes' predicates themselves, so the
                # planner can use them (see _RECENT_ZONES).
                window += f" AND {recent}"
                bounds += [_naive(cutoff)] * count
        return f"{select}{window} ORDER BY rank DESC LIMIT %s", [*params, *bounds, limit]

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
            cutoff = self._cutoff(filters)
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
                    column, spec, candidates, filters, limit, floor, cutoff
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
        """With recent indexes: the recent part, then the older part only if the recent part
        held fewer than ``cap`` matches (the branches of an Append run one after the other,
        and the LIMIT stops it). Common words, the expensive ones, fill the cap early."""
        match, match_params = self._conditions(ALL, spec, None)
        where, filter_params = self._filters_sql(filters)
        select = f"SELECT 1 FROM search_searchentry e WHERE {match} AND {where}"  # noqa: S608  # nosec B608 - fixed SQL only
        cutoff = self._cutoff(filters)
        if cutoff is None:
            sql, params = select, [*match_params, *filter_params]
        else:
            recent = f"{_recent_time(ALL)} >= %s"
            sql = (
                f"({select} AND {recent}) UNION ALL "
                f"({select} AND (NOT ({recent}) OR e.published_at IS NULL))"
            )
            params = [*match_params, *filter_params, _naive(cutoff)] * 2
        sql = f"SELECT COUNT(*) FROM ({sql} LIMIT %s) matches"  # noqa: S608  # nosec B608 - fixed SQL only
        return self._run(sql, [*params, int(cap)])[0][0]

    def clear(self):
        with self.connection.cursor() as cursor:
            # DELETE rather than TRUNCATE: TRUNCATE fails inside a transaction holding
            # deferred foreign-key checks (any page write earlier in the same transaction).
            cursor.execute("DELETE FROM search_searchentry")

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
        try:
            self.refresh_recent()
        except DatabaseError:
            # Only a faster path: the load itself succeeded; the periodic job tries again.
            logger.warning("search: recent indexes not refreshed after a bulk load", exc_info=True)

    def refresh_recent(self, force=False, size=None):
        return refresh_recent_indexes(self.connection, force=force, size=size)


def _cutoff_of(names):
    """The cutoff of the newest complete set of recent indexes among ``names``."""
    columns = {}
    for name in (names or "").split():
        found = _RECENT_NAME.match(name)
        if found:
            columns.setdefault(int(found["epoch"]), set()).add(found["column"])
    complete = [epoch for epoch, have in columns.items() if have >= set(RECENT_COLUMNS)]
    return dt.datetime.fromtimestamp(max(complete), dt.UTC) if complete else None


def _naive(moment):
    """An aware datetime as UTC wall-clock time (the recent indexes' predicate)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def forget_windows():
    """Drop the cached floors and cutoffs (tests; a refresh in this process)."""
    _FLOORS.clear()


def recent_index_names(connection):
    with connection.cursor() as cursor:
        cursor.execute(_RECENT_SQL.replace(" AND i.indisvalid AND i.indisready", ""))
        return sorted((cursor.fetchone()[0] or "").split())


def drop_recent_indexes(connection):
    concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
    with connection.cursor() as cursor:
        for name in recent_index_names(connection):
            cursor.execute(f"DROP INDEX{concurrently} IF EXISTS {name}")
    forget_windows()


def refresh_recent_indexes(connection, force=False, size=None):
    """Build the recent indexes for the current cutoff (the ``size``-th newest visible
    article, ``RECENT_INDEX_ARTICLES``) when they are missing or hold more than
    ``RECENT_INDEX_SLACK`` times ``size`` articles, then drop the older ones. Returns what it
    did, in a few words.

    Outside a transaction the indexes are built and dropped ``CONCURRENTLY`` (searches and
    writes go on); inside one (tests, migrations) plainly. A table with fewer than twice
    ``size`` articles gets none: its whole index is at most twice as long."""
    size = int(size or search_setting("RECENT_INDEX_ARTICLES"))
    atomic = connection.in_atomic_block
    concurrently = "" if atomic else " CONCURRENTLY"
    with connection.cursor() as cursor:
        # In a transaction the lock goes with it (nothing to release after an error).
        lock = "pg_try_advisory_xact_lock" if atomic else "pg_try_advisory_lock"
        cursor.execute(f"SELECT {lock}(%s)", [_REFRESH_LOCK])
        if not cursor.fetchone()[0]:
            return "busy: another refresh is running"
        try:
            if not atomic:
                return _refresh(cursor, connection, size, force, concurrently)
            # A failure (say, pending trigger events of this transaction's writes) leaves
            # the caller's transaction usable.
            with transaction.atomic(using=connection.alias):
                return _refresh(cursor, connection, size, force, concurrently)
        finally:
            forget_windows()
            if not atomic:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_REFRESH_LOCK])


def _refresh(cursor, connection, size, force, concurrently):
    names = recent_index_names(connection)
    cursor.execute(_RECENT_SQL)
    current = _cutoff_of(cursor.fetchone()[0])
    cursor.execute(
        "SELECT (SELECT published_at FROM search_searchentry "
        "WHERE published_at <= now() ORDER BY published_at DESC OFFSET %s LIMIT 1), "
        "(SELECT count(*) >= %s FROM (SELECT 1 FROM search_searchentry LIMIT %s) e)",
        [size - 1, 2 * size, 2 * size],
    )
    newest, large = cursor.fetchone()
    cutoff = None
    if newest is not None and large:
        cutoff = dt.datetime.fromtimestamp(int(newest.timestamp()), dt.UTC)
    if cutoff is not None and current is not None and not force:
        # Rebuilt only once the recent part has grown well past ``size`` articles.
        cursor.execute(
            "SELECT count(*) FROM search_searchentry WHERE published_at >= %s", [current]
        )
        if cursor.fetchone()[0] <= size * search_setting("RECENT_INDEX_SLACK"):
            cutoff = current
    keep = set()
    if cutoff is not None:
        epoch = int(cutoff.timestamp())
        for column in RECENT_COLUMNS:
            name = f"{RECENT_PREFIX}{column}_{epoch}"
            keep.add(name)
            if current == cutoff and name in names:
                continue
            # A leftover invalid index of the same name (a build that failed) goes first.
            if name in names:
                cursor.execute(f"DROP INDEX{concurrently} IF EXISTS {name}")
            # The literal is built here from an integer: nothing from outside reaches the SQL.
            literal = f"'{_naive(cutoff).isoformat(sep=' ')}'::timestamp"
            cursor.execute(
                f"CREATE INDEX{concurrently} {name} ON search_searchentry "  # nosec B608 - fixed SQL only
                f"USING gin ({_COLUMNS[column]}) WHERE {_recent_time(column, '')} >= {literal}"
            )
    dropped = [name for name in names if name not in keep]
    for name in dropped:
        cursor.execute(f"DROP INDEX{concurrently} IF EXISTS {name}")
    if cutoff is None:
        return f"no recent indexes (fewer than {2 * size} articles); dropped {len(dropped)}"
    if cutoff == current and not dropped and set(names) >= keep:
        return f"kept the recent indexes (cutoff {cutoff.isoformat()})"
    return f"recent indexes from {cutoff.isoformat()}; dropped {len(dropped)} other"
