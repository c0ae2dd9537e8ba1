import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from toasoan.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own sitemap, not untrusted


def _locs(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def _all_urls(client):
    urls = []
    for sitemap_url in _locs(_xml(client, "/sitemap.xml")):
        urls += _locs(_xml(client, sitemap_url.removeprefix("http://testserver")))
    return urls


class TestSitemapIndex:
    def test_lists_pages_news_and_one_sitemap_per_section(self, client, tree):
        locs = _locs(_xml(client, "/sitemap.xml"))
        assert locs[:2] == [
            "http://testserver/sitemap-trang.xml",
            "http://testserver/sitemap-tin-moi.xml",
        ]
        expected = {
            f"http://testserver/sitemap-chuyen-muc-{tree[k].id}.xml"
            for k in ("news", "domestic", "economy")
        }
        assert set(locs[2:]) == expected

    def test_every_live_article_is_listed_exactly_once(self, client, tree):
        urls = _all_urls(client)
        for key in ("lead", "inner", "money"):
            full = f"http://testserver{tree[key].url}"
            # Once in its section sitemap (the news sitemap is a separate, Google-only file).
            section_urls = []
            for sitemap_url in _locs(_xml(client, "/sitemap.xml"))[2:]:
                section_urls += _locs(_xml(client, sitemap_url.removeprefix("http://testserver")))
            assert section_urls.count(full) == 1, full
        assert not any("ban-nhap" in u for u in urls)

    def test_lastmod_is_the_last_publication_in_vietnam_time(self, client, tree):
        root = _xml(client, f"/sitemap-chuyen-muc-{tree['economy'].id}.xml")
        lastmod = root.find(".//sm:lastmod", NS).text
        parsed = dt.datetime.fromisoformat(lastmod)
        assert lastmod.endswith("+07:00")
        tree["money"].refresh_from_db()
        expected = tree["money"].last_published_at.replace(microsecond=0)
        assert parsed == expected

    def test_large_section_is_split_into_pages(self, client, tree, settings):
        settings.TOASOAN_DISTRIBUTION = {"SITEMAP_LIMIT": 2}
        for n in range(3):
            make_article(tree["economy"], title=f"Tin kinh tế {n}")
        index = _locs(_xml(client, "/sitemap.xml"))
        base = f"http://testserver/sitemap-chuyen-muc-{tree['economy'].id}.xml"
        assert f"{base}?p=2" in index
        page1 = _locs(_xml(client, f"/sitemap-chuyen-muc-{tree['economy'].id}.xml"))
        page2 = _locs(_xml(client, f"/sitemap-chuyen-muc-{tree['economy'].id}.xml?p=2"))
        assert len(page1) == 2 and len(page2) == 2
        assert not set(page1) & set(page2)

    @pytest.mark.parametrize(
        "url", ["/sitemap-khong-co.xml", "/sitemap-trang.xml?p=99", "/sitemap-trang.xml?p=abc"]
    )
    def test_unknown_section_or_page_is_404(self, client, tree, url):
        assert client.get(url).status_code == 404

    def test_section_sitemap_costs_a_fixed_number_of_queries(self, client, tree):
        url = f"/sitemap-chuyen-muc-{tree['economy'].id}.xml"
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for n in range(5):
            make_article(tree["economy"], title=f"Thêm tin {n}")
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(few)


class TestPagesSitemap:
    def test_lists_home_sections_announcements_and_standard_pages(self, client, tree):
        locs = _locs(_xml(client, "/sitemap-trang.xml"))
        for key in ("news", "domestic", "economy", "index", "notice", "about"):
            assert f"http://testserver{tree[key].url}" in locs
        assert "http://testserver/" in locs
        assert not any("hoi-nghi" in loc for loc in locs)


class TestNewsSitemap:
    def test_has_google_news_elements(self, client, tree):
        root = _xml(client, "/sitemap-tin-moi.xml")
        urls = root.findall("sm:url", NS)
        assert len(urls) == 3
        first = urls[0]
        assert first.find("sm:loc", NS).text == "http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"
        news = first.find("news:news", NS)
        assert news.find("news:publication/news:name", NS).text == (
            "Cổng thông tin điện tử Tòa soạn"
        )
        assert news.find("news:publication/news:language", NS).text == "vi"
        assert news.find("news:title", NS).text == (
            "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất"
        )
        date = dt.datetime.fromisoformat(news.find("news:publication_date", NS).text)
        assert date.utcoffset() == dt.timedelta(hours=7)

    def test_is_one_file_capped_at_the_limit(self, client, tree, settings):
        settings.TOASOAN_DISTRIBUTION = {"NEWS_SITEMAP_LIMIT": 2}
        root = _xml(client, "/sitemap-tin-moi.xml")
        assert len(root.findall("sm:url", NS)) == 2
        index = _locs(_xml(client, "/sitemap.xml"))
        assert [u for u in index if "tin-moi" in u] == ["http://testserver/sitemap-tin-moi.xml"]
        assert client.get("/sitemap-tin-moi.xml?p=2").status_code == 404

    def test_only_the_last_two_days(self, client, tree):
        make_article(
            tree["economy"], title="Tin cũ", published_at=timezone.now() - dt.timedelta(days=3)
        )
        root = _xml(client, "/sitemap-tin-moi.xml")
        titles = [t.text for t in root.iterfind(".//news:title", NS)]
        assert "Tin cũ" not in titles
        assert len(titles) == 3


class TestRobots:
    def test_points_to_sitemaps_and_keeps_crawlers_out_of_the_admin(self, client, tree):
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "Disallow: /quan-tri/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Sitemap: http://testserver/sitemap-tin-moi.xml" in lines


class TestSiteMapPage:
    def test_shows_sections_sub_sections_announcements_and_pages_nested(self, client, tree):
        response = client.get("/so-do-trang/")
        html = response.content.decode().split("<main")[1]  # the menu repeats the sections
        assert "<h1>Sơ đồ trang</h1>" in html
        news_at = html.index('<a href="/thoi-su/">Thời sự</a>')
        inner_at = html.index('<a href="/thoi-su/trong-nuoc/">Trong nước</a>')
        economy_at = html.index('<a href="/kinh-te/">Kinh tế</a>')
        assert news_at < inner_at < economy_at
        # The sub-section sits in a list nested inside its parent's item.
        assert html[news_at:inner_at].count("<ul>") == 1
        assert '<a href="/thong-bao/">Thông báo</a>' in html
        assert '<a href="/gioi-thieu/">Giới thiệu</a>' in html
        assert "hoi-nghi-ban-chap-hanh" not in html

    def test_unpublished_section_and_what_is_under_it_are_hidden(self, client, tree):
        tree["news"].unpublish()
        html = client.get("/so-do-trang/").content.decode()
        assert "/thoi-su/" not in html.split("<main")[1]


class TestSitemapIndexCost:
    def test_index_queries_do_not_grow_with_the_number_of_sections(self, client, tree):
        from toasoan.news.tests.factories import make_section

        client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as three:
            client.get("/sitemap.xml")
        for n in range(4):
            make_article(make_section(tree["home"], title=f"Mục {n}"), title=f"Tin mục {n}")
        with CaptureQueriesContext(connection) as seven:
            response = client.get("/sitemap.xml")
        assert response.content.count(b"<sitemap>") == 2 + 3 + 4
        assert len(seven) == len(three)
