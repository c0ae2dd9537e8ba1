import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from toasoan.comments.models import Comment
from toasoan.news.tests.factories import (
    make_announcement,
    make_announcement_index,
    make_article,
    make_home,
    make_section,
)
from toasoan.ops import pagecache

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def site(pagecache_on):
    home = make_home()
    section = make_section(home, title="Kinh tế")
    first = make_article(section, title="Giá lúa tăng mạnh ở Đồng bằng sông Cửu Long")
    second = make_article(section, title="Xuất khẩu cà phê đạt kỷ lục")
    # The first render creates the site settings rows (a content change): warm up past it.
    Client().get(home.url)
    return {"home": home, "section": section, "first": first, "second": second}


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.content.decode()


class TestServingFromCache:
    def test_second_anonymous_get_is_a_hit_with_the_same_body(self, client, site):
        url = site["first"].url
        first, body = get(client, url)
        second, cached_body = get(client, url)
        assert first[pagecache.HEADER] == "miss"
        assert second[pagecache.HEADER] == "hit"
        assert cached_body == body
        assert second["Content-Type"] == first["Content-Type"]

    def test_head_is_served_from_the_cached_get_without_a_body(self, client, site):
        get(client, site["home"].url)
        response = client.head(site["home"].url)
        assert response[pagecache.HEADER] == "hit"
        assert response.content == b""

    def test_query_strings_are_cached_separately(self, client, site):
        get(client, site["section"].url)
        response, _ = get(client, site["section"].url + "?page=1")
        assert response[pagecache.HEADER] == "miss"

    def test_a_new_release_does_not_serve_pages_the_previous_one_cached(self, client, site):
        from unittest import mock

        url = site["first"].url
        get(client, url)
        assert get(client, url)[0][pagecache.HEADER] == "hit"
        with mock.patch("toasoan.ops.pagecache.release_id", return_value="next-release"):
            assert get(client, url)[0][pagecache.HEADER] == "miss"
            assert get(client, url)[0][pagecache.HEADER] == "hit"

    def test_disabled_cache_never_answers(self, client, site, settings):
        settings.TOASOAN_PAGECACHE = {"ENABLED": False}
        get(client, site["home"].url)
        response, _ = get(client, site["home"].url)
        assert pagecache.HEADER not in response


class TestInvalidation:
    def test_edited_article_is_fresh_on_its_page_neighbours_section_and_home(self, client, site):
        urls = [site["first"].url, site["second"].url, site["section"].url, site["home"].url]
        for url in urls:
            get(client, url)
            assert get(client, url)[0][pagecache.HEADER] == "hit"
        article = site["first"]
        article.title = "Giá lúa giảm nhẹ sau ba tuần tăng"
        article.save_revision().publish()
        for url in urls:
            response, body = get(client, url)
            assert response[pagecache.HEADER] == "miss", url
        assert "Giá lúa giảm nhẹ sau ba tuần tăng" in get(client, site["first"].url)[1]
        # "Tin khác" of the neighbour and the section list show the new title too.
        assert "Giá lúa giảm nhẹ sau ba tuần tăng" in get(client, site["second"].url)[1]
        assert "Giá lúa giảm nhẹ sau ba tuần tăng" in get(client, site["section"].url)[1]

    def test_unpublished_article_disappears_at_once(self, client, site):
        url = site["first"].url
        get(client, url)
        site["first"].unpublish()
        assert client.get(url).status_code == 404
        assert "Giá lúa tăng mạnh" not in get(client, site["section"].url)[1]

    def test_new_article_appears_on_the_cached_section_page(self, client, site):
        get(client, site["section"].url)
        make_article(site["section"], title="Tin mới nhất về mùa mưa bão")
        assert "Tin mới nhất về mùa mưa bão" in get(client, site["section"].url)[1]

    def test_deleted_article_is_gone(self, client, site):
        url = site["second"].url
        get(client, url)
        site["second"].delete()
        assert client.get(url).status_code == 404

    def test_moved_article_leaves_its_old_section_list(self, client, site):
        other = make_section(site["home"], title="Xã hội")
        get(client, site["section"].url)
        get(client, other.url)
        site["second"].move(other, pos="last-child")
        assert "Xuất khẩu cà phê" not in get(client, site["section"].url)[1]
        assert "Xuất khẩu cà phê" in get(client, other.url)[1]

    def test_approved_comment_changes_the_count_but_a_pending_one_does_not(self, client, site):
        url = site["first"].url
        get(client, url)
        comment = Comment.objects.create(
            page=site["first"], name="Trần Thị Bình", email="binh@example.com", body="Rất hay."
        )
        # Pending comments are invisible: the cached copy stays valid.
        assert get(client, url)[0][pagecache.HEADER] == "hit"
        comment.status = Comment.Status.APPROVED
        comment.save(update_fields=["status"])
        response, body = get(client, url)
        assert response[pagecache.HEADER] == "miss"
        assert "Rất hay." in body

    def test_announcement_change_refreshes_the_home_page(self, client, site):
        index = make_announcement_index(site["home"])
        get(client, site["home"].url)
        make_announcement(index, title="Thông báo lịch tiếp công dân tháng 12")
        response, _ = get(client, site["home"].url)
        assert response[pagecache.HEADER] == "miss"

    def test_content_changed_helper_retires_every_page(self, client, site):
        from toasoan.ops.signal_handlers import content_changed

        get(client, site["home"].url)
        content_changed("bulk update in a test")
        assert get(client, site["home"].url)[0][pagecache.HEADER] == "miss"


