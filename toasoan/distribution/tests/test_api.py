import datetime as dt

import pytest
from django.utils import timezone

from toasoan.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/articles/", "/api/v2/sections/", "/api/v2/announcements/"]


def _titles(response):
    return [item["title"] for item in response.json()["items"]]


class TestArticlesEndpoint:
    def test_lists_visible_articles_newest_first_with_consumer_fields(self, client, tree):
        response = client.get("/api/v2/articles/")
        assert response.status_code == 200
        data = response.json()
        assert data["meta"]["total_count"] == 3
        first = data["items"][0]
        assert first["title"] == "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất"
        assert first["sapo"] == tree["lead"].sapo
        assert first["byline"] == "Huyền Thanh - PBN"
        assert first["url"] == "http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"
        assert first["section"] == {
            "id": tree["news"].id,
            "title": "Thời sự",
            "slug": "thoi-su",
            "url": "http://testserver/thoi-su/",
        }
        assert first["published_at"].endswith("+07:00")
        thumbnail = first["image"]["thumbnail"]
        assert thumbnail["url"].startswith("http://testserver/media/images/")
        assert (thumbnail["width"], thumbnail["height"]) == (400, 240)
        assert first["image"]["alt"] == "Quang cảnh hội nghị"
        assert "Bản nháp chưa đăng" not in _titles(response)

    def test_detail_has_body_html_author_source_and_dates(self, client, tree):
        data = client.get(f"/api/v2/articles/{tree['lead'].id}/").json()
        assert data["body_html"].startswith("<div")
        assert "<p>Đoạn văn thứ nhất của bài.</p>" in data["body_html"]
        assert data["author_name"] == "Huyền Thanh"
        assert data["source_name"] == "PBN"
        assert data["last_published_at"].endswith("+07:00")
        assert data["image"]["large"]["url"].startswith("http://testserver/media/")

    def test_body_image_addresses_are_absolute(self, client, tree):
        article = make_article(
            tree["economy"],
            body=[("image", {"image": tree["image"], "caption": "Ảnh"})],
        )
        html = client.get(f"/api/v2/articles/{article.id}/").json()["body_html"]
        assert 'src="http://testserver/media/' in html
        assert 'src="/media' not in html and 'srcset="/media' not in html

    def test_draft_future_and_unknown_articles_are_404(self, client, tree):
        future = make_article(tree["economy"], published_at=timezone.now() + dt.timedelta(days=1))
        for pk in (tree["draft"].id, future.id, 999999):
            response = client.get(f"/api/v2/articles/{pk}/")
            assert response.status_code == 404
            assert response.json()["thong_bao"] == "Không tìm thấy nội dung."

    @pytest.mark.parametrize("value", ["thoi-su", "thoi-su/", "/thoi-su/"])
    def test_filter_by_section_slug_or_path_includes_sub_sections(self, client, tree, value):
        response = client.get("/api/v2/articles/", {"section": value})
        assert _titles(response) == [
            "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất",
            "Tin trong nước",
        ]

    def test_filter_by_section_id_and_sub_section_path(self, client, tree):
        by_id = client.get("/api/v2/articles/", {"section": tree["economy"].id})
        assert _titles(by_id) == ["Giá vàng hôm nay"]
        by_path = client.get("/api/v2/articles/", {"section": "thoi-su/trong-nuoc"})
        assert _titles(by_path) == ["Tin trong nước"]

    def test_filter_by_publication_date(self, client, tree):
        old = make_article(
            tree["economy"],
            title="Tin năm 2020",
            published_at=dt.datetime(2020, 7, 4, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        )
        assert old
        before = client.get("/api/v2/articles/", {"published_before": "2020-07-05"})
        assert _titles(before) == ["Tin năm 2020"]
        after = client.get("/api/v2/articles/", {"published_after": "2020-07-04T08:30:01+07:00"})
        assert "Tin năm 2020" not in _titles(after) and len(_titles(after)) == 3
        day = client.get(
            "/api/v2/articles/",
            {"published_after": "2020-07-04", "published_before": "2020-07-05"},
        )
        assert _titles(day) == ["Tin năm 2020"]

    def test_client_pages_through_every_article_once(self, client, tree):
        for n in range(7):
            make_article(tree["economy"], title=f"Tin thêm {n}")
        seen, offset = [], 0
        while True:
            data = client.get("/api/v2/articles/", {"limit": 3, "offset": offset}).json()
            if not data["items"]:
                break
            seen += [item["id"] for item in data["items"]]
            offset += 3
        assert len(seen) == len(set(seen)) == data["meta"]["total_count"] == 10


class TestSectionsAndAnnouncements:
    def test_sections_with_parent_and_feed(self, client, tree):
        items = client.get("/api/v2/sections/").json()["items"]
        by_title = {item["title"]: item for item in items}
        assert set(by_title) == {"Thời sự", "Trong nước", "Kinh tế"}
        assert by_title["Trong nước"]["parent_id"] == tree["news"].id
        assert by_title["Thời sự"]["parent_id"] is None
        assert by_title["Kinh tế"]["feed_url"] == "http://testserver/rss/kinh-te/"
        assert by_title["Kinh tế"]["url"] == "http://testserver/kinh-te/"

    def test_announcements_and_their_body(self, client, tree):
        tree["notice"].body = '<p>Tuyển <a href="https://example.vn">cán bộ</a></p>'
        tree["notice"].save_revision().publish()
        items = client.get("/api/v2/announcements/").json()["items"]
        assert [item["title"] for item in items] == ["Thông báo tuyển dụng"]
        detail = client.get(f"/api/v2/announcements/{tree['notice'].id}/").json()
        assert "cán bộ" in detail["body_html"]
        assert detail["url"] == f"http://testserver{tree['notice'].url}"

    def test_expired_announcement_is_left_out(self, client, tree):
        tree["notice"].expire_at = timezone.now() - dt.timedelta(minutes=1)
        tree["notice"].save()
        assert client.get("/api/v2/announcements/").json()["items"] == []


class TestBadParameters:
    @pytest.mark.parametrize("endpoint", ENDPOINTS)
    @pytest.mark.parametrize(
        "query",
        [
            "limit=abc",
            "limit=-1",
            "limit=1000",
            "offset=-1",
            "offset=abc",
            "offset=99999999999999999999999",
            "limit=" + "9" * 5000,
            "id=99999999999999999999",
            "child_of=abc",
            "order=nope",
            "fields=khong_co",
            "search=ha+noi",
            "khong_biet=1",
            "title=%00",
        ],
    )
    def test_every_endpoint_answers_400_with_messages(self, client, tree, endpoint, query):
        response = client.get(f"{endpoint}?{query}")
        assert response.status_code == 400, response.content
        data = response.json()
        assert data["message"]
        assert data["thong_bao"]

    @pytest.mark.parametrize(
        "query,vietnamese",
        [
            ("section=999999", "Không có chuyên mục “999999”"),
            ("section=khong-co", "Không có chuyên mục “khong-co”"),
            ("published_after=notadate", "published_after phải là ngày theo ISO 8601"),
            ("published_before=2020-13-45", "published_before phải là ngày theo ISO 8601"),
            ("published_after=99999-01-01", "published_after phải là ngày theo ISO 8601"),
        ],
    )
    def test_article_filters_explain_the_mistake(self, client, tree, query, vietnamese):
        response = client.get(f"/api/v2/articles/?{query}")
        assert response.status_code == 400
        assert response.json()["thong_bao"].startswith(vietnamese)

    @pytest.mark.parametrize("endpoint", ENDPOINTS)
    def test_huge_detail_id_is_never_a_500(self, client, tree, endpoint):
        response = client.get(f"{endpoint}99999999999999999999/")
        assert response.status_code in (400, 404)

    def test_writing_is_refused(self, client, tree):
        response = client.post("/api/v2/articles/", {"title": "x"})
        assert response.status_code == 405
        assert response.json()["thong_bao"] == "API chỉ cho phép đọc (GET)."
        assert "POST" in response.json()["message"]


class TestCachingAndCors:
    def test_responses_are_anonymous_and_cacheable(self, client, tree):
        from django.test import RequestFactory

        from toasoan.ops.pagecache import response_is_cacheable

        response = client.get("/api/v2/articles/")
        assert not response.cookies
        # Not on Accept (Accept-Encoding is fine: the compressed forms, toasoan/ops/pagecache.py).
        varies = {v.strip() for v in response.get("Vary", "").lower().split(",")}
        assert "accept" not in varies
        # The production engineer's page cache agrees it may keep it.
        assert response_is_cacheable(RequestFactory().get("/api/v2/articles/"), response)
        assert "private" not in response.get("Cache-Control", "")
        assert "no-store" not in response.get("Cache-Control", "")

    def test_json_only_never_the_browsable_html_view(self, client, tree):
        response = client.get("/api/v2/articles/?format=api", HTTP_ACCEPT="text/html")
        assert response.status_code == 404 or response["Content-Type"] == "application/json"
        assert b"csrfmiddlewaretoken" not in response.content
        html = client.get("/api/v2/articles/", HTTP_ACCEPT="text/html,*/*;q=0.8")
        assert html["Content-Type"] == "application/json"

    def test_no_cors_headers_by_default(self, client, tree):
        response = client.get("/api/v2/articles/", HTTP_ORIGIN="https://app.example.vn")
        assert "Access-Control-Allow-Origin" not in response

    def test_listed_origin_is_allowed_others_are_not(self, client, tree, settings):
        settings.TOASOAN_API_CORS_ORIGINS = ["https://app.example.vn"]
        ok = client.get("/api/v2/articles/", HTTP_ORIGIN="https://app.example.vn")
        assert ok["Access-Control-Allow-Origin"] == "https://app.example.vn"
        assert "Origin" in ok["Vary"]
        other = client.get("/api/v2/articles/", HTTP_ORIGIN="https://evil.example")
        assert "Access-Control-Allow-Origin" not in other

    def test_any_origin_keeps_responses_cacheable(self, client, tree, settings):
        from django.test import RequestFactory

        from toasoan.ops.pagecache import response_is_cacheable

        settings.TOASOAN_API_CORS_ORIGINS = ["*"]
        response = client.get("/api/v2/articles/", HTTP_ORIGIN="https://app.example.vn")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response_is_cacheable(RequestFactory().get("/api/v2/articles/"), response)

    def test_preflight_answers_with_cors_headers(self, client, tree, settings):
        settings.TOASOAN_API_CORS_ORIGINS = ["*"]
        response = client.options(
            "/api/v2/articles/",
            HTTP_ORIGIN="https://app.example.vn",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )
        assert response.status_code in (200, 204)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response["Access-Control-Allow-Methods"]
