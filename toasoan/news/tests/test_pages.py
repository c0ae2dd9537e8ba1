"""Page tests for every page type and each element of the reference article page."""

import datetime as dt

import time_machine
from django.test import TestCase
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from toasoan.comments.models import Comment
from toasoan.news.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    HomePage,
    SectionPage,
    StandardPage,
)

from .factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
    make_standard_page,
)


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home)

    def test_sections_and_articles_go_where_editors_expect(self):
        self.assertCanCreateAt(HomePage, SectionPage)
        self.assertCanCreateAt(SectionPage, SectionPage)
        self.assertCanCreateAt(SectionPage, ArticlePage)
        self.assertCanCreateAt(HomePage, AnnouncementIndexPage)
        self.assertCanCreateAt(AnnouncementIndexPage, AnnouncementPage)
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_articles_cannot_sit_outside_a_section(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(SectionPage, AnnouncementPage)

    def test_article_is_routable(self):
        article = make_article(self.section)
        self.assertPageIsRoutable(article)


class TestArticlePage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Xây dựng Đảng")
        cls.other_section = make_section(cls.home, title="Kinh tế")
        cls.older = [make_article(cls.section, title=f"Tin cũ số {i}") for i in range(3)]
        cls.article = make_article(
            cls.section,
            title="Hội nghị BCH Đảng bộ các Khu Chế Xuất & Khu Công nghiệp TP",
            sapo="Đánh giá hoạt động 6 tháng đầu năm.",
            body=[
                ("paragraph", "<p>Đoạn một.</p>"),
                ("heading", {"text": "Nhiệm vụ 6 tháng cuối năm", "level": "h2"}),
                ("quote", {"text": "Trích dẫn <b>không</b> phải HTML", "attribution": "Bí thư"}),
                ("paragraph", "<p>Đoạn hai.</p>"),
            ],
            author_name="Huyền Thanh",
            source_name="PBN",
            published_at=timezone.now() - dt.timedelta(minutes=1),
        )
        cls.elsewhere = make_article(cls.other_section, title="Tin chuyên mục khác")
        cls.draft = make_article(cls.section, title="Bản nháp chưa đăng", live=False)
        index = make_announcement_index(cls.home)
        cls.announcement = make_announcement(index, title="Lịch tiếp công dân", pinned=True)
        Comment.objects.create(page=cls.article, name="A", body="Hay", status="approved")
        Comment.objects.create(page=cls.article, name="B", body="Chờ", status="pending")

    def get(self):
        return self.client.get(self.article.url)

    def test_title_sapo_body_and_byline(self):
        response = self.get()
        self.assertContains(response, "<h1", count=1)
        self.assertContains(response, "Khu Chế Xuất &amp; Khu Công nghiệp TP")
        self.assertContains(response, "Đánh giá hoạt động 6 tháng đầu năm.")
        self.assertContains(response, "Nhiệm vụ 6 tháng cuối năm</h2>")
        self.assertContains(response, "Trích dẫn &lt;b&gt;không&lt;/b&gt; phải HTML")
        self.assertContains(response, '<p class="article__byline">Huyền Thanh - PBN</p>', html=True)

    def test_paragraphs_render_with_page_links_expanded(self):
        article = make_article(
            self.other_section,
            body=[
                ("paragraph", "<p>Đoạn <b>một</b>.</p>"),
                ("paragraph", f'<p>Xem <a linktype="page" id="{self.elsewhere.pk}">bài</a>.</p>'),
            ],
        )
        response = self.client.get(article.url)
        self.assertContains(response, "<p>Đoạn <b>một</b>.</p>", html=True)
        self.assertContains(
            response, f'<p>Xem <a href="{self.elsewhere.url}">bài</a>.</p>', html=True
        )
        self.assertNotContains(response, "linktype")

    def test_tags_show_in_the_order_they_were_added(self):
        article = make_article(self.other_section)
        article.tags.add("Kinh tế")
        article.tags.add("<b>KCN</b>")
        article.tags.add("An Giang")
        article.save_revision().publish()
        response = self.client.get(article.url)
        self.assertContains(
            response,
            '<p class="article__tags"><span>Từ khóa:</span> <span class="tag">Kinh tế</span>'
            '<span class="tag">&lt;b&gt;KCN&lt;/b&gt;</span><span class="tag">An Giang</span></p>',
            html=True,
        )
        # Read with the article in the route's query; other callers read the tags.
        page = ArticlePage.objects.get(pk=article.pk)
        self.assertEqual(page.tag_names, ["Kinh tế", "<b>KCN</b>", "An Giang"])
        self.assertNotContains(self.get(), 'class="article__tags"')

    def test_other_news_dates_in_vietnam_time(self):
        when = dt.datetime(2020, 7, 3, 18, 30, tzinfo=dt.UTC)  # 4 July 01:30 in Vietnam
        make_article(self.section, title="Tin lúc nửa đêm", published_at=when)
        response = self.get()
        self.assertContains(
            response,
            '<time class="link-list__date" datetime="2020-07-04T01:30:00+0700">(04/07/2020)</time>',
            html=True,
        )

    def test_byline_with_only_one_part(self):
        self.assertEqual(ArticlePage(author_name="Huyền Thanh").byline, "Huyền Thanh")
        self.assertEqual(ArticlePage(source_name="PBN").byline, "PBN")
        self.assertEqual(ArticlePage().byline, "")

    @time_machine.travel(dt.datetime(2020, 7, 3, 18, 0, tzinfo=dt.UTC), tick=False)
    def test_header_shows_today_in_vietnam(self):
        # 18:00 UTC on Friday is already Saturday 01:00 in Asia/Ho_Chi_Minh. (The article
        # itself is dated in the future at that moment, so look at its section's header.)
        response = self.client.get(self.section.url)
        self.assertContains(response, "Thứ Bảy, ngày 4 tháng 7 năm 2020")
        self.assertContains(response, 'datetime="2020-07-04"')

    def test_comment_area_counts_only_approved_comments(self):
        response = self.get()
        self.assertContains(response, "Ý kiến bạn đọc")
        self.assertContains(response, "Tổng lượt bình luận:")
        self.assertContains(response, "<strong data-comment-total>1</strong>", html=True)

    def test_other_news_lists_same_section_without_current_article(self):
        response = self.get()
        other = response.context["other_news"]
        self.assertContains(response, "Tin khác")
        self.assertEqual({a.pk for a in other}, {a.pk for a in self.older})
        self.assertNotIn(self.article.pk, [a.pk for a in other])
        self.assertNotIn(self.elsewhere.pk, [a.pk for a in other])
        self.assertNotIn(self.draft.pk, [a.pk for a in other])
        dates = [a.published_at for a in other]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_announcements_block(self):
        response = self.get()
        self.assertContains(response, "Thông báo")
        self.assertContains(response, "Lịch tiếp công dân")

    def test_draft_is_not_served(self):
        self.assertEqual(self.client.get(f"{self.section.url}{self.draft.slug}/").status_code, 404)


class TestVisibility(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home)
        cls.visible = make_article(cls.section, title="Đang hiện")
        cls.future = make_article(
            cls.section,
            title="Đặt ngày tương lai",
            published_at=timezone.now() + dt.timedelta(days=2),
        )
        cls.expired = make_article(cls.section, title="Đã hết hạn")
        ArticlePage.objects.filter(pk=cls.expired.pk).update(
            expire_at=timezone.now() - dt.timedelta(minutes=5)
        )
        cls.unpublished = make_article(cls.section, title="Đã gỡ")
        cls.unpublished.unpublish()

    def test_section_lists_only_visible_articles(self):
        response = self.client.get(self.section.url)
        titles = [a.title for a in response.context["articles_page"]]
        self.assertEqual(titles, ["Đang hiện"])

    def test_hidden_articles_are_404(self):
        for article in (self.future, self.expired, self.unpublished):
            with self.subTest(article=article.title):
                url = f"{self.section.url}{article.slug}/"
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_home_shows_only_visible_articles(self):
        response = self.client.get(self.home.url)
        self.assertContains(response, "Đang hiện")
        for hidden in ("Đặt ngày tương lai", "Đã hết hạn", "Đã gỡ"):
            self.assertNotContains(response, hidden)


class TestSectionPage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Thời sự")
        cls.sub = make_section(cls.section, title="Khu công nghiệp")
        now = timezone.now()
        cls.articles = [
            make_article(cls.section, published_at=now - dt.timedelta(hours=i)) for i in range(20)
        ]
        cls.sub_article = make_article(
            cls.sub, title="Tin chuyên mục con", published_at=now - dt.timedelta(minutes=30)
        )

    def test_newest_first_with_sub_sections_included(self):
        page = self.client.get(self.section.url).context["articles_page"]
        self.assertEqual(page[0].pk, self.articles[0].pk)
        self.assertEqual(page[1].pk, self.sub_article.pk)
        self.assertEqual(page.paginator.count, 21)

    def test_bad_page_numbers_never_fail(self):
        for value, expected in (("abc", 1), ("0", 2), ("-3", 2), ("999", 2), ("2", 2), ("", 1)):
            with self.subTest(page=value):
                response = self.client.get(self.section.url, {"page": value})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["articles_page"].number, expected)

    def test_pagination_links(self):
        response = self.client.get(self.section.url)
        self.assertContains(response, 'rel="next" href="?page=2"')
        self.assertContains(response, "Trang 1/2")


