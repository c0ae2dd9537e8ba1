import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.ld = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


def _head(client, url):
    parser = _HeadParser()
    parser.feed(client.get(url).content.decode())
    return parser


class TestArticleMeta:
    def test_canonical_and_open_graph_describe_the_article(self, client, tree):
        head = _head(client, tree["lead"].url)
        url = "http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [url]
        assert head.meta["og:type"] == "article"
        assert head.meta["og:url"] == url
        assert head.meta["og:title"] == "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất"
        assert head.meta["og:description"] == tree["lead"].sapo
        assert head.meta["og:locale"] == "vi_VN"
        assert head.meta["og:image"].startswith("http://testserver/media/images/")
        assert head.meta["og:image:width"] == "1200"
        assert head.meta["og:image:height"] == "630"
        assert head.meta["article:section"] == "Thời sự"

    def test_og_image_is_a_real_file_served_by_the_site(self, client, tree):
        head = _head(client, tree["lead"].url)
        from django.conf import settings

        path = head.meta["og:image"].removeprefix("http://testserver" + settings.MEDIA_URL)
        from django.core.files.storage import default_storage

        assert default_storage.exists(path)

    def test_twitter_card_matches(self, client, tree):
        head = _head(client, tree["lead"].url)
        assert head.meta["twitter:card"] == "summary_large_image"
        assert head.meta["twitter:title"] == head.meta["og:title"]
        assert head.meta["twitter:image"] == head.meta["og:image"]
        no_image = _head(client, tree["money"].url)
        assert no_image.meta["twitter:card"] == "summary"
        assert "og:image" not in no_image.meta

    def test_json_ld_news_article(self, client, tree):
        head = _head(client, tree["lead"].url)
        assert len(head.ld) == 1
        data = json.loads(head.ld[0])
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == tree["lead"].title
        assert data["description"] == tree["lead"].sapo
        assert data["author"] == {"@type": "Person", "name": "Huyền Thanh"}
        assert data["publisher"]["@type"] == "Organization"
        assert data["publisher"]["name"] == "Cổng thông tin điện tử Tòa soạn"
        assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/")
        assert (
            data["mainEntityOfPage"]["@id"] == "http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"
        )
        published = dt.datetime.fromisoformat(data["datePublished"])
        assert data["datePublished"].endswith("+07:00")
        assert abs((published - tree["lead"].published_at).total_seconds()) < 1
        assert data["dateModified"].endswith("+07:00")
        assert data["image"] == [head.meta["og:image"]]

    def test_json_ld_cannot_be_closed_by_a_title(self, client, tree):
        from toasoan.news.tests.factories import make_article

        article = make_article(tree["economy"], title="Thử </script><script>alert(1)</script>")
        html = client.get(article.url).content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "</script" not in block.group(1)
        assert json.loads(block.group(1))["headline"] == article.title

    def test_no_nonce_attribute_while_the_policy_has_no_nonces(self, client, tree):
        html = client.get(tree["lead"].url).content.decode()
        assert '<script type="application/ld+json">' in html
        assert "nonce=" not in html

    def test_json_ld_carries_the_nonce_when_the_policy_uses_nonces(self, tree, settings):
        from csp.constants import NONCE

        settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
        request = RequestFactory().get(tree["lead"].url)
        request.csp_nonce = "abc123"
        html = Template("{% load distribution_tags %}{% distribution_meta %}").render(
            Context({"request": request, "page": tree["lead"]})
        )
        assert '<script type="application/ld+json" nonce="abc123">' in html


class TestOtherPagesMeta:
    def test_section_page_is_a_website_without_json_ld(self, client, tree):
        head = _head(client, "/thoi-su/")
        assert head.meta["og:type"] == "website"
        assert head.ld == []
        assert [lk["href"] for lk in head.links if lk.get("rel") == "canonical"] == [
            "http://testserver/thoi-su/"
        ]

    def test_no_hreflang_with_a_single_language(self, client, tree):
        head = _head(client, tree["lead"].url)
        assert not [link for link in head.links if "hreflang" in link]

    def test_no_hreflang_without_a_translation(self, client, tree):
        # A second locale alone claims nothing: only an article with a live translation
        # has alternates (toasoan/english/tests/test_english_news.py covers that case).
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code="en")
        head = _head(client, tree["lead"].url)
        assert not [link for link in head.links if "hreflang" in link]
