"""The read path of reader pages: the generation-keyed fragment cache (news/fragments.py) is
exact, the article fast route finds what Wagtail's walk finds, and the home blocks pick the
newest articles of every section and sub-section."""

import datetime as dt
from types import SimpleNamespace
from unittest import mock

import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from toasoan.news import fragments
from toasoan.news.queries import home_blocks, visible_count

from .factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
    make_standard_page,
)


class FragmentCacheOn:
    """Run the fragment cache as a reader request outside a transaction does.

    TestCase wraps every test in a transaction, where the cache (rightly) steps aside.
    """

    def setUp(self):
        super().setUp()
        caches["pagecache"].clear()
        caches["default"].clear()
        patcher = mock.patch.object(fragments, "connection", SimpleNamespace(in_atomic_block=False))
        patcher.start()
        self.addCleanup(patcher.stop)

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response, len(captured)


class TestFragmentCache(FragmentCacheOn, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thời sự")
        cls.sub = make_section(cls.section, title="Đô thị")
        cls.article = make_article(cls.section, title="Bài đang đọc")
        cls.other = make_article(cls.sub, title="Bài cùng chuyên mục con")
        cls.index = make_announcement_index(cls.home)
        cls.notice = make_announcement(cls.index, title="Thông báo lịch tiếp dân")

    def test_second_request_reads_less_and_renders_the_same(self):
        for url in (self.article.url, self.section.url, self.home.url):
            with self.subTest(url=url):
                caches["pagecache"].clear()
                first, cold = self.queries(url)
                second, warm = self.queries(url)
                self.assertLess(warm, cold)
                self.assertContains(second, "Thông báo lịch tiếp dân")
                self.assertEqual(
                    first.content.count(b"<article"), second.content.count(b"<article")
                )

    def test_a_new_release_never_reads_what_the_previous_one_stored(self):
        # Old code pickled objects without the attributes new templates read.
        self.queries(self.article.url)
        stored = []
        with mock.patch("toasoan.ops.release.release_id", return_value="next-release"):
            real_compute = fragments.cached

            def spy(name, compute, site_wide=True):
                def counted():
                    stored.append(name)
                    return compute()

                return real_compute(name, counted, site_wide)

            with mock.patch.object(fragments, "cached", spy):
                response, _ = self.queries(self.article.url)
        self.assertIn("sections", stored)
        self.assertContains(response, "Bài đang đọc")

    def test_an_edit_shows_on_the_next_request(self):
        self.queries(self.section.url)
        self.queries(self.article.url)
        make_article(self.sub, title="Bài mới đăng")
        self.notice.title = "Thông báo đã sửa"
        self.notice.save_revision().publish()
        response, _ = self.queries(self.section.url)
        self.assertContains(response, "Bài mới đăng")
        self.assertEqual(response.context["articles_page"].paginator.count, 3)
        self.assertContains(response, "Thông báo đã sửa")
        response, _ = self.queries(self.article.url)
        self.assertContains(response, "Thông báo đã sửa")

    def test_rendered_chrome_follows_an_identity_edit_and_each_page_template(self):
        from toasoan.news.templatetags import news_tags
        from toasoan.sitesettings.models import SiteIdentity

        news_tags._rendered.clear()
        self.queries(self.article.url)
        self.assertTrue(any(key[0] == "footer" for key in news_tags._rendered))
        identity = SiteIdentity.for_site(self.home.get_site())
        identity.address = "Số 1 đường Thử, Biên Hòa"
        identity.save()
        for url in (self.article.url, self.section.url, "/tim-kiem/?q=thu"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Số 1 đường Thử, Biên Hòa", count=1)
                self.assertContains(response, '<footer class="site-footer">', count=1)

    def test_switching_comments_off_on_a_section_applies_at_once(self):
        response, _ = self.queries(self.other.url)
        self.assertContains(response, 'name="body"')
        self.sub.comments_enabled = False
        self.sub.save_revision().publish()
        response, _ = self.queries(self.other.url)
        self.assertNotContains(response, 'name="body"')

    def test_new_sub_section_and_menu_change_show(self):
        self.queries(self.home.url)
        make_section(self.home, title="Chuyên mục mới")
        response, _ = self.queries(self.home.url)
        self.assertContains(response, "Chuyên mục mới")

    def test_clock_boundaries_without_any_edit(self):
        now = timezone.now()
        ending = make_announcement(
            self.index, title="Thông báo sắp hết", display_until=now + dt.timedelta(hours=1)
        )
        future = make_article(
            self.section, title="Bài hẹn giờ", published_at=now + dt.timedelta(hours=2)
        )
        response, _ = self.queries(self.section.url)
        self.assertContains(response, "Thông báo sắp hết")
        self.assertNotContains(response, "Bài hẹn giờ")
        self.assertEqual(visible_count([self.section.pk, self.sub.pk]), 2)
        with time_machine.travel(now + dt.timedelta(hours=3), tick=False):
            response, _ = self.queries(self.section.url)
            self.assertNotContains(response, ending.title)
            self.assertContains(response, future.title)
            self.assertEqual(response.context["articles_page"].paginator.count, 3)

    def test_adding_a_view_restriction_applies_at_once(self):
        self.queries(self.article.url)
        PageViewRestriction.objects.create(page=self.section, restriction_type="login")
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("next=", response["Location"])

    def test_inside_a_transaction_nothing_is_cached(self):
        with mock.patch.object(fragments, "connection", SimpleNamespace(in_atomic_block=True)):
            calls = []
            for _ in range(2):
                fragments.cached("probe", lambda: (calls.append(1) or len(calls), None))
        self.assertEqual(len(calls), 2)


class TestFastRoute(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.a = make_section(cls.home, title="Kinh tế")
        cls.b = make_section(cls.home, title="Xã hội")
        cls.sub = make_section(cls.a, title="Doanh nghiệp")
        cls.in_a = make_article(cls.a, slug="cung-ten")
        cls.in_b = make_article(cls.b, slug="cung-ten")
        cls.deep = make_article(cls.sub)
        cls.about = make_standard_page(cls.home, title="Giới thiệu")

    def test_same_slug_in_two_sections(self):
        self.assertEqual(self.client.get(self.in_a.url).context["page"].pk, self.in_a.pk)
        self.assertEqual(self.client.get(self.in_b.url).context["page"].pk, self.in_b.pk)

    def test_every_page_kind_routes(self):
        for page in (self.home, self.a, self.sub, self.deep, self.about):
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].pk, page.pk)

    def test_unpublished_and_unknown_are_404(self):
        url = self.deep.url
        self.deep.unpublish()
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(self.a.url + "khong-co/").status_code, 404)
        self.assertEqual(self.client.get(self.a.url + "khong-co/nua/").status_code, 404)

    def test_moved_article_is_served_at_its_new_address_only(self):
        old = self.in_a.url
        self.in_a.move(self.sub, pos="last-child")
        self.in_a.refresh_from_db()
        self.assertNotEqual(self.in_a.url, old)
        self.assertEqual(self.client.get(self.in_a.url).status_code, 200)
        # Wagtail leaves a permanent redirect behind; the fast route must not serve it.
        response = self.client.get(old)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith(self.in_a.url))