class TestDateAcrossMidnight:
    def test_header_date_turns_over_at_local_midnight(self, client, site):
        url = site["home"].url
        with time_machine.travel(dt.datetime(2026, 7, 3, 23, 59, 30, tzinfo=HCM), tick=False):
            before, body_before = get(client, url)
            assert get(client, url)[0][pagecache.HEADER] == "hit"
        with time_machine.travel(dt.datetime(2026, 7, 4, 0, 0, 30, tzinfo=HCM), tick=False):
            after, body_after = get(client, url)
        assert after[pagecache.HEADER] == "miss"
        assert "ngày 3 tháng 7 năm 2026" in body_before
        assert "ngày 4 tháng 7 năm 2026" in body_after


class TestNeverShared:
    def test_logged_in_staff_bypass_the_cache(self, client, site):
        url = site["first"].url
        get(client, url)
        staff = get_user_model().objects.create_user("bientap", password="mat-khau-dai-123")
        staff.is_staff = True
        staff.save()
        client.force_login(staff)
        response, _ = get(client, url)
        assert pagecache.HEADER not in response

    def test_session_or_messages_cookie_bypasses(self, client, site):
        url = site["home"].url
        get(client, url)
        client.cookies["messages"] = "x"
        assert pagecache.HEADER not in client.get(url)

    def test_admin_is_never_cached(self, client, site):
        response = client.get("/quan-tri/login/")
        assert pagecache.HEADER not in response

    def test_cached_html_has_no_csrf_token_and_two_readers_get_their_own(self, client, site):
        url = site["first"].url
        _, body = get(client, url)
        _, cached = get(client, url)
        # The form's hidden field is empty in the shared HTML; JS fills it per reader.
        assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', body + cached)
        assert "csrftoken" not in client.cookies
        tokens = []
        for reader in (Client(), Client()):
            get(reader, url)
            response = reader.get(f"/binh-luan/{site['first'].pk}/phien/")
            assert response.get(pagecache.HEADER) != "hit"
            tokens.append(reader.cookies["csrftoken"].value)
        assert tokens[0] != tokens[1]

    def test_responses_that_used_the_csrf_token_are_not_stored(self):
        request = RequestFactory().get("/")
        get_token(request)
        response = pagecache.HttpResponse("<form></form>")
        assert not pagecache.response_is_cacheable(request, response)

    @pytest.mark.parametrize(
        "header,value",
        [
            ("Cache-Control", "private, max-age=0"),
            ("Cache-Control", "no-store"),
            ("Vary", "Accept-Language"),
        ],
    )
    def test_private_or_varying_responses_are_not_stored(self, header, value):
        request = RequestFactory().get("/")
        response = pagecache.HttpResponse("x")
        response[header] = value
        assert not pagecache.response_is_cacheable(request, response)

    def test_responses_setting_a_cookie_are_not_stored(self):
        request = RequestFactory().get("/")
        response = pagecache.HttpResponse("x")
        response.set_cookie("theme", "dark")
        assert not pagecache.response_is_cacheable(request, response)

    def test_comment_form_endpoint_is_not_cached(self, client, site):
        response = client.get(f"/binh-luan/{site['first'].pk}/")
        assert response.get(pagecache.HEADER) in (None, "skip")
        again = client.get(f"/binh-luan/{site['first'].pk}/")
        assert again.get(pagecache.HEADER) != "hit"


class TestWSGIHitPath:
    def _environ(self, path, **extra):
        import io
        import sys

        return {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            **extra,
        }

    def _call(self, app, environ):
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, dict(headers)

        body = b"".join(app(environ, start_response))
        return seen["status"], seen["headers"], body

    def test_a_stored_page_is_replayed_without_django_with_the_same_bytes(self, client, site):
        from toasoan.ops.wsgi import PageCacheApp

        def django_must_not_run(environ, start_response):
            raise AssertionError("a cached page went to Django")

        url = site["first"].url
        _, body = get(client, url)
        status, headers, replayed = self._call(
            PageCacheApp(django_must_not_run), self._environ(url)
        )
        assert status == "200 OK"
        assert headers[pagecache.HEADER] == "hit"
        assert replayed.decode() == body
        assert headers["Content-Security-Policy"]  # headers of the middleware below it

    def test_staff_cookies_and_changed_content_go_to_django(self, client, site):
        from toasoan.ops.wsgi import PageCacheApp

        calls = []

        def django(environ, start_response):
            calls.append(environ["PATH_INFO"])
            start_response("200 OK", [])
            return [b"django"]

        url = site["first"].url
        get(client, url)
        app = PageCacheApp(django)
        self._call(app, self._environ(url, HTTP_COOKIE="sessionid=abc"))
        site["first"].title = "Tiêu đề mới"
        site["first"].save_revision().publish()
        self._call(app, self._environ(url))
        assert calls == [url, url]
