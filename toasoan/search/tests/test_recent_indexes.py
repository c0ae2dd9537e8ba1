"""PostgreSQL's partial "recent" GIN indexes (``backends/postgres.py``, migration 0007): a
faster path only. Searches and counts give the same answers with them, without them, with a
stale cutoff and while a new set is half built; the refresh moves the cutoff and drops the
old set. On SQLite the command and the periodic job do nothing."""

import datetime as dt
import io
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings
from django.utils import timezone

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.search.backends import get_backend
from toasoan.search.backends.base import Filters, match_spec
from toasoan.search.engine import search
from toasoan.search.maintenance import refresh_recent_index
from toasoan.search.models import SearchEntry
from toasoan.search.query import parse_query

NOW = timezone.now()
SIZE = 8  # RECENT_INDEX_ARTICLES in these tests
QUERIES = [
    "bão lũ",
    "bao lu",
    "bão lũ miền trung",
    '"miền trung"',
    "tin vắn",
    "tin van bão",
    "giao thong",
    "mưa lớn kéo dài",
    "bao lu tren song",
]


def _ago(days):
    return NOW - dt.timedelta(days=days)


def _body(text):
    return [("paragraph", f"<p>{text}</p>")]


def _postgres():
    from toasoan.search.backends import postgres

    return postgres


class RecentCorpusMixin:
    """Matches for "bão lũ" on both sides of the cutoff (the 8th newest article falls among
    the fillers of days 0-9), and one with no date (visible, in the older part)."""

    @classmethod
    def setUpTestData(cls):
        section = make_section(make_home(), "Thời sự")
        for days in range(12):
            make_article(section, f"Tin vắn số {days}", published_at=_ago(days + 0.5))
        cls.recent = [
            make_article(
                section,
                f"Bão lũ miền Trung đợt {days}",
                published_at=_ago(days),
                sapo="Giao thông chia cắt.",
            )
            for days in (1, 2, 3)
        ]
        cls.older = [
            make_article(
                section,
                f"Mưa lớn kéo dài {days}",
                published_at=_ago(days),
                sapo="Bão lũ gây thiệt hại." if days % 2 else "Tin vắn tổng hợp.",
                body=_body("Sau bão lũ, giao thông miền Trung khôi phục."),
            )
            for days in (30, 31, 32, 33)
        ]
        cls.undated = make_article(section, "Bao lu tren song", published_at=_ago(40))
        SearchEntry.objects.filter(page_id=cls.undated.pk).update(published_at=None)

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL recent indexes")
        self.postgres = _postgres()
        self.addCleanup(self.postgres.forget_windows)

    def answers(self, windows=(4,)):
        """Every query's (hits, total, capped), from fresh floors and cutoff."""
        self.postgres.forget_windows()
        with mock.patch.object(self.postgres, "WINDOWS", windows):
            results = [search(query) for query in QUERIES]
        return [(result.hits, result.total, result.capped) for result in results]

    def refresh(self, **kwargs):
        self.immediate()
        return self.postgres.refresh_recent_indexes(connection, size=SIZE, **kwargs)

    @staticmethod
    def immediate():
        # CREATE INDEX refuses to run while the transaction has deferred foreign-key checks
        # pending (the test data); outside tests the refresh runs in its own transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def cutoff(self):
        self.postgres.forget_windows()
        return get_backend()._cutoff(Filters(now=timezone.now()))