class TestHomeBlocks(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thế giới")
        cls.sub = make_section(cls.section, title="Châu Á")
        cls.quiet = make_section(cls.home, title="Chuyên mục vắng")
        cls.hidden = make_section(cls.home, title="Không lên trang chủ", show_on_home=False)
        now = timezone.now()
        cls.items = [
            make_article(
                cls.sub if i % 2 else cls.section, published_at=now - dt.timedelta(hours=i)
            )
            for i in range(7)
        ]
        make_article(cls.hidden)
        cls.future = make_article(cls.section, published_at=now + dt.timedelta(hours=1))
        cls.options = {"HOME_LATEST_COUNT": 5, "HOME_SECTION_COUNT": 4}

    def test_blocks_merge_sub_sections_newest_first(self):
        blocks = dict(home_blocks(self.home, self.options)["section_blocks"])
        self.assertEqual(
            [s.pk for s in blocks], [self.section.pk]
        )  # empty and show_on_home=False blocks are left out
        self.assertEqual([a.pk for a in blocks[self.section]], [a.pk for a in self.items[:4]])

    def test_without_featured_the_newest_leads_and_is_not_repeated(self):
        data = home_blocks(self.home, self.options)
        self.assertEqual(len(data["featured"]), 1)
        lead = data["featured"][0]
        self.assertNotIn(lead.pk, [a.pk for a in data["latest"]])
        self.assertEqual(len(data["latest"]), 5)
        self.assertNotIn(self.future.pk, [a.pk for a in data["latest"]] + [lead.pk])

    def test_featured_ones_lead(self):
        star = make_article(
            self.quiet, is_featured=True, published_at=timezone.now() - dt.timedelta(days=3)
        )
        data = home_blocks(self.home, self.options)
        self.assertEqual([a.pk for a in data["featured"]], [star.pk])
        self.assertEqual(data["latest"][0].pk, self.items[0].pk)
