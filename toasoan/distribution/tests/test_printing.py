import base64
import re
from urllib.parse import unquote

import pytest

from toasoan.news.tests.factories import make_article

pytestmark = pytest.mark.django_db


class TestPrintView:
    def test_shows_the_article_and_its_source_without_site_chrome(self, client, tree):
        response = client.get(f"/in/{tree['lead'].id}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<h1 class="print-article__title">Hội nghị Ban Chấp hành' in html
        assert "Đoạn văn thứ nhất của bài." in html
        assert "Huyền Thanh - PBN" in html
        assert 'Nguồn: <a href="http://testserver/thoi-su/hoi-nghi-ban-chap-hanh/">' in html
        for chrome in ("site-nav", "a11y-bar", "Ý kiến bạn đọc", "comments", "site-footer"):
            assert chrome not in html
        assert '<meta name="robots" content="noindex, follow">' in html
        assert "<script>" not in html and "onclick" not in html

    @pytest.mark.parametrize("key", ["draft", "news", "notice"])
    def test_only_visible_articles_can_be_printed(self, client, tree, key):
        assert client.get(f"/in/{tree[key].id}/").status_code == 404
        assert client.get(f"/luu/{tree[key].id}/").status_code == 404

    def test_unknown_and_huge_ids_are_404(self, client, tree):
        assert client.get("/in/999999/").status_code == 404
        assert client.get("/luu/99999999999999999999/").status_code == 404


class TestSaveArticle:
    def test_downloads_one_html_file_named_after_the_slug(self, client, tree):
        response = client.get(f"/luu/{tree['lead'].id}/")
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        name = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
        assert unquote(name) == "hoi-nghi-ban-chap-hanh.html"

    def test_images_are_inlined_as_data_uris(self, client, tree):
        article = make_article(
            tree["economy"],
            slug="bai-co-anh",
            featured_image=tree["image"],
            body=[("image", {"image": tree["image"], "caption": "Ảnh trong bài"})],
        )
        html = client.get(f"/luu/{article.id}/").content.decode()
        sources = re.findall(r'<img\b[^>]*\ssrc="([^"]+)"', html)
        assert len(sources) == 2
        for src in sources:
            assert src.startswith("data:image/")
            payload = base64.b64decode(src.split(",", 1)[1])
            assert payload[:3] == b"\xff\xd8\xff" or payload[:4] in (b"RIFF", b"\x00\x00\x00\x1c")
        assert "/media/" not in html.split("<body", 1)[1].replace("testserver", "")
        assert "<source" not in html and "srcset" not in html

    def test_saved_file_needs_nothing_from_the_network(self, client, tree):
        html = client.get(f"/luu/{tree['lead'].id}/").content.decode()
        assert '<link rel="stylesheet"' not in html
        assert "<script" not in html
        assert "<style>" in html and ".print-article__title" in html
        assert "Nguồn:" in html

    def test_non_ascii_slug_gets_an_rfc_6266_filename(self, client, tree):
        article = make_article(tree["economy"], slug="tin-đặc-biệt")
        disposition = client.get(f"/luu/{article.id}/")["Content-Disposition"]
        assert "filename*=UTF-8''tin-%C4%91%E1%BA%B7c-bi%E1%BB%87t.html" in disposition
