"""Print and save in Chromium: print media hides the site's chrome, "Lưu bài viết" downloads a
self-contained file, and the copy-link button tells the reader it worked."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _wagtail_root(transactional_db):
    """Transactional tests flush what Wagtail's migrations made: root page, collection, locale."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def browser_tree(_wagtail_root, transactional_db):
    from .conftest import build_tree

    return build_tree()


def test_print_media_hides_navigation_comments_and_reader_bar(page, live_server, browser_tree):
    page.goto(live_server.url + browser_tree["lead"].url)
    expect(page.locator(".site-nav")).to_be_visible()
    page.emulate_media(media="print")
    for selector in (".site-nav", ".a11y-bar", ".share", ".sidebar"):
        expect(page.locator(selector).first).to_be_hidden()
    if page.locator(".comments").count():
        expect(page.locator(".comments").first).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất")


def test_print_view_prints_the_source_and_hides_its_toolbar(page, live_server, browser_tree):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/in/{browser_tree['lead'].id}/")
    expect(page.locator("[data-print-now]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".print-view__tools")).to_be_hidden()
    expect(page.locator(".print-article__source")).to_contain_text(
        "/thoi-su/hoi-nghi-ban-chap-hanh/"
    )
    assert errors == []


def test_save_downloads_the_article_with_inlined_images(page, live_server, browser_tree, tmp_path):
    page.goto(live_server.url + browser_tree["lead"].url)
    with page.expect_download() as info:
        page.get_by_role("link", name="Lưu bài viết").click()
    download = info.value
    assert download.suggested_filename == "hoi-nghi-ban-chap-hanh.html"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert "Hội nghị Ban Chấp hành Đảng bộ các khu chế xuất" in html
    assert re.search(r'<img\b[^>]*src="data:image/jpeg;base64,', html)
    # Opened offline, the saved file shows the picture (decoded from the data: URI).
    page.goto(saved.as_uri())
    width = page.locator("img").first.evaluate("img => img.naturalWidth")
    assert width > 0


def test_copy_link_announces_success(page, live_server, browser_tree, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + browser_tree["lead"].url)
    page.get_by_role("button", name="Sao chép liên kết").click()
    expect(page.locator("[data-share-status]")).to_have_text("Đã sao chép liên kết")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith("/thoi-su/hoi-nghi-ban-chap-hanh/")
