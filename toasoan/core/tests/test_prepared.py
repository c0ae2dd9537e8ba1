"""The article route as a PostgreSQL prepared statement (``toasoan/core/prepared.py``): the
same article, comment count and tags as the plain query; prepared once per connection; a
statement the session lost is prepared again; never inside a transaction or when switched
off. On SQLite the route runs as plain SQL (every page test covers that)."""

from django.db import connection
from django.test import Client, TransactionTestCase, override_settings

from toasoan.comments.models import Comment
from toasoan.core import prepared
from toasoan.news import article_route
from toasoan.news.tests.factories import make_article, make_home, make_section


def _statements():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM pg_prepared_statements WHERE name LIKE 'toasoan\\_%%' ORDER BY name"
        )
        return [name for (name,) in cursor.fetchall()]


class PreparedRouteTests(TransactionTestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL prepared statements")
        self.home = make_home()
        section = make_section(self.home, "Kinh tế", slug="kinh-te")
        self.article = make_article(section, "Giá lúa tăng", slug="gia-lua-tang")
        self.article.tags.add("nông nghiệp", "Đồng Tháp")
        self.article.save()
        for status in (Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING):
            Comment.objects.create(page=self.article, name="Bạn đọc", body="Hay.", status=status)
        self.addCleanup(self._deallocate)

    def _deallocate(self):
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")
        prepared._prepared.clear()

    def _route(self):
        return article_route.article_at(self.home, ["kinh-te", "gia-lua-tang"])

    def test_same_article_count_and_tags_as_the_plain_query(self):
        with override_settings(TOASOAN_DB_PREPARED_STATEMENTS=False):
            plain = self._route()
        self.assertEqual(_statements(), [])
        page = self._route()
        self.assertEqual(len(_statements()), 1)
        for found in (plain, page):
            self.assertEqual(found.pk, self.article.pk)
            self.assertEqual(found.title, "Giá lúa tăng")
            self.assertEqual(found.approved_comment_count, 2)
            self.assertEqual(sorted(found.tag_names), ["nông nghiệp", "Đồng Tháp"])
            self.assertEqual(
                [block["value"] for block in found.body.raw_data],
                ["<p>Đoạn văn thứ nhất của bài.</p>"],
            )
        self.assertIsNone(article_route.article_at(self.home, ["kinh-te", "khong-co-bai-nay"]))

    def test_prepared_once_per_connection(self):
        self._route()
        self._route()
        self.assertEqual(len(_statements()), 1)
        connection.close()  # a new connection (CONN_MAX_AGE, health check) prepares it again
        self.assertEqual(self._route().pk, self.article.pk)
        self.assertEqual(len(_statements()), 1)

    def test_a_statement_the_session_lost_is_prepared_again(self):
        self._route()
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")  # what a pooler's DISCARD ALL does
        self.assertEqual(self._route().pk, self.article.pk)
        self.assertEqual(len(_statements()), 1)

    def test_a_statement_the_process_forgot_is_reused(self):
        self._route()
        prepared._prepared.clear()  # still in the session, no longer in the bookkeeping
        self.assertEqual(self._route().pk, self.article.pk)

    def test_plain_query_inside_a_transaction(self):
        from django.db import transaction

        with transaction.atomic():
            self.assertEqual(self._route().pk, self.article.pk)
        self.assertEqual(_statements(), [])

    def test_switched_off(self):
        with override_settings(TOASOAN_DB_PREPARED_STATEMENTS=False):
            self.assertEqual(self._route().pk, self.article.pk)
        self.assertEqual(_statements(), [])

    def test_the_article_page_is_served_through_it(self):
        response = Client().get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Giá lúa tăng")
        self.assertContains(response, "Đồng Tháp")
        self.assertEqual(len(_statements()), 1)
