"""An administrator sees each periodic job and its last run on the admin dashboard, on a phone."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-quan-tri-2026"


def test_dashboard_lists_the_jobs_and_their_last_run_at_390_px(live_server, browser):
    from django.contrib.auth import get_user_model

    from toasoan.news.tests.factories import make_home

    make_home()  # a transactional test may have flushed the root page and the site
    get_user_model().objects.create_superuser("qt_browser", "qt@example.vn", PASSWORD)
    call_command("jobs", only=["comments.purge_ip_hashes", "search.refresh_recent_index"])

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("input[name=username]", "qt_browser")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()

    panel = page.locator("#ops-jobs-section")
    expect(panel).to_contain_text("Tác vụ định kỳ")
    purge = panel.locator('tr[data-job="comments.purge_ip_hashes"]')
    expect(purge).to_contain_text("Thành công")
    expect(purge).to_contain_text("3600 giây")
    late = panel.locator('tr[data-job="newsroom.publish_scheduled"]')
    expect(late).to_contain_text("Chưa chạy lần nào")
    expect(late).to_contain_text("Quá hạn")
    context.close()
