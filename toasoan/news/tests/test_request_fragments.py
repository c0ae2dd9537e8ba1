"""The per-request lookups kept as fragments (news/middleware.py: the site, its home page and
root paths; queries.other_news: "Tin khác" per section) are exact: every change shows on the
next request, clock boundaries pass without an edit, and nothing differs between readers."""

import datetime as dt
from unittest import mock

import time_machine
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Site

from toasoan.comments.models import Comment
from toasoan.news import article_route
from toasoan.news.article_route import article_at

from .factories import make_article, make_home, make_section
from .test_render_cache import FragmentCacheOn


def other_news_titles(response):
    return [a.title for a in response.context["other_news"]]


class TestSiteLookupFragment(FragmentCacheOn, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home(title="Cổng thông tin thử")
        cls.section = make_section(cls.home, title="Thời sự")
        cls.article = make_article(cls.section, title="Bài đang đọc")

    def test_warm_requests_need_no_site_or_home_page_query(self):
        # Twice: the first request may create rows (the site identity), a new generation.
        self.queries(self.article.url)
        self.queries(self.article.url)
        _, warm = self.queries(self.article.url)
        # The article, with its comment count and its tag names; "Tin khác" is cached too.
        self.assertEqual(warm, 1)

    def test_home_page_edit_shows_at_once(self):
        self.queries("/")
        self.home.title = "Trang chủ đã sửa"
        self.home.save_revision().publish()
        response, _ = self.queries("/")
        self.assertContains(response, "Trang chủ đã sửa")

    def test_site_change_applies_at_once(self):
        response, _ = self.queries(self.article.url)
        self.assertContains(response, 'data-url="http://localhost/')
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "tin.example.vn", 443
        site.save()
        # The site root paths (absolute URLs) come from the new row on the next request.
        response, _ = self.queries(self.article.url)
        self.assertContains(response, 'data-url="https://tin.example.vn/')


class TestOtherNewsFragment(FragmentCacheOn, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Kinh tế")
        cls.elsewhere = make_section(cls.home, title="Xã hội")
        cls.article = make_article(cls.section, title="Bài đang đọc")
        cls.neighbour = make_article(cls.section, title="Bài hàng xóm")
        make_article(cls.elsewhere, title="Bài chuyên mục khác")

    def test_lists_the_section_without_the_article_itself(self):
        response, _ = self.queries(self.article.url)
        self.assertEqual(other_news_titles(response), ["Bài hàng xóm"])
        # The same cached entry serves the neighbour, without the neighbour.
        response, _ = self.queries(self.neighbour.url)
        self.assertEqual(other_news_titles(response), ["Bài đang đọc"])

    def test_publish_edit_unpublish_show_on_the_next_request(self):
        self.queries(self.article.url)
        fresh = make_article(self.section, title="Bài mới đăng")
        response, _ = self.queries(self.article.url)
        self.assertIn("Bài mới đăng", other_news_titles(response))
        fresh.title = "Bài mới đăng đã sửa"
        fresh.save_revision().publish()
        response, _ = self.queries(self.article.url)
        self.assertIn("Bài mới đăng đã sửa", other_news_titles(response))
        self.assertContains(response, "Bài mới đăng đã sửa")
        fresh.unpublish()
        response, _ = self.queries(self.article.url)
        self.assertNotIn("Bài mới đăng đã sửa", other_news_titles(response))

    def test_links_are_stored_with_the_list_and_follow_a_renamed_page(self):
        response, _ = self.queries(self.article.url)
        (item,) = response.context["other_news"]
        self.assertEqual(item.link_url, self.neighbour.url)
        self.assertContains(response, f'<a href="{self.neighbour.url}">Bài hàng xóm</a>')
        self.neighbour.slug = "bai-hang-xom-doi-ten"
        self.neighbour.save_revision().publish()
        response, _ = self.queries(self.article.url)
        self.assertContains(response, '/bai-hang-xom-doi-ten/">Bài hàng xóm</a>')

    def test_future_article_appears_when_due_and_expired_one_leaves(self):
        now = timezone.now()
        make_article(self.section, title="Bài hẹn giờ", published_at=now + dt.timedelta(hours=2))
        make_article(self.section, title="Bài sắp hết hạn", expire_at=now + dt.timedelta(hours=1))
        response, _ = self.queries(self.article.url)
        self.assertNotIn("Bài hẹn giờ", other_news_titles(response))
        self.assertIn("Bài sắp hết hạn", other_news_titles(response))
        with time_machine.travel(now + dt.timedelta(hours=3), tick=False):
            response, _ = self.queries(self.article.url)
            self.assertIn("Bài hẹn giờ", other_news_titles(response))
            self.assertNotIn("Bài sắp hết hạn", other_news_titles(response))

    def test_staff_and_readers_get_the_same_lists(self):
        anonymous, _ = self.queries(self.article.url)
        staff = get_user_model().objects.create_superuser("bientap", "b@example.vn", "x" * 12)
        self.client.force_login(staff)
        logged_in, _ = self.queries(self.article.url)
        self.assertEqual(other_news_titles(logged_in), other_news_titles(anonymous))
        self.client.logout()
        again, _ = self.queries(self.article.url)
        self.assertEqual(other_news_titles(again), other_news_titles(anonymous))
        # Nothing of the staff request (no admin user bar) reached the reader's page.
        self.assertNotContains(again, "wagtail-userbar")

    def test_comment_count_comes_with_the_article(self):
        for status in ("approved", "approved", "pending", "rejected"):
            Comment.objects.create(page=self.article, name="Bạn đọc", body="Ý kiến", status=status)
        Comment.objects.create(
            page=self.neighbour, name="Bạn đọc", body="Ý kiến", status="approved"
        )
        response, _ = self.queries(self.article.url)
        self.assertEqual(response.context["page"].approved_comment_count, 2)
        self.assertContains(response, "<strong data-comment-total>2</strong>")

    def test_comment_approval_changes_the_count_at_once(self):
        comment = Comment.objects.create(
            page=self.article, name="Bạn đọc", body="Ý kiến", status="pending"
        )
        response, _ = self.queries(self.article.url)
        self.assertEqual(response.context["page"].pk, self.article.pk)
        self.assertNotContains(response, "<strong data-comment-total>1</strong>")
        comment.status = "approved"
        comment.save()
        response, _ = self.queries(self.article.url)
        self.assertContains(response, "<strong data-comment-total>1</strong>")


class TestSiteLookupFailure(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = make_home()
        cls.article = make_article(make_section(home))

    def test_a_failed_lookup_leaves_the_site_to_wagtail(self):
        # A database error in the middleware must not become a 500 before the view runs:
        # Wagtail's own lookup then decides (the 503 page when the database is really down).
        with (
            mock.patch(
                "toasoan.news.middleware.get_site_for_hostname",
                side_effect=OperationalError("connection refused"),
            ),
            self.assertLogs("toasoan.news.middleware", "WARNING"),
        ):
            response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].pk, self.article.pk)


class TestCompiledArticleRoute(TestCase):
    """article_route.article_at runs SQL compiled once with stand-ins: it must find exactly
    what the queryset finds, for every value, and fall back to the queryset if compiling goes
    wrong."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Pháp luật")
        cls.first = make_article(cls.section, slug="cung-ten")
        cls.other_section = make_section(cls.home, title="Văn hóa")
        cls.second = make_article(cls.other_section, slug="cung-ten")
        cls.draft = make_article(cls.section, live=False)
        Comment.objects.create(page=cls.first, name="A", body="Ý kiến", status="approved")

    def components(self, page):
        return [c for c in page.url_path[len(self.home.url_path) :].split("/") if c]

    def test_same_answers_compiled_and_not(self):
        cases = [self.first, self.second, self.draft]
        self.assertIsNotNone(article_route._compiled_article_route())  # the stand-ins were found
        compiled = [article_at(self.home, self.components(p)) for p in cases]
        with mock.patch.dict(article_route._article_route_sql, {connection.vendor: None}):
            built = [article_at(self.home, self.components(p)) for p in cases]
        self.assertEqual([p.pk for p in compiled], [p.pk for p in cases])
        self.assertEqual([p.pk for p in built], [p.pk for p in cases])
        self.assertEqual([p.approved_comment_count for p in compiled], [1, 0, 0])
        self.assertEqual([p.approved_comment_count for p in built], [1, 0, 0])
        self.assertEqual(list(compiled[0].body.raw_data), list(self.first.body.raw_data))
        self.assertFalse(compiled[2].live)

    def test_unknown_paths_and_wrong_sections_find_nothing(self):
        for components in (
            ["khong-co", "bai"],
            [self.components(self.first)[0], "khong-co"],
            # A real slug under a section it does not belong to.
            [self.components(self.other_section)[0], "%", "cung-ten"],
        ):
            with self.subTest(components=components):
                self.assertIsNone(article_at(self.home, components))