@override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 2, "COUNT_LIMIT": 3})
class TestRecentIndexesGiveTheSameAnswers(RecentCorpusMixin, TestCase):
    def test_same_results_with_and_without_the_recent_indexes(self):
        without = self.answers()
        exact = self.answers(windows=())
        self.assertEqual(without, exact)
        self.assertIsNone(self.cutoff())
        self.assertIn("recent indexes from", self.refresh())
        cutoff = self.cutoff()
        self.assertIsNotNone(cutoff)
        self.assertLess(cutoff, self.recent[-1].published_at)
        self.assertGreater(cutoff, self.older[0].published_at)
        self.assertEqual(self.answers(), without)
        # No window: every stream reads the recent part, then the older part if needed.
        self.assertEqual(self.answers(windows=()), without)
        names = self.postgres.recent_index_names(connection)
        self.assertEqual(len(names), len(self.postgres.RECENT_COLUMNS))

    def test_streams_carry_the_cutoff_only_when_the_floor_is_after_it(self):
        self.refresh()
        cutoff = self.cutoff()
        naive = cutoff.astimezone(dt.UTC).replace(tzinfo=None)
        backend = get_backend()
        spec = match_spec(parse_query("bão lũ").units)
        filters = Filters(now=timezone.now())

        def stream(floor, column="all", candidates=None):
            return backend._stream_sql(column, spec, candidates, filters, 3, floor, cutoff)

        sql, params = stream(cutoff)
        self.assertEqual(params.count(naive), 1)
        self.assertIn("AT TIME ZONE 'UTC'", sql)
        # The accent stream's two indexes have differently written predicates.
        sql, params = stream(cutoff, "accented", spec)
        self.assertEqual(params.count(naive), 2)
        self.assertIn("AT TIME ZONE INTERVAL", sql)
        sql, params = stream(cutoff - dt.timedelta(seconds=1))
        self.assertNotIn(naive, params)
        self.assertNotIn("AT TIME ZONE", sql)
        sql, params = stream(None)
        self.assertIn("UNION ALL", sql)
        self.assertEqual(sql.count("%s"), len(params))

    def test_stale_or_missing_cutoff_still_gives_the_same_answers(self):
        without = self.answers()
        self.refresh()
        current = self.cutoff()
        # Another process may still use an older cutoff (its index dropped), a newer one, or
        # none at all: the cutoff only adds conditions the floor already implies.
        for stale in (current - dt.timedelta(days=20), current + dt.timedelta(hours=12), None):
            with mock.patch.object(self.postgres, "_cutoff_of", return_value=stale):
                self.assertEqual(self.answers(), without, stale)

    def test_a_half_built_set_is_not_used(self):
        self.refresh()
        current = self.cutoff()
        newer = int(current.timestamp()) + 3600
        # A refresh building the next set has only its first index so far.
        self.immediate()
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX search_entry_recent_all_{newer} ON search_searchentry "
                "USING gin (terms_all) WHERE published_at >= '2000-01-01T00:00:00+00:00'"
            )
        self.assertEqual(self.cutoff(), current)
        self.assertEqual(self.postgres._cutoff_of(f"search_entry_recent_all_{newer}"), None)
        # The next refresh keeps the current set and drops the stray index.
        self.assertIn("dropped 1 other", self.refresh())
        self.assertEqual(self.cutoff(), current)


@override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 2, "COUNT_LIMIT": 3})
class TestCountAcrossTheCutoff(RecentCorpusMixin, TestCase):
    def counts(self, query, caps):
        spec = match_spec(parse_query(query).units)
        filters = Filters(now=timezone.now())
        self.postgres.forget_windows()
        return [get_backend().count(spec, filters, cap) for cap in caps]

    def test_count_reads_the_older_part_only_when_needed(self):
        caps = range(1, 12)
        # "bão lũ": 3 recent (titles), 4 older (body), 1 undated = 8 matches.
        without = self.counts("bão lũ", caps)
        self.assertEqual(without, [min(cap, 8) for cap in caps])
        self.refresh()
        self.assertEqual(self.counts("bão lũ", caps), without)
        # Only in the older part (and the undated one): the recent part finds none.
        self.assertEqual(self.counts("mưa lớn kéo dài", caps), [min(cap, 4) for cap in caps])
        self.assertEqual(self.counts("bao lu tren song", caps), [1] * len(caps))
        # Only in the recent part, enough to fill small caps there.
        self.assertEqual(self.counts("miền trung đợt", caps), [min(cap, 3) for cap in caps])

    def test_capped_total_across_the_cutoff(self):
        self.refresh()
        # Two results a page: the window is RANK_WINDOW (2), the cap COUNT_LIMIT (3).
        result = search("bão lũ", limit=2)
        self.assertEqual((result.total, result.capped), (3, True))
        with override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 2, "COUNT_LIMIT": 20}):
            self.postgres.forget_windows()
            result = search("bão lũ", limit=2)
        self.assertEqual((result.total, result.capped), (8, False))


