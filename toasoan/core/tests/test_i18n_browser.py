"""The editor's JavaScript UI (sidebar, StreamField, rich text) is Vietnamese in a real browser,
even when the browser itself asks for English (docs/i18n.md)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ensure_wagtail_root

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-kiem-thu-2026"


@pytest.fixture
def article_url(live_server):
    from django.contrib.auth import get_user_model

    from toasoan.news.tests.factories import make_article, make_home, make_section

    ensure_wagtail_root()
    get_user_model().objects.create_superuser("bientap_i18n", "b@example.com", PASSWORD)
    article = make_article(make_section(make_home()), title="Bài viết kiểm tra trình soạn thảo")
    return f"{live_server.url}/quan-tri/pages/{article.pk}/edit/"


def test_editor_javascript_ui_is_vietnamese_for_an_english_browser(article_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(article_url)  # redirects to the login page
    page.fill("input[name=username]", "bientap_i18n")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/edit/")

    # Rendered by React/Stimulus from the djangojs catalogue (/quan-tri/jsi18n/).
    expect(page.get_by_role("navigation", name="Menu chính")).to_be_attached()
    for vietnamese in ("Chèn khối", "Nhân bản", "Chuyển xuống"):  # StreamField controls
        expect(page.get_by_role("button", name=vietnamese).first).to_be_attached()
    for english in ("Insert a block", "Duplicate", "Move down"):
        expect(page.get_by_role("button", name=english, exact=True)).to_have_count(0)
    expect(page.get_by_role("navigation", name="Main menu")).to_have_count(0)
    # Server-rendered editor chrome.
    expect(page.get_by_role("tab", name="Quảng bá")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu nháp")).to_be_visible()
    context.close()
