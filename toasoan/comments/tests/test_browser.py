"""The whole loop in Chromium: a reader comments (proof of work solved in the page), a
moderator approves it in the admin, the article shows it and the total went up by one."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from toasoan.botcheck.challenge import answer_for_tests
from toasoan.botcheck.conf import DEFAULTS
from toasoan.comments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _wagtail_root(transactional_db):
    """Transactional tests flush every table, the root page and default locale made by
    Wagtail's migrations included: put them back."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))


@pytest.fixture
def real_altcha(settings):
    # The shipped difficulty: the test proves the browser really does the work.
    settings.TOASOAN_BOTCHECK = {"ALTCHA_CHALLENGE": DEFAULTS["ALTCHA_CHALLENGE"]}


def test_reader_posts_moderator_approves_article_shows_it(
    page, live_server, article, real_altcha, django_user_model
):
    Comment.objects.create(page=article, name="Độc giả cũ", body="Đã có trước", status="approved")
    django_user_model.objects.create_superuser("bientap", "bt@example.com", "mat-khau-dai-12")
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The strict public CSP must not block anything the comment area needs.
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.on(
        "request",
        lambda req: (
            errors.append(req.url)
            if "127.0.0.1" not in req.url
            and "localhost" not in req.url
            and not req.url.startswith(("data:", "blob:"))
            else None
        ),
    )

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(live_server.url + article.url)
    total = page.locator("[data-comment-total]")
    expect(total).to_have_text("1")
    form = page.locator("[data-comment-form]")
    expect(form).to_be_visible()
    form.get_by_role("textbox", name="Họ tên", exact=True).fill("Phạm Thu Hà")
    form.get_by_role("textbox", name="Email", exact=True).fill("ha@example.com")
    form.get_by_role("textbox", name="Ý kiến của bạn", exact=True).fill(
        "Thông tin rất hữu ích.\nCảm ơn tòa soạn!"
    )
    page.locator("altcha-widget input[type=checkbox]").click(force=True)
    expect(page.locator("altcha-widget input[name=altcha]")).to_have_count(1, timeout=30_000)
    expect(page.locator("altcha-widget")).to_contain_text("Đã xác minh", timeout=30_000)
    form.get_by_role("button", name="Gửi ý kiến").click()
    expect(form.locator("[data-form-status]")).to_contain_text("chờ duyệt", timeout=15_000)
    comment = Comment.objects.get(name="Phạm Thu Hà")
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "Thông tin rất hữu ích.\nCảm ơn tòa soạn!"

    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", "mat-khau-dai-12")
    page.locator("form button[type=submit]").first.click()
    page.goto(live_server.url + "/quan-tri/binh-luan/?status=pending")
    row = page.locator("tr", has_text="Thông tin rất hữu ích.")
    row.locator("input[type=checkbox]").check()
    page.get_by_label("Duyệt các bình luận đã chọn").click()
    page.get_by_role("button", name="Có, thực hiện").click()
    expect(page.locator(".messages")).to_contain_text("đã duyệt")

    page.goto(live_server.url + article.url)
    expect(page.locator("[data-comment-total]")).to_have_text("2")
    body = page.locator(".comment__body", has_text="Thông tin rất hữu ích.")
    expect(body).to_be_visible()
    assert "<br>" in body.inner_html()
    assert errors == []


AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async (selector) => (await axe.run(selector, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}})).violations
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""


def test_comment_area_and_form_page_have_no_axe_violations(browser, live_server, article):
    assert AXE.exists(), "axe-core missing: run `npm ci` (make install does)"
    Comment.objects.create(page=article, name="Độc giả", body="Đã duyệt", status="approved")
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + article.url)
    expect(page.locator("[data-comment-form]")).to_be_visible()
    # The widget is loaded when the reader starts a comment (issue #20: nothing on view).
    page.get_by_role("textbox", name="Họ tên", exact=True).focus()
    expect(page.locator("altcha-widget")).to_contain_text("Tôi không phải là người máy")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN, "#y-kien-ban-doc") == []
    page.goto(live_server.url + f"/binh-luan/{article.pk}/")  # the no-JS form page
    page.get_by_role("button", name="Gửi ý kiến").click()  # empty: errors next to fields
    expect(page.locator(".comment-form__error").first).to_be_visible()
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN, "main") == []
    context.close()


def test_without_javascript_reader_comments_through_the_question(browser, live_server, article):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + article.url)
    expect(page.locator("[data-comment-form]")).to_be_hidden()
    page.get_by_role("link", name="Gửi ý kiến của bạn").click()
    page.get_by_role("textbox", name="Họ tên", exact=True).fill("Vũ Minh")
    page.get_by_role("textbox", name="Email", exact=True).fill("minh@example.com")
    page.get_by_role("textbox", name="Ý kiến của bạn", exact=True).fill("Gửi không cần JS.")
    page.get_by_role("button", name="Đổi hình khác").click()  # keeps what was typed
    expect(page.get_by_role("textbox", name="Họ tên", exact=True)).to_have_value("Vũ Minh")
    image = page.locator(".comment-form__question img")
    page.wait_for_load_state("load")  # the click only waits for the new page to commit
    assert image.evaluate("img => img.complete && img.naturalWidth") == 220  # the PNG loaded
    question_id = page.locator("input[name=question_id]").input_value()
    page.get_by_role("textbox", name=re.compile("Mã kiểm tra")).fill(answer_for_tests(question_id))
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_role("status")).to_contain_text("đang chờ duyệt")
    assert Comment.objects.get(name="Vũ Minh").body == "Gửi không cần JS."
    context.close()
