import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest

pytestmark = pytest.mark.django_db


def _share_bar(client, article):
    html = client.get(article.url).content.decode()
    match = re.search(r'<div class="share article__tools".*?</div>', html, re.S)
    assert match, "share bar missing"
    return html, match.group(0)


class TestShareBar:
    def test_plain_links_to_facebook_zalo_and_email(self, client, tree):
        _, bar = _share_bar(client, tree["lead"])
        url = "http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"
        links = dict(re.findall(r'class="share__link share__link--(\w+)" href="([^"]+)"', bar))
        facebook = urlparse(links["facebook"].replace("&amp;", "&"))
        assert facebook.netloc == "www.facebook.com"
        assert parse_qs(facebook.query)["u"] == [url]
        zalo = urlparse(links["zalo"].replace("&amp;", "&"))
        assert zalo.netloc.endswith("zalo.me")
        assert parse_qs(zalo.query)["href"] == [url]
        mail = links["email"].replace("&amp;", "&")
        assert mail.startswith("mailto:?")
        assert url in unquote(mail)

    def test_loads_no_third_party_script_and_no_inline_js(self, client, tree):
        html, bar = _share_bar(client, tree["lead"])
        scripts = re.findall(r"<script\b([^>]*)>", html)
        for attrs in scripts:
            if "application/ld+json" in attrs:
                continue
            src = re.search(r'src="([^"]+)"', attrs)
            assert src and src.group(1).startswith("/static/"), attrs
        assert "onclick" not in html
        assert 'src="/static/distribution/share.js"' in html

    def test_copy_link_button_and_live_status(self, client, tree):
        _, bar = _share_bar(client, tree["lead"])
        assert 'data-share-copy="http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/"' in bar
        assert 'aria-live="polite"' in bar
        assert 'data-copied="Đã sao chép liên kết"' in bar

    def test_print_and_save_links(self, client, tree):
        _, bar = _share_bar(client, tree["lead"])
        assert f'href="/in/{tree["lead"].id}/"' in bar
        assert f'href="/luu/{tree["lead"].id}/" rel="nofollow" download>Lưu bài viết' in bar
