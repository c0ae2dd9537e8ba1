"""The search page and the JSON API: results, filters, pagination, and every kind of bad
input answered with a Vietnamese message or results, never an error."""

import datetime as dt

from django.test import TestCase, override_settings
from django.utils import timezone

from toasoan.news.tests.factories import make_article, make_home, make_section

NOW = timezone.now()


class SearchViewsMixin:
    @classmethod
    def setUpTestData(cls):
        home = make_home()
        cls.thoi_su = make_section(home, "Thời sự")
        cls.kinh_te = make_section(home, "Kinh tế")
        cls.articles = [
            make_article(
                cls.thoi_su if i % 2 else cls.kinh_te,
                f"Khu công nghiệp số {i} khởi công",
                published_at=NOW - dt.timedelta(days=i),
                sapo="Đầu tư hạ tầng <b>lớn</b>.",
                external_id=f"baomoi-{i}" if i == 1 else None,
            )
            for i in range(1, 14)
        ]


class TestSearchPage(SearchViewsMixin, TestCase):
    def test_results_show_title_section_date_and_highlighted_snippet(self):
        response = self.client.get("/tim-kiem/", {"q": "khu cong nghiep"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tìm thấy 13 bài viết")
        self.assertContains(response, "<mark>Khu</mark> <mark>công</mark> <mark>nghiệp</mark>")
        self.assertContains(response, 'class="search-result__section">Thời sự<')
        self.assertContains(response, "<time datetime=")
        # The sapo's markup is shown as text, not injected.
        self.assertContains(response, "&lt;b&gt;")
        self.assertEqual(response.context["search_query"], "khu cong nghiep")

    @override_settings(TOASOAN_SEARCH={"COUNT_LIMIT": 5, "RANK_WINDOW": 2})
    def test_a_capped_count_reads_more_than(self):
        # 13 matches, counted no further than the page's window (10) + 1.
        response = self.client.get("/tim-kiem/", {"q": "khu cong nghiep"})
        self.assertTrue(response.context["total_capped"])
        self.assertContains(response, "Tìm thấy hơn 11 bài viết")
        api = self.client.get("/api/search/", {"q": "khu cong nghiep", "limit": 3}).json()
        self.assertEqual((api["total"], api["total_capped"]), (5, True))
        self.assertEqual(len(api["results"]), 3)

    def test_header_box_keeps_the_query(self):
        response = self.client.get("/tim-kiem/", {"q": "KCN"})
        self.assertContains(
            response,
            'name="q" maxlength="200" placeholder="Tìm kiếm tin bài…" value="KCN"',
            html=False,
        )

    def test_pagination_and_out_of_range_page(self):
        response = self.client.get("/tim-kiem/", {"q": "KCN", "page": 2})
        self.assertEqual(len(response.context["items"]), 3)
        self.assertContains(response, "Trang 2/2")
        last = self.client.get("/tim-kiem/", {"q": "KCN", "page": 99})
        self.assertEqual(len(last.context["items"]), 3)
        bad = self.client.get("/tim-kiem/", {"q": "KCN", "page": "abc"})
        self.assertEqual(len(bad.context["items"]), 10)

    def test_section_filter_includes_only_that_section(self):
        response = self.client.get("/tim-kiem/", {"q": "KCN", "chuyen_muc": self.thoi_su.pk})
        self.assertEqual(response.context["total"], 7)

    def test_date_range_and_newest_sort(self):
        start = (NOW - dt.timedelta(days=3)).astimezone(timezone.get_current_timezone()).date()
        response = self.client.get(
            "/tim-kiem/", {"q": "KCN", "tu_ngay": start.isoformat(), "sap_xep": "newest"}
        )
        items = response.context["items"]
        self.assertEqual([i["page"].pk for i in items], [a.pk for a in self.articles[:3]])

    def test_invalid_filters_are_reported_in_vietnamese_and_ignored(self):
        response = self.client.get(
            "/tim-kiem/", {"q": "KCN", "tu_ngay": "hôm qua", "chuyen_muc": "999999"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ngày bắt đầu không hợp lệ")
        self.assertContains(response, "Chuyên mục đã chọn không tồn tại.")
        self.assertEqual(response.context["total"], 13)
        reversed_range = self.client.get(
            "/tim-kiem/", {"q": "KCN", "tu_ngay": "2020-07-05", "den_ngay": "2020-07-04"}
        )
        self.assertContains(reversed_range, "Ngày kết thúc phải sau ngày bắt đầu.")

    def test_nothing_found_offers_a_suggestion(self):
        response = self.client.get("/tim-kiem/", {"q": "khoi congg zzzqqq"})
        self.assertContains(response, "Không tìm thấy bài viết nào phù hợp")
        self.assertContains(response, "Có phải bạn muốn tìm:")
        # The misspelt word is corrected and the hopeless one left out.
        self.assertContains(response, "?q=khoi+cong")
        self.assertEqual(response.context["suggestion"], "khoi cong")

    def test_nothing_found_with_filters_offers_to_drop_them(self):
        response = self.client.get(
            "/tim-kiem/", {"q": "KCN", "tu_ngay": "2001-01-01", "den_ngay": "2001-01-02"}
        )
        self.assertContains(response, "Bỏ bộ lọc chuyên mục và ngày")


class TestBadInput(SearchViewsMixin, TestCase):
    def assertCalm(self, query_string, message=None):
        for url in ("/tim-kiem/", "/api/search/"):
            response = self.client.get(url, QUERY_STRING=query_string)
            self.assertEqual(response.status_code, 200, (url, query_string))
            if message and url == "/tim-kiem/":
                self.assertContains(response, message)
        return response

    def test_empty_query_asks_for_words(self):
        bare = self.client.get("/tim-kiem/")
        self.assertContains(bare, "Nhập từ khóa để tìm bài viết.")
        self.assertCalm("q=", "Nhập từ khóa để tìm bài viết.")
        self.assertEqual(
            self.client.get("/api/search/").json()["message"], "Vui lòng nhập từ khóa tìm kiếm."
        )

    def test_punctuation_only_query_explains(self):
        self.assertCalm("q=%21%40%23%24%25%5E%26*()", "Từ khóa không có chữ hoặc số nào để tìm.")

    def test_very_long_query_is_capped(self):
        response = self.client.get("/tim-kiem/", {"q": "khu công nghiệp " * 100})
        self.assertContains(response, "Từ khóa quá dài nên chỉ dùng 200 ký tự đầu.")
        self.assertEqual(response.context["total"], 13)

    def test_fts_syntax_is_inert(self):
        # Operators are plain words: each query finds what its words find, no more, no less.
        cases = {
            '"khu cong': "khu cong",
            "khu NEAR(cong nghiep)": "khu near cong nghiep",
            "khu*": "khu",
            "-khu": "khu",
            "title:khu": "title khu",
            "(khu OR": "khu or",
            "khu AND NOT cong": "khu and not cong",
            "cong^2": "cong 2",
            "{title}: khu": "title khu",
            "'khu' & !cong": "khu cong",
        }
        for query, words in cases.items():
            with self.subTest(query=query):
                response = self.client.get("/api/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                expected = self.client.get("/api/search/", {"q": words}).json()["total"]
                self.assertEqual(response.json()["total"], expected)
        self.assertEqual(self.client.get("/api/search/", {"q": "khu*"}).json()["total"], 13)

    def test_sql_meta_characters_are_inert(self):
        for query in (
            "'; DROP TABLE search_searchentry; --",
            "khu' OR '1'='1",
            "%_\\",
            "khu\x00cong",
        ):
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/api/search/", {"q": query}).status_code, 200)
        self.assertEqual(self.client.get("/api/search/", {"q": "khu"}).json()["total"], 13)
        self.assertEqual(
            self.client.get("/api/search/", {"q": "khu' OR '1'='1"}).json()["total"], 0
        )

    def test_invalid_utf8_is_ignored(self):
        response = self.assertCalm("q=khu%ff%fe+c%C3ng")
        self.assertEqual(response.status_code, 200)
        self.assertCalm("q=%ff%fe", "Từ khóa không có chữ hoặc số nào để tìm.")


class TestSearchApi(SearchViewsMixin, TestCase):
    def test_shape_and_external_id(self):
        data = self.client.get("/api/search/", {"q": "khu cong nghiep so 1", "limit": 1}).json()
        self.assertEqual(data["total"], 1)
        (first,) = data["results"]
        self.assertEqual(
            set(first), {"external_id", "title", "url", "published", "section", "snippet"}
        )
        self.assertEqual(first["external_id"], "baomoi-1")
        self.assertEqual(first["title"], "Khu công nghiệp số 1 khởi công")
        self.assertEqual(first["section"], "Thời sự")
        self.assertTrue(first["url"].endswith("/"))
        self.assertEqual(
            dt.datetime.fromisoformat(first["published"]), self.articles[0].published_at
        )
        self.assertTrue(first["published"].endswith("+07:00"))

    def test_limit_offset_and_section(self):
        data = self.client.get("/api/search/", {"q": "KCN", "limit": 5, "offset": 10}).json()
        self.assertEqual((data["total"], len(data["results"])), (13, 3))
        self.assertIsNone(data["results"][0]["external_id"])
        by_slug = self.client.get("/api/search/", {"q": "KCN", "section": self.kinh_te.slug}).json()
        self.assertEqual(by_slug["total"], 6)
        unknown = self.client.get("/api/search/", {"q": "KCN", "section": "khong-co"}).json()
        self.assertEqual(unknown["total"], 0)

    def test_bad_numbers_are_clamped(self):
        data = self.client.get("/api/search/", {"q": "KCN", "limit": "-5", "offset": "x"}).json()
        self.assertEqual((data["total"], len(data["results"])), (13, 0))
        data = self.client.get("/api/search/", {"q": "KCN", "limit": "100000"}).json()
        self.assertEqual(len(data["results"]), 13)

    @override_settings(TOASOAN_SEARCH={"API_MAX_LIMIT": 2})
    def test_limit_is_capped_by_settings(self):
        data = self.client.get("/api/search/", {"q": "KCN", "limit": 50}).json()
        self.assertEqual(len(data["results"]), 2)
