"""A reader on a phone (390 px) types a query with typos: results appear and the page offers
the corrected query ("Có phải bạn muốn tìm: …"), which leads to the same article."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ensure_wagtail_root

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    from toasoan.news.tests.factories import make_article, make_home, make_section

    ensure_wagtail_root()
    section = make_section(make_home(), "Thời sự")
    make_article(
        section,
        "Giải quyết khiếu nại của công dân",
        sapo="Tiếp dân và giải quyết khiếu nại đúng hạn.",
        body=[("paragraph", "<p>Phường tiếp dân định kỳ.</p>")],
    )
    make_article(
        section,
        "Doanh nghiệp xuất khẩu tăng trưởng",
        sapo="Nhiều doanh nghiệp mở rộng sản xuất.",
        body=[("paragraph", "<p>Kim ngạch tăng.</p>")],
    )
    return live_server.url


def test_typing_a_typo_query_shows_results_and_the_did_you_mean_link(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/tim-kiem/")
    page.fill("#search-q", "giãi quyết khiếu nại")
    page.locator(".search-form button[type=submit]").click()
    results = page.locator(".search-result__title a")
    expect(results.first).to_contain_text("công dân")
    suggestion = page.locator(".search-suggestion a")
    expect(suggestion).to_have_text("giải quyết khiếu nại")
    suggestion.click()
    expect(page.locator("#search-q")).to_have_value("giải quyết khiếu nại")
    expect(results.first).to_contain_text("công dân")
    expect(page.locator(".search-suggestion")).to_have_count(0)

    page.fill("#search-q", "doanh nghiêp")
    page.locator(".search-form button[type=submit]").click()
    expect(results.first).to_contain_text("Doanh")
    expect(page.locator(".search-suggestion a")).to_have_text("doanh nghiệp")
    # Nothing spills sideways on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    context.close()
