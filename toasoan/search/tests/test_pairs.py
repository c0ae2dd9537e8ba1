"""Phrases as adjacent-word pairs (migration 0006): a phrase matches when the text holds all
its pairs. Runs on SQLite and PostgreSQL with the same expected results, and checks that the
index terms, the engines and the Python scorer agree."""

import datetime as dt
from contextlib import ExitStack
from unittest import mock

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase, TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.search.backends import get_backend
from toasoan.search.backends.base import ALL, Filters, _meets, _phrase_specs
from toasoan.search.engine import search
from toasoan.search.models import SearchEntry
from toasoan.search.text import index_terms, phrase_terms

from .test_search import titles

NOW = timezone.now()


def _ago(days):
    return NOW - dt.timedelta(days=days)


def _body(text):
    return [("paragraph", f"<p>{text}</p>")]


class TestPairTerms(TestCase):
    def test_index_terms_are_words_and_adjacent_pairs(self):
        self.assertEqual(index_terms("ha noi ha"), "ha noi ha_noi noi_ha")
        self.assertEqual(index_terms("  a  b "), "a b a_b")
        self.assertEqual(index_terms(""), "")
        self.assertEqual(phrase_terms(("an", "toan", "giao")), ["an_toan", "toan_giao"])
        self.assertEqual(phrase_terms(("kcn",)), ["kcn"])

    def test_the_database_function_computes_the_same_terms(self):
        # SQLite: the Python function the triggers call; PostgreSQL: its SQL twin that the
        # generated columns use. Empty parts (an article without sapo) join like str.split.
        text = "tin " + " " + " an toàn giao thông an toàn"
        with connection.cursor() as cursor:
            cursor.execute("SELECT toasoan_search_terms(%s)", [text])
            value = cursor.fetchone()[0]
        expected = set(index_terms(text).split())
        if connection.vendor == "postgresql":
            found = {lexeme.strip("'") for lexeme in value.split()}
        else:
            found = set(value.split())
        self.assertEqual(found, expected)
        self.assertIn("tin_an", found)


class PairCorpusMixin:
    @classmethod
    def setUpTestData(cls):
        home = make_home()
        section = make_section(home, "Thời sự")
        cls.exact = make_article(
            section,
            "Bảo đảm an toàn giao thông dịp Tết",
            published_at=_ago(5),
            sapo="Lực lượng chức năng ra quân.",
            body=_body("Nhiều tuyến đường được kiểm tra."),
        )
        # Holds an toàn, toàn giao and giao thông, never the four words in a row: under
        # pair semantics it matches the phrase (the documented trade-off for speed).
        cls.all_pairs = make_article(
            section,
            "Chuyện ở thôn Đông",
            published_at=_ago(1),
            sapo="Vấn đề an toàn.",
            body=_body("Hoàn toàn giao phó cho xã. Giao thông thông suốt."),
        )
        # The same four words in another order: the pair toàn giao is missing.
        cls.reordered = make_article(
            section,
            "Giao thông an toàn hơn",
            published_at=_ago(2),
            sapo="Tin địa phương.",
            body=_body("Số vụ va chạm giảm."),
        )
        # The words of "khu công nghiệp" scattered: not the synonym KCN.
        cls.scattered_kcn = make_article(
            section,
            "Khu dân cư cạnh nhà máy",
            published_at=_ago(0.5),
            sapo="Ngành công nghiệp nặng.",
            body=_body("Người dân lo ngại."),
        )
        cls.kcn = make_article(
            section,
            "Khu công nghiệp Hòa Khánh thu hút vốn",
            published_at=_ago(6),
            sapo="Doanh nghiệp mở rộng.",
            body=_body("Nhà xưởng mới."),
        )
        # Accent-folded twins: the exact-accent phrase decides their order.
        cls.country = make_article(
            section,
            "Thụy Điển thắng Bỉ",
            published_at=_ago(9),
            sapo="Vòng loại.",
            body=_body("Trận đấu kịch tính."),
        )
        cls.power = make_article(
            section,
            "Thủy điện thắng lớn mùa mưa",
            published_at=_ago(3),
            sapo="Sản lượng tăng.",
            body=_body("Hồ chứa đầy nước."),
        )


class TestPairPhrases(PairCorpusMixin, TestCase):
    def test_quoted_phrase_of_four_words_needs_all_its_pairs(self):
        found = titles('"an toàn giao thông"')
        self.assertEqual(found, [self.exact.title, self.all_pairs.title])
        self.assertNotIn(self.reordered.title, found)
        self.assertEqual(titles('"an toan giao thong"'), found)

    def test_whole_query_phrase_ranks_above_scattered_words(self):
        # All three hold the three words; the title phrase comes first, then the title with
        # the words in another order, then the article holding every pair only in its text.
        expected = [self.exact.title, self.reordered.title, self.all_pairs.title]
        self.assertEqual(titles("toan giao thong"), expected)
        self.assertEqual(titles("toàn giao thông"), expected)

    def test_synonym_spelled_in_several_words_is_a_phrase(self):
        self.assertEqual(titles("KCN"), [self.kcn.title])
        self.assertEqual(titles("khu cong nghiep"), [self.kcn.title])
        # ATGT = an toàn giao thông: the long form must appear as a phrase (all its pairs).
        self.assertEqual(titles("an toan giao thong"), [self.exact.title, self.all_pairs.title])
        self.assertEqual(titles("ATGT"), [self.exact.title, self.all_pairs.title])

    def test_accented_phrase_puts_the_exact_spelling_first(self):
        self.assertEqual(titles("Thụy Điển thắng"), [self.country.title, self.power.title])
        self.assertEqual(titles("thủy điện thắng"), [self.power.title, self.country.title])
        # Without accents recency decides.
        self.assertEqual(titles("thuy dien thang"), [self.power.title, self.country.title])