class TestHomeAndOtherPages(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.section = make_section(cls.home, title="Đầu tư")
        cls.featured = make_article(cls.section, title="Tin tiêu điểm", is_featured=True)
        cls.latest = make_article(cls.section, title="Tin mới nhất")
        index = make_announcement_index(cls.home)
        cls.announcements = [make_announcement(index, title=f"Thông báo {i}") for i in range(2)]
        cls.pinned = make_announcement(index, title="Thông báo ghim", pinned=True)
        cls.hidden = make_announcement(
            index,
            title="Thông báo hết hạn hiển thị",
            display_until=timezone.now() - dt.timedelta(days=1),
        )
        cls.about = make_standard_page(cls.home, title="Giới thiệu", body="<p>Về chúng tôi</p>")

    def test_home_has_featured_latest_section_blocks_and_announcements(self):
        response = self.client.get(self.home.url)
        context = response.context
        self.assertEqual([a.pk for a in context["featured"]], [self.featured.pk])
        self.assertIn(self.latest.pk, [a.pk for a in context["latest"]])
        self.assertEqual(context["section_blocks"][0][0].pk, self.section.pk)
        self.assertContains(response, "Thông báo ghim")

    def test_pinned_announcement_first_and_expired_hidden(self):
        response = self.client.get(self.home.url)
        titles = [a.title for a in response.context["announcements"]]
        self.assertEqual(titles[0], "Thông báo ghim")
        self.assertNotIn("Thông báo hết hạn hiển thị", titles)

    def test_announcement_pages(self):
        self.assertContains(self.client.get(self.pinned.url), "Thông báo ghim")
        index_response = self.client.get(self.pinned.get_parent().url)
        self.assertContains(index_response, "Thông báo ghim")
        self.assertNotContains(index_response, "Thông báo hết hạn hiển thị")

    def test_expired_announcement_is_404(self):
        AnnouncementPage.objects.filter(pk=self.announcements[0].pk).update(
            expire_at=timezone.now() - dt.timedelta(minutes=1)
        )
        self.assertEqual(self.client.get(self.announcements[0].url).status_code, 404)

    def test_standard_page(self):
        self.assertContains(self.client.get(self.about.url), "Về chúng tôi")

    def test_404_is_vietnamese(self):
        response = self.client.get("/khong-ton-tai/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)
