"""The search page's cost does not grow with content: a fixed number of SQL queries, the
vocabulary asked once per request, and no planner-settings round trip it does not need."""

from unittest import mock

from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from toasoan.news import fragments
from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.search import engine
from toasoan.search.engine import search

URL = "/tim-kiem/?q=kinh+t%E1%BA%BF"
# Inside the test transaction (fragments computed every time, planner settings restored).
MAX_QUERIES = 24


class TestSearchPageQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.sections = [make_section(cls.home, title=f"Chuyên mục {i}") for i in range(3)]
        make_article(cls.sections[0], title="Kinh tế tăng trưởng")

    def count(self):
        self.client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        return response, [q["sql"] for q in queries]

    def test_count_does_not_grow_with_content(self):
        _response, before = self.count()
        for i in range(30):
            make_article(self.sections[i % 3], title=f"Kinh tế vùng {i}", sapo="Kinh tế biển.")
        response, after = self.count()
        self.assertContains(response, "Tìm thấy 31 bài viết")
        self.assertEqual(len(after), len(before), "\n".join(after))
        self.assertLessEqual(len(after), MAX_QUERIES)

    def test_each_word_s_count_is_asked_once(self):
        _response, queries = self.count()
        asked = [sql for sql in queries if "search_searchterm" in sql]
        terms = [sql.split(" IN (")[1] for sql in asked]
        words = [word.strip(" ')") for group in terms for word in group.split(",")]
        self.assertEqual(len(words), len(set(words)), asked)


class TestTermCountsMemo(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_article(make_section(make_home(), "Thời sự"), title="Kinh tế tăng trưởng")

    def test_the_same_answers_with_and_without_the_memo(self):
        words = ["kinh", "te", "tế", "khong-co-tu-nay"]
        plain = engine._term_counts(words)
        self.assertEqual(set(plain), {"kinh", "te", "tế"})
        # As during a request: news.fragments.request_memo() gives the request's dict.
        with mock.patch.object(fragments, "request_memo", return_value={}):
            first = engine._term_counts(words)
            with CaptureQueriesContext(connection) as queries:
                again = engine._term_counts(["tế", "khong-co-tu-nay", "kinh"])
            self.assertEqual(len(queries), 0)
        self.assertEqual(first, plain)
        self.assertEqual(again, {"tế": plain["tế"], "kinh": plain["kinh"]})


class TestPlannerSettingsOutsideATransaction(TransactionTestCase):
    def test_settings_end_with_the_search_s_own_transaction(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL planner settings")
        make_article(make_section(make_home(), "Thời sự"), title="Hà Nội mùa thu")
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(len(search("ha noi").hits), 1)
        self.assertEqual(sum("set_config" in q["sql"] for q in queries), 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')"
            )
            self.assertEqual(cursor.fetchone(), ("on", "on"))