@override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 1})
class TestPairsInTheBoundedWindow(PairCorpusMixin, TestCase):
    def test_window_of_one_gives_the_exact_order(self):
        self.assertEqual(
            [titles("toan giao thong", limit=1, offset=n) for n in range(3)],
            [[self.exact.title], [self.reordered.title], [self.all_pairs.title]],
        )

    def test_python_scorer_agrees_with_the_index(self):
        """For each article, the whole-text phrase check in Python (``_meets``) gives the
        answer of the index stream."""
        spec = [(("an", "toan", "giao", "thong"),)]
        filters = Filters(now=timezone.now())
        streamed = {
            page_id for page_id, _rank in get_backend().stream(ALL, spec, None, filters, 50)
        }
        self.assertEqual(streamed, {self.exact.pk, self.all_pairs.pk})
        needles = _phrase_specs(spec)
        for entry in SearchEntry.objects.all():
            text = (
                " "
                + " ".join(
                    part for part in (entry.title_key, entry.sapo_key, entry.body_key) if part
                )
                + " "
            )
            with self.subTest(page=entry.page_id):
                self.assertEqual(_meets(text, needles), entry.page_id in streamed)


class TestPairIndexMigration(TransactionTestCase):
    """An existing site: entries indexed before migration 0006 are searchable after it,
    without reindexing the articles."""

    def test_migration_indexes_existing_entries(self):
        home = make_home()
        section = make_section(home, "Thời sự")
        article = make_article(
            section,
            "Đảng viên gương mẫu ở Hà Nội",
            published_at=_ago(1),
            sapo="Chi bộ biểu dương.",
            body=_body("Nhiều đảng viên trẻ."),
        )
        executor = MigrationExecutor(connection)
        executor.migrate([("search", "0005_rank_key")])
        try:
            executor.loader.build_graph()
            executor.migrate([("search", "0006_pair_terms")])
        finally:  # leave the schema as the other tests expect it
            executor = MigrationExecutor(connection)
            executor.migrate(executor.loader.graph.leaf_nodes("search"))
        self.assertEqual(search('"ha noi"').hits[0][0], article.pk)
        self.assertEqual(search("đảng viên gương mẫu").hits[0][0], article.pk)
        article.title = "Chi bộ khu phố"
        article.save_revision().publish()
        self.assertEqual(search('"ha noi"').total, 0)
        self.assertEqual(search("chi bo khu pho").hits[0][0], article.pk)


class TestPlannerSettingsAreRestored(TestCase):
    def test_search_leaves_the_transaction_settings_as_they_were(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL planner settings")
        with connection.cursor() as cursor:
            search("ha noi")
            cursor.execute(
                "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')"
            )
            self.assertEqual(cursor.fetchone(), ("on", "on"))


@override_settings(TOASOAN_SEARCH={"RANK_WINDOW": 2})
class TestRecencyWindowsOnPostgres(TestCase):
    """PostgreSQL asks GIN among the newest articles first (``postgres.WINDOWS``). When the
    main match finds too few there, the ranking streams (subsets of it) skip that window:
    the same results as without windows, with one statement less."""

    @classmethod
    def setUpTestData(cls):
        section = make_section(make_home(), "Thời sự")
        # Three matches, all older than the ten newest articles.
        for days in (30, 31, 32):
            make_article(section, f"Giao thông nông thôn {days}", published_at=_ago(days))
        for days in range(10):
            make_article(section, f"Tin vắn {days}", published_at=_ago(days))

    def _search(self, windows, remember_main=True):
        from toasoan.search.backends import postgres

        postgres._FLOORS.clear()
        streams = postgres.PostgresBackend.streams

        def forgetful(backend, requests, filters):
            backend._main_hits = {}  # as before the skip: every window is tried
            return streams(backend, requests, filters)

        with ExitStack() as stack:
            stack.enter_context(mock.patch.object(postgres, "WINDOWS", windows))
            if not remember_main:
                stack.enter_context(
                    mock.patch.object(postgres.PostgresBackend, "streams", forgetful)
                )
            queries = stack.enter_context(CaptureQueriesContext(connection))
            result = search("giao thong nong thon")
        return [hit for hit, _score in result.hits], result.total, len(queries)

    def test_same_results_and_the_useless_window_is_skipped(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL recency windows")
        hits, total, statements = self._search((5,))
        self.assertEqual((hits, total), self._search(())[:2])
        self.assertEqual(total, 3)
        self.assertEqual(len(hits), 3)
        forgetful_hits, _total, forgetful_statements = self._search((5,), remember_main=False)
        self.assertEqual(forgetful_hits, hits)
        self.assertEqual(statements, forgetful_statements - 1)
