"""Compression of what the app sends: cached pages stored already compressed (gzip, Brotli),
picked per Accept-Encoding by PageCacheMiddleware and by the WSGI front; uncached text
responses gzipped on the way out."""

import gzip

import brotli
import pytest
from django.test import Client

from toasoan.news.tests.factories import make_article, make_home, make_section
from toasoan.ops import pagecache

from .test_fastpath import call, environ, front

pytestmark = pytest.mark.django_db

BROWSER = "gzip, deflate, br, zstd"


@pytest.fixture
def article(pagecache_on):
    home = make_home()
    article = make_article(make_section(home), title="Giá lúa tăng, nông dân phấn khởi")
    Client().get(home.url)  # the first render creates the site settings rows
    return article


def plain_html(client, url):
    response = client.get(url)
    assert "Content-Encoding" not in response
    return response.content


class TestChooseEncoding:
    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("gzip, deflate, br, zstd", "br"),
            ("gzip, deflate", "gzip"),
            ("br;q=0, gzip", "gzip"),
            ("identity", ""),
            ("", ""),
            ("*", "br"),
            ("gzip;q=bad, br", "br"),
        ],
    )
    def test_reader_gets_the_best_coding_it_accepts(self, header, expected):
        assert pagecache.choose_encoding(header) == expected

    def test_only_codings_that_were_stored(self):
        assert pagecache.choose_encoding(BROWSER, {"": b"", "gzip": b""}) == "gzip"
        assert pagecache.choose_encoding(BROWSER, {"": b""}) == ""


class TestMiddleware:
    def test_miss_and_hit_are_brotli_for_a_browser_and_decode_to_the_page(self, article):
        html = plain_html(Client(), article.url)  # stored (miss), sent plain: no Accept-Encoding
        assert article.title.encode() in html
        for state in ("hit", "hit"):
            response = Client().get(article.url, HTTP_ACCEPT_ENCODING=BROWSER)
            assert response[pagecache.HEADER] == state
            assert response["Content-Encoding"] == "br"
            assert "Accept-Encoding" in response["Vary"]
            assert int(response["Content-Length"]) == len(response.content) < len(html) / 2
            assert brotli.decompress(response.content) == html

    def test_a_miss_is_sent_compressed_too(self, article):
        response = Client().get(article.url, HTTP_ACCEPT_ENCODING="gzip")
        assert response[pagecache.HEADER] == "miss"
        assert response["Content-Encoding"] == "gzip"
        assert article.title.encode() in gzip.decompress(response.content)

    def test_head_gives_the_length_of_the_chosen_form(self, article):
        body = Client().get(article.url, HTTP_ACCEPT_ENCODING="gzip").content
        response = Client().head(article.url, HTTP_ACCEPT_ENCODING="gzip")
        assert response[pagecache.HEADER] == "hit"
        assert response.content == b""
        assert response["Content-Length"] == str(len(body))

    def test_uncached_pages_are_gzipped(self, article):
        response = Client().get(f"/binh-luan/{article.pk}/", HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "Ý kiến".encode() in gzip.decompress(response.content)

    def test_uncached_pages_with_the_cache_off(self, article, settings):
        settings.TOASOAN_PAGECACHE = {"ENABLED": False}
        response = Client().get(article.url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        assert article.title.encode() in gzip.decompress(response.content)


class TestWsgiFront:
    def test_front_serves_each_reader_the_stored_form_it_accepts(self, article):
        html = plain_html(Client(), article.url)
        app, django = front()
        for header, decode, coding in (
            (BROWSER, brotli.decompress, "br"),
            ("gzip", gzip.decompress, "gzip"),
            ("", lambda body: body, None),
            (BROWSER, brotli.decompress, "br"),  # from this process's memory now
        ):
            status, headers, body = call(app, environ(article.url, HTTP_ACCEPT_ENCODING=header))
            assert status == "200 OK"
            assert headers[pagecache.HEADER] == "hit"
            assert headers.get("Content-Encoding") == coding
            assert headers["Content-Length"] == str(len(body))
            assert decode(body) == html
        assert django.calls == []


def test_files_and_static_files_are_not_gzipped_again(article, tmp_path):
    from django.http import FileResponse, HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get("/static/x.woff2", HTTP_ACCEPT_ENCODING="gzip")
    font = tmp_path / "x.woff2"
    font.write_bytes(b"\0" * 5000)
    response = pagecache.compress_uncached(request, FileResponse(font.open("rb")))
    assert not response.has_header("Content-Encoding")
    png = pagecache.compress_uncached(request, HttpResponse(b"\0" * 5000, content_type="image/png"))
    assert not png.has_header("Content-Encoding")
