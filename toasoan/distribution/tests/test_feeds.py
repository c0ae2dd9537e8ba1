import email.utils
import html
import re

import feedparser
import pytest
from django.utils import timezone

from toasoan.news.tests.factories import make_article

pytestmark = pytest.mark.django_db

RFC822_WITH_VN_OFFSET = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} \+0700$"
)


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


class TestSiteFeed:
    def test_is_valid_rss_2_with_required_channel_elements(self, client, tree):
        _, feed = _parse(client, "/rss/")
        assert feed.version == "rss20"
        assert feed.feed.title == "Cổng thông tin điện tử Tòa soạn"
        assert feed.feed.link == "http://testserver/"
        assert feed.feed.language == "vi"
        assert feed.feed.description

    def test_lists_visible_articles_newest_first_not_drafts(self, client, tree):
        _, feed = _parse(client, "/rss/")
        titles = [entry.title for entry in feed.entries]
        assert titles == [
            "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất",
            "Tin trong nước",
            "Giá vàng hôm nay",
        ]
        assert "Bản nháp chưa đăng" not in titles

    def test_items_have_absolute_link_guid_sapo_and_vietnam_dates(self, client, tree):
        response, feed = _parse(client, "/rss/")
        entry = feed.entries[0]
        assert entry.link == "http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"
        assert entry.id == entry.link
        assert html.unescape(entry.summary) == (
            "Sáng 4/7, Đảng bộ các khu chế xuất tổ chức hội nghị <sơ kết> & bàn nhiệm vụ."
        )
        assert RFC822_WITH_VN_OFFSET.match(entry.published), entry.published
        published = email.utils.parsedate_to_datetime(entry.published)
        assert abs(published - tree["lead"].published_at).total_seconds() < 1
        build_dates = re.findall(rb"<lastBuildDate>([^<]+)</lastBuildDate>", response.content)
        assert RFC822_WITH_VN_OFFSET.match(build_dates[0].decode())

    def test_featured_image_is_an_absolute_enclosure_with_length_and_type(self, client, tree):
        _, feed = _parse(client, "/rss/")
        enclosure = feed.entries[0].enclosures[0]
        assert enclosure.href.startswith("http://testserver/media/images/")
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) > 0
        assert feed.entries[1].enclosures == []

    def test_keeps_the_newest_fifty(self, client, tree, settings):
        settings.TOASOAN_DISTRIBUTION = {"FEED_ITEMS": 2}
        _, feed = _parse(client, "/rss/")
        assert len(feed.entries) == 2

    def test_future_and_expired_articles_are_left_out(self, client, tree):
        later = timezone.now() + timezone.timedelta(days=1)
        make_article(tree["economy"], title="Tin hẹn giờ", published_at=later)
        _, feed = _parse(client, "/rss/")
        assert "Tin hẹn giờ" not in [entry.title for entry in feed.entries]


class TestSectionFeed:
    def test_includes_sub_sections_and_only_that_section(self, client, tree):
        _, feed = _parse(client, "/rss/thoi-su/")
        assert feed.feed.title == "Thời sự – Cổng thông tin điện tử Tòa soạn"
        assert feed.feed.link == "http://testserver/thoi-su/"
        assert [e.title for e in feed.entries] == [
            "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất",
            "Tin trong nước",
        ]

    def test_sub_section_has_its_own_feed(self, client, tree):
        _, feed = _parse(client, "/rss/thoi-su/trong-nuoc/")
        assert [e.title for e in feed.entries] == ["Tin trong nước"]

    @pytest.mark.parametrize("path", ["/rss/khong-co/", "/rss/thoi-su/hoi-nghi-ban-chap-hanh/"])
    def test_unknown_section_or_article_path_is_404(self, client, tree, path):
        assert client.get(path).status_code == 404

    def test_feed_sets_no_cookie(self, client, tree):
        response = client.get("/rss/thoi-su/")
        assert not response.cookies


class TestFeedLinks:
    def test_pages_link_the_site_feed_and_section_feed(self, client, tree):
        html = client.get(tree["lead"].url).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'href="/rss/"' in html
        assert 'href="/rss/thoi-su/"' in html
        section_html = client.get("/kinh-te/").content.decode()
        assert 'href="/rss/kinh-te/"' in section_html

    def test_feed_list_page_names_every_section_feed(self, client, tree):
        html = client.get("/kenh-rss/").content.decode()
        for path in ("/rss/", "/rss/thoi-su/", "/rss/thoi-su/trong-nuoc/", "/rss/kinh-te/"):
            assert f'href="{path}"' in html
        assert "http://testserver/rss/kinh-te/" in html
