"""A reader on a phone finds a decision by typing its number carelessly, opens it, sees its
metadata and the PDF preview, and downloads the file."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from toasoan.documents.models import DocumentAttachment

from .conftest import make_document, make_pdf

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
def documents(kinds):
    decision = make_document(
        kinds,
        "1234/QĐ-UBND",
        "qd",
        "ubnd",
        dt.date(2023, 3, 10),
        "Ban hành quy chế phối hợp quản lý nhà nước đối với các khu công nghiệp",
        effective=dt.date(2023, 3, 10),
    )
    for n in range(1, 8):  # other documents with the same number or the same year
        make_document(
            kinds,
            f"1234/BQL-VP{n}",
            "cv",
            "bql",
            dt.date(2020 + n % 4, 1, n),
            f"Công văn số {n} về báo cáo định kỳ",
        )
        make_document(
            kinds,
            f"{n}/QĐ-UBND",
            "qd",
            "ubnd",
            dt.date(2023, 2, n),
            f"Quyết định {n} về công tác cán bộ",
        )
    DocumentAttachment(
        document=decision,
        title="Quyết định 1234",
        file=ContentFile(make_pdf("Quy che phoi hop"), name="qd-1234.pdf"),
    ).save()
    decision.refresh_index()
    return decision


def test_reader_finds_a_decision_by_a_loose_number_and_opens_it(page, live_server, documents):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/van-ban/")
    page.get_by_label("Số hiệu hoặc từ khóa").fill("qd 1234 ubnd")
    page.get_by_role("button", name="Tìm văn bản").click()
    expect(page).to_have_url(re.compile(r"/van-ban/\?q=qd\+1234\+ubnd"))  # filters in the URL
    first = page.locator(".documents-item").first
    expect(first).to_contain_text("1234/QĐ-UBND")
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định 1234/QĐ-UBND")
    expect(page.locator(".document__meta")).to_contain_text("10/03/2023")
    expect(page.locator(".document__meta")).to_contain_text("Còn hiệu lực")
    expect(page.locator(".document__files")).to_contain_text("PDF")
    expect(page.locator("iframe.document__pdf")).to_have_count(1)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Quyết định 1234").click()
    download = download_info.value
    assert download.suggested_filename == "qd-1234.pdf"
    assert open(download.path(), "rb").read(5) == b"%PDF-"
    # The page is no wider than the phone: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
