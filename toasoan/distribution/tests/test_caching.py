import pytest
from django.test import RequestFactory

from toasoan.ops.pagecache import response_is_cacheable

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/rss/",
        "/rss/thoi-su/",
        "/kenh-rss/",
        "/sitemap.xml",
        "/sitemap-trang.xml",
        "/sitemap-tin-moi.xml",
        "/robots.txt",
        "/so-do-trang/",
        "/api/v2/sections/",
        "/api/v2/announcements/",
    ],
)
def test_outputs_are_anonymous_and_the_page_cache_may_keep_them(client, tree, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    request = RequestFactory().get(url)
    assert response_is_cacheable(request, response), dict(response.headers)


def test_print_and_save_views_are_cacheable_too(client, tree):
    for url in (f"/in/{tree['lead'].id}/", f"/luu/{tree['lead'].id}/"):
        response = client.get(url)
        assert response_is_cacheable(RequestFactory().get(url), response), url
