"""The Wagtail admin screens editors and moderators use render in Vietnamese (docs/i18n.md)."""

import json
import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.users.models import UserProfile

from toasoan.news.tests.factories import make_article, make_home, make_section


class _VisibleText(HTMLParser):
    """Text nodes plus the attributes screen readers and tooltips show."""

    ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


class TestAdminScreensInVietnamese(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser(
            "bientap", "bientap@example.com", "mat-khau-thu-nghiem"
        )
        home = make_home()
        cls.section = make_section(home, title="Thời sự")
        cls.article = make_article(cls.section, title="Bài viết kiểm tra giao diện")

    def setUp(self):
        self.client.force_login(self.user)

    def get_text(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        page = response.content.decode()
        self.assertRegex(page, r'<html[^>]* lang="vi"')
        parser = _VisibleText()
        parser.feed(page)
        return " ".join(" ".join(parser.parts).split())

    def assert_vietnamese(self, url, present, absent):
        text = self.get_text(url)
        for phrase in present:
            self.assertIn(phrase, text, url)
        for phrase in absent:
            self.assertNotRegex(text, rf"\b{re.escape(phrase)}\b", url)

    def test_dashboard(self):
        self.assert_vietnamese(
            "/quan-tri/",
            present=["Bảng điều khiển", "Tổng quan trang web", "Tài khoản", "Phím tắt"],
            absent=["Dashboard", "Site summary", "Keyboard shortcuts", "Skip to main content"],
        )

    def test_article_editor(self):
        self.assert_vietnamese(
            f"/quan-tri/pages/{self.article.pk}/edit/",
            present=[
                "Nội dung",
                "Quảng bá",
                "Lưu nháp",
                "Xuất bản",
                "Hủy xuất bản",
                "Đặt lịch xuất bản",
                "Lịch sử",
                "Xem trước",
                "Danh sách thẻ, phân cách bằng dấu phẩy.",
            ],
            absent=[
                "Save draft",
                "Promote",
                "Unpublish",
                "Set publishing schedule",
                "History",
                "A comma-separated list of tags",
                "Page visibility",
            ],
        )

    def test_page_explorer_and_history(self):
        self.assert_vietnamese(
            f"/quan-tri/pages/{self.section.pk}/",
            present=[
                "Đang duyệt: Thời sự",
                "Bài viết kiểm tra giao diện",
                "Sắp xếp thứ tự menu",
                "Thao tác hàng loạt",
                "Lọc theo",
            ],
            # Not "Actions": Wagtail hard-codes that aria-label (shared/headers/_actions.html).
            absent=["Exploring", "Sort menu order", "Bulk actions", "Filter by", "Show filters"],
        )
        self.assert_vietnamese(
            f"/quan-tri/pages/{self.article.pk}/history/",
            present=["Lịch sử", "Đã xuất bản"],
            absent=["History", "Published"],
        )

    def test_image_library(self):
        self.assert_vietnamese(
            "/quan-tri/images/",
            present=["Thêm ảnh", "Sắp xếp theo", "Mới nhất", "Bạn chưa tải lên ảnh nào."],
            absent=["Add an image", "Sort by", "Newest", "You haven't uploaded any images"],
        )

    def test_document_library(self):
        self.assert_vietnamese(
            "/quan-tri/documents/",
            present=["Tài liệu", "Thêm tài liệu", "Bạn chưa tải lên tài liệu nào."],
            absent=["Add a document", "You haven't uploaded any documents", "Documents"],
        )

    def test_login_screen(self):
        self.client.logout()
        self.assert_vietnamese(
            "/quan-tri/login/",
            present=["Đăng nhập hệ thống quản trị", "Quên mật khẩu?", "Ghi nhớ đăng nhập"],
            absent=["Sign in", "Forgotten password", "Remember me"],
        )

    def test_other_editor_and_moderator_screens_show_no_common_english_labels(self):
        article, section = self.article.pk, self.section.pk
        screens = [
            "/quan-tri/reports/aging-pages/",
            "/quan-tri/reports/locked/",
            "/quan-tri/reports/site-history/",
            "/quan-tri/reports/workflow/",
            "/quan-tri/workflows/list/",
            "/quan-tri/snippets/",
            "/quan-tri/users/",
            "/quan-tri/groups/",
            "/quan-tri/account/",
            "/quan-tri/collections/",
            "/quan-tri/redirects/",
            "/quan-tri/pages/search/?q=kiểm",
            "/quan-tri/images/multiple/add/",
            "/quan-tri/documents/multiple/add/",
            f"/quan-tri/pages/{article}/revisions/compare/earliest...latest/",
            f"/quan-tri/pages/{article}/move/",
            f"/quan-tri/pages/{article}/copy/",
            f"/quan-tri/pages/{article}/unpublish/",
            f"/quan-tri/pages/{article}/delete/",
            f"/quan-tri/pages/{section}/add_subpage/",
        ]
        english = re.compile(
            r"\b(Dashboard|Search|Edit|Delete|Save|Cancel|Status|Title|Pages|Images|Documents|"
            r"Users|Groups|Settings|Reports|Help|Filter by|Sort by|Previous|Next|Add|Yes|No|"
            r"Choose|Upload|Submit|Publish|Unpublish|Move|Copy|Workflows?|Snippets|Collections)\b"
        )
        for url in screens:
            with self.subTest(url=url):
                self.assertIsNone(english.search(self.get_text(url)))

    def test_javascript_catalogue_serves_the_editor_strings(self):
        response = self.client.get("/quan-tri/jsi18n/")
        self.assertEqual(response.status_code, 200)
        catalog = json.loads(
            re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
        )
        self.assertEqual(catalog["Insert a block"], "Chèn khối")
        self.assertEqual(
            catalog["Changes have been autosaved."], "Các thay đổi đã được tự động lưu."
        )
        self.assertEqual(catalog["Save"], "Lưu")
        self.assertGreaterEqual(len(catalog), 80)


class TestLanguageSelection(TestCase):
    """Vietnamese unless an editor picks another admin language in their account."""

    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser(
            "bientap", "bientap@example.com", "mat-khau-thu-nghiem"
        )
        cls.article = make_article(make_section(make_home()), title="Bài viết kiểm tra")

    def test_english_browser_still_gets_the_vietnamese_admin(self):
        self.client.force_login(self.user)
        response = self.client.get("/quan-tri/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, "Bảng điều khiển")
        self.assertNotContains(response, "Dashboard")

    def test_english_browser_still_gets_a_vietnamese_public_page(self):
        response = self.client.get(self.article.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.content.decode(), r'<html[^>]* lang="vi"')
        # One cached copy per page: the response does not vary on the browser's language.
        self.assertNotIn("accept-language", response.get("Vary", "").lower())

    def test_an_editor_who_prefers_english_gets_the_english_admin(self):
        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = "en"
        profile.save()
        self.client.force_login(self.user)
        response = self.client.get("/quan-tri/")
        self.assertContains(response, "Dashboard")
        self.assertNotContains(response, "Bảng điều khiển")
