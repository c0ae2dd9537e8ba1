import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(tree):
    PageViewRestriction.objects.create(page=tree["economy"], restriction_type="login")
    return tree


class TestRestrictedSectionsStayPrivate:
    def test_not_in_feeds(self, client, restricted):
        assert "Giá vàng hôm nay" not in client.get("/rss/").content.decode()
        assert client.get("/rss/kinh-te/").status_code == 404

    def test_not_in_sitemaps(self, client, restricted):
        index = client.get("/sitemap.xml").content.decode()
        assert f"sitemap-chuyen-muc-{restricted['economy'].id}.xml" not in index
        assert "/kinh-te/" not in client.get("/sitemap-trang.xml").content.decode()
        assert "gia-vang" not in client.get("/sitemap-tin-moi.xml").content.decode()
        site_map = client.get("/so-do-trang/").content.decode().split("<main")[1]
        assert "/kinh-te/" not in site_map

    def test_not_in_the_api_print_or_save(self, client, restricted):
        titles = [i["title"] for i in client.get("/api/v2/articles/").json()["items"]]
        assert "Giá vàng hôm nay" not in titles
        assert client.get(f"/api/v2/articles/{restricted['money'].id}/").status_code == 404
        assert client.get("/api/v2/articles/?section=kinh-te").status_code == 400
        sections = [i["title"] for i in client.get("/api/v2/sections/").json()["items"]]
        assert "Kinh tế" not in sections
        assert client.get(f"/in/{restricted['money'].id}/").status_code == 404
        assert client.get(f"/luu/{restricted['money'].id}/").status_code == 404
