"""On a phone a company comments on Article 3 of a draft (proof of work solved in the page);
staff see it in the moderation queue, record a response and export the summary table, which
the same library that wrote it opens."""

import io

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from toasoan.botcheck.conf import DEFAULTS
from toasoan.consultations.models import ConsultationComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _wagtail_root(transactional_db):
    # Transactional tests flush Wagtail's root page and locale; the site templates need them.
    from wagtail.models import Page, Site

    from tests.browser.conftest import ensure_wagtail_root

    ensure_wagtail_root()
    if not Site.objects.exists():  # the site templates read settings through the Site
        Site.objects.create(
            hostname="localhost", root_page=Page.get_first_root_node(), is_default_site=True
        )


@pytest.fixture
def real_altcha(settings):
    settings.TOASOAN_BOTCHECK = {"ALTCHA_CHALLENGE": DEFAULTS["ALTCHA_CHALLENGE"]}


def _login(page, live_server):
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", "mat-khau-dai-12")
    page.locator("form button[type=submit]").first.click()
    expect(page).not_to_have_url(live_server.url + "/quan-tri/login/")


def test_comment_on_article_three_moderate_and_export(
    page, live_server, consultation, real_altcha, django_user_model
):
    django_user_model.objects.create_superuser("bientap", "bt@example.com", "mat-khau-dai-12")
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/du-thao/")
    page.get_by_role("link", name=consultation.title).click()
    page.get_by_role("link", name="Góp ý Điều 3").click()
    expect(page.get_by_label("Góp ý cho")).to_have_value("3")
    page.get_by_role("radio", name="Tổ chức").check()
    page.get_by_role("textbox", name="Họ tên").fill("Trần Thị Bình")
    page.get_by_label("Tên tổ chức, doanh nghiệp").fill("Công ty TNHH Điện tử Sao Mai")
    page.get_by_role("textbox", name="Email").fill("binh@saomai.vn")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị quy định rõ mẫu báo cáo nước thải.")
    page.locator("altcha-widget input[type=checkbox]").click(force=True)
    expect(page.locator("altcha-widget")).to_contain_text("Đã xác minh", timeout=30_000)
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn")
    comment = ConsultationComment.objects.get()
    assert comment.article.number == 3 and comment.status == "pending"

    _login(page, live_server)
    queue = reverse("wagtailsnippets_consultations_consultationcomment:list")
    page.goto(f"{live_server.url}{queue}?status=pending")
    row = page.locator("tr", has_text="Trần Thị Bình")
    expect(row).to_contain_text("Điều 3")
    row.get_by_role("link", name="Công ty TNHH Điện tử Sao Mai (Trần Thị Bình)").click()
    page.get_by_label("Hình thức xử lý").select_option("tiep-thu")
    page.get_by_label("Ý kiến tiếp thu, giải trình").fill("Tiếp thu, bổ sung mẫu báo cáo.")
    page.get_by_role("button", name="Lưu").first.click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(live_server.url + reverse("wagtailsnippets_consultations_consultation:list"))
    for fmt, label in (("xlsx", "Bảng tổng hợp (Excel)"), ("docx", "Bảng tổng hợp (Word)")):
        row = page.locator("tr", has_text=consultation.title)
        row.get_by_role("button", name="Thêm tùy chọn").or_(
            row.locator("[data-w-dropdown-target=toggle]")
        ).first.click()
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        data = open(info.value.path(), "rb").read()
        if fmt == "xlsx":
            rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
            assert rows[4][1:] == (
                "Điều 3. Phối hợp bảo vệ môi trường",
                "Công ty TNHH Điện tử Sao Mai (Trần Thị Bình)",
                "Đề nghị quy định rõ mẫu báo cáo nước thải.",
                "Tiếp thu: Tiếp thu, bổ sung mẫu báo cáo.",
            )
        else:
            table = docx.Document(io.BytesIO(data)).tables[0]
            assert table.rows[1].cells[3].text == "Đề nghị quy định rõ mẫu báo cáo nước thải."
    assert errors == []
