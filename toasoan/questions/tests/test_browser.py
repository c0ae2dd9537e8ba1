"""The citizens' write paths in Chromium at 390 px: a company asks a question, staff answer it
through approval, the answer is published and found without accents; a reader votes in a
poll placed in an article and sees the result; a reader sends a contact message."""

from importlib import import_module

import pytest
from playwright.sync_api import expect

from toasoan.contact.models import ContactMessage, ContactTopic
from toasoan.polls.models import Ballot
from toasoan.polls.tests.conftest import make_poll
from toasoan.questions.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _wagtail_root(transactional_db):
    """Transactional tests flush Wagtail's root page and locale: put them back."""
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
def phone(page):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.errors = errors
    return page


def solve_widget(scope):
    scope.locator("altcha-widget input[type=checkbox]").click(force=True)
    expect(scope.locator("altcha-widget")).to_contain_text("Đã xác minh", timeout=30_000)


def test_question_answered_through_approval_and_found_without_accents(
    phone, live_server, django_user_model
):
    # Transactional tests flush the groups made by the data migration: make them again.
    from django.apps import apps
    from django.contrib.auth.models import Group

    from toasoan.questions.models import Department, Field
    from toasoan.questions.roles import ANSWERER_GROUP, LEADER_GROUP, REVIEWER_GROUP

    import_module("toasoan.questions.migrations.0002_answer_groups").create_groups(apps, None)
    department = Department.objects.create(name="Phòng Quản lý đầu tư", email="dt@example.vn")
    Field.objects.create(name="Đầu tư", slug="dau-tu", default_department=department)
    users = {}
    for name, group in [
        ("canbo", ANSWERER_GROUP),
        ("bientap", REVIEWER_GROUP),
        ("lanhdao", LEADER_GROUP),
    ]:
        user = django_user_model.objects.create_user(name, f"{name}@example.vn", "mat-khau-12!")
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    department.members.add(users["canbo"])

    page = phone
    page.goto(live_server.url + "/hoi-dap/gui-cau-hoi/")
    page.locator("#id_name").fill("Nguyễn Thị Minh Thư")
    page.locator("#id_email").fill("thu@example.vn")
    page.locator("#id_organisation").fill("Công ty TNHH Cơ khí")
    page.locator("#id_field").select_option(label="Đầu tư")
    page.locator("#id_title").fill("Điều chỉnh Giấy chứng nhận đăng ký đầu tư")
    page.locator("#id_body").fill("Công ty tăng vốn thì cần hồ sơ gì ạ?")
    solve_widget(page)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    code = page.locator("[data-tracking-code]")
    expect(code).to_be_visible()
    question = Question.objects.get()
    expect(code).to_have_text(question.tracking_code)

    def login(username):
        page.context.clear_cookies()
        page.goto(live_server.url + "/quan-tri/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill("mat-khau-12!")
        page.locator("button[type=submit]").click()
        page.goto(live_server.url + f"/quan-tri/hoi-dap/{question.pk}/")

    login("canbo")
    page.locator("#id_answer").fill("Hồ sơ gồm văn bản đề nghị điều chỉnh dự án đầu tư.")
    page.get_by_role("button", name="Gửi biên tập duyệt").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "review")
    login("bientap")
    page.get_by_role("button", name="Duyệt, trình lãnh đạo").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "approval")
    login("lanhdao")
    page.get_by_role("button", name="Phê duyệt và đăng").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "published")

    page.context.clear_cookies()
    page.goto(live_server.url + "/hoi-dap/?q=giay+chung+nhan+dau+tu")
    page.get_by_role("link", name="Điều chỉnh Giấy chứng nhận đăng ký đầu tư").click()
    expect(page.locator(".cz-answer")).to_contain_text("văn bản đề nghị điều chỉnh dự án")
    expect(page.locator(".cz-answer")).to_contain_text("Phòng Quản lý đầu tư")
    assert page.errors == []


def test_vote_in_an_article_and_see_the_result(phone, live_server):
    from toasoan.news.tests.factories import make_article, make_home, make_section

    poll = make_poll()
    article = make_article(make_section(make_home()), title="Bài có bình chọn")
    article.body.append(("poll", {"poll": poll}))
    article.save_revision().publish()
    page = phone
    requests = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/binh-chon/" in u or "/kiem-tra/" in u]  # nothing on load
    box = page.locator("[data-poll]").first
    box.get_by_label("Lao động").check()
    solve_widget(box)
    box.get_by_role("button", name="Bình chọn").click()
    results = box.locator("[data-poll-results]")
    expect(results).to_contain_text("Cảm ơn bạn đã bình chọn.")
    expect(results).to_contain_text("Lao động: 1 (100")
    # The widget solved the poll's own SHA-256 vote challenge (docs/decisions/polls.md).
    assert any(f"/binh-chon/{poll.pk}/thu-thach/" in u for u in requests)
    assert Ballot.objects.count() == 1
    assert page.errors == []


def test_send_a_contact_message(phone, live_server):
    from toasoan.news.tests.factories import make_home

    make_home()  # a site, as every real installation has
    ContactTopic.objects.create(name="Góp ý về cổng thông tin", email="bbt@example.vn")
    page = phone
    page.goto(live_server.url + "/lien-he/")
    page.locator("#id_topic").select_option(label="Góp ý về cổng thông tin")
    page.locator("#id_name").fill("Trần Văn Hùng")
    page.locator("#id_email").fill("hung@example.vn")
    page.locator("#id_subject").fill("Góp ý giao diện")
    page.locator("#id_body").fill("Trang tin đọc tốt trên điện thoại, cảm ơn.")
    solve_widget(page)
    page.get_by_role("button", name="Gửi thư").click()
    expect(page.locator(".cz-alert--ok")).to_contain_text("thư đã được gửi")
    assert ContactMessage.objects.get().subject == "Góp ý giao diện"
    assert page.errors == []