@override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 2, "RECENT_INDEX_ARTICLES": SIZE})
class TestRefreshMovesTheCutoff(RecentCorpusMixin, TestCase):
    def test_refresh_waits_for_growth_then_moves_the_cutoff(self):
        self.refresh()
        first = self.cutoff()
        names = self.postgres.recent_index_names(connection)
        self.assertIn("kept", self.refresh())
        self.assertEqual(self.postgres.recent_index_names(connection), names)
        section = self.recent[0].get_parent().specific
        # Five newer articles: 13 at or after the cutoff, more than 1.5 × 8.
        fresh = [
            make_article(section, f"Bão lũ mới {n}", published_at=NOW - dt.timedelta(hours=n))
            for n in range(1, 6)
        ]
        without = self.answers()
        outcome = self.refresh()
        self.assertIn(f"dropped {len(names)} other", outcome)
        second = self.cutoff()
        self.assertGreater(second, first)
        after = self.postgres.recent_index_names(connection)
        self.assertEqual(len(after), len(names))
        self.assertFalse(set(after) & set(names))
        self.assertEqual(self.answers(), without)
        self.assertEqual(search("bão lũ mới").hits[0][0], fresh[0].pk)

    def test_force_and_small_tables(self):
        self.refresh()
        # The same data: a forced refresh finds the same cutoff and keeps the set.
        self.assertIn("kept", self.refresh(force=True))
        # Too few articles for the size asked: no recent indexes at all.
        outcome = self.postgres.refresh_recent_indexes(connection, size=100)
        self.assertIn("no recent indexes", outcome)
        self.assertEqual(self.postgres.recent_index_names(connection), [])
        self.assertIsNone(self.cutoff())

    def test_optimize_and_the_periodic_job_refresh(self):
        with self.assertLogs("toasoan.search.backends.postgres", "WARNING"):
            get_backend().optimize()  # pending trigger events: skipped, transaction usable
        self.assertIsNone(self.cutoff())
        self.immediate()
        get_backend().optimize()
        self.assertIsNotNone(self.cutoff())
        self.assertIn("kept", refresh_recent_index())


@override_settings(TOASOAN_SEARCH={"RECENT_INDEX_ARTICLES": SIZE})
class TestRefreshCommandConcurrently(TransactionTestCase):
    """Outside a transaction the command builds and drops the indexes CONCURRENTLY."""

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL recent indexes")
        postgres = _postgres()
        self.addCleanup(postgres.forget_windows)
        self.addCleanup(postgres.drop_recent_indexes, connection)
        section = make_section(make_home(), "Thời sự")
        for days in range(20):
            make_article(section, f"Bão lũ số {days}", published_at=_ago(days))

    def test_command_builds_the_indexes_and_searches_use_them(self):
        postgres = _postgres()
        postgres.forget_windows()
        before = search("bao lu")
        out = io.StringIO()
        call_command("search_refresh_recent_index", stdout=out)
        self.assertIn("recent indexes from", out.getvalue())
        names = postgres.recent_index_names(connection)
        self.assertEqual(len(names), len(postgres.RECENT_COLUMNS))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT bool_and(i.indisvalid) FROM pg_index i JOIN pg_class c "
                "ON c.oid = i.indexrelid WHERE c.relname = ANY(%s)",
                [names],
            )
            self.assertTrue(cursor.fetchone()[0])
        postgres.forget_windows()
        after = search("bao lu")
        self.assertEqual((after.hits, after.total), (before.hits, before.total))
        out = io.StringIO()
        call_command("search_refresh_recent_index", "--force", "--articles", "5", stdout=out)
        self.assertIn(f"dropped {len(names)} other", out.getvalue())
        self.assertFalse(set(postgres.recent_index_names(connection)) & set(names))


class TestNothingOnSQLite(TestCase):
    def test_command_and_job_do_nothing(self):
        if connection.vendor != "sqlite":
            self.skipTest("SQLite")
        out = io.StringIO()
        call_command("search_refresh_recent_index", stdout=out)
        self.assertIn("Nothing to do", out.getvalue())
        self.assertIsNone(refresh_recent_index())


class TestCutoffFromNames(TestCase):
    def test_newest_complete_set_wins(self):
        postgres = _postgres()
        columns = postgres.RECENT_COLUMNS
        names = [f"search_entry_recent_{column}_100" for column in columns]
        names += ["search_entry_recent_all_200", "search_entry_terms_all"]  # 200: half built
        names = " ".join(names)
        self.assertEqual(postgres._cutoff_of(names), dt.datetime.fromtimestamp(100, dt.UTC))
        self.assertIsNone(postgres._cutoff_of(None))
        self.assertIsNone(postgres._cutoff_of("search_entry_recent_all_100"))
