"""The editor's path in the admin, in headless Chromium: log in, find the article awaiting
review on the dashboard, open it, approve it; the article moves to the editor-in-chief."""

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from .conftest import assert_same_origin, ensure_wagtail_root, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-bien-tap-2026"
TITLE = "Khai mạc Hội chợ thương mại biên giới Việt – Trung"


@pytest.fixture
def newsroom(live_server):
    from django.contrib.auth import get_user_model

    from toasoan.news.tests.factories import make_article, make_home, make_section
    from toasoan.newsroom import roles

    # A transactional test flushes the tables; put back what the migrations created.
    ensure_wagtail_root()
    roles.sync_workflow(django_apps, roles.sync_roles(django_apps))
    home = make_home()
    section = make_section(home, "Thời sự")
    other = make_section(home, "Kinh tế")
    User = get_user_model()
    reporter = User.objects.create_user("pv_browser", password=PASSWORD)
    roles.grant(reporter, roles.REPORTER, section)
    editor = User.objects.create_user("btv_browser", password=PASSWORD)
    roles.grant(editor, roles.EDITOR, section)
    article = make_article(section, title=TITLE, live=False, owner=reporter)
    article.save_revision(user=reporter)
    article.get_workflow().start(article, reporter)
    other_article = make_article(other, title="Bài của chuyên mục khác", live=False)
    other_article.save_revision()
    other_article.get_workflow().start(other_article, reporter)
    return {"url": live_server.url, "article": article, "editor": editor}


def test_editor_approves_an_article_of_their_section(newsroom, browser):
    from wagtail.models import WorkflowState

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(newsroom["url"] + "/quan-tri/login/")
    page.fill("input[name=username]", "btv_browser")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()

    # The dashboard lists the article awaiting this editor's review, and not the other one.
    panel = page.locator("#newsroom-overview-section")
    expect(panel).to_contain_text("Tòa soạn hôm nay")
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Bài của chuyên mục khác")
    screenshot(page, "newsroom-editor-dashboard")

    page.goto(f"{newsroom['url']}/quan-tri/pages/{newsroom['article'].pk}/edit/")
    expect(page.locator("input[name=title]")).to_have_value(TITLE)
    approve = page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    approve.click()
    page.wait_for_url("**/quan-tri/**")
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, "newsroom-editor-approved")

    state = WorkflowState.objects.get(object_id=str(newsroom["article"].pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Tổng biên tập duyệt"
    approved = state.all_tasks_with_status()[0]
    assert (approved.status, approved.name) == ("approved", "Biên tập viên duyệt")
    newsroom["article"].refresh_from_db()
    assert not newsroom["article"].live
    assert_same_origin(requests, newsroom["url"])
    context.close()
