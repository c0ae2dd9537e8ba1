"""The English version in headless Chromium at 390 px and 1280 px: the English home, the
contacts and a unit page reached through the language switcher, the English news (Wagtail
translations under /en/), an English article reached from its Vietnamese original through the
switcher, with hreflang both ways; a Vietnamese-only unit is not linked from the English side;
axe finds no serious violation."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from toasoan.vi.dates import today_local

from .conftest import assert_same_origin, run_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_site(live_server):
    from wagtail.models import Collection

    from toasoan.english import demo as english_demo
    from toasoan.news.tests.factories import make_article, make_home, make_section
    from toasoan.organisation import demo

    home = make_home()
    section = make_section(home, title="Thời sự", slug="thoi-su")
    # The demo translates the newest three, newest first: this one becomes "Stable labour
    # relations in the industrial zones".
    day = timezone.now() - dt.timedelta(days=1)
    for n, title in enumerate(
        ["Bảo vệ môi trường khu công nghiệp", "Quan hệ lao động ổn định", "Thu hút đầu tư mới"]
    ):
        make_article(
            section,
            title=title,
            slug=f"bai-{n}",
            published_at=day + dt.timedelta(hours=n),
            first_published_at=day + dt.timedelta(hours=n),
        )
    make_article(
        section,
        title="Tin chỉ có tiếng Việt",
        slug="chi-tieng-viet",
        published_at=day - dt.timedelta(days=1),
        first_published_at=day - dt.timedelta(days=1),
    )
    if Collection.get_first_root_node() is None:  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    demo.load(None)
    english_demo.load(None)
    return live_server.url


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_english_home_contacts_and_unit(english_site, open_context, viewport):
    context = open_context(viewport)
    page = context.new_page()
    page.goto(english_site + "/gioi-thieu/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("link", name="English").click()

    expect(page).to_have_url(english_site + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("About us")
    expect(page.get_by_text("Binh An Industrial Zones Authority reports to")).to_be_visible()
    day = today_local()
    expect(page.locator(".site-date time")).to_contain_text(f"{day.day} {day:%B} {day.year}")
    _fits(page)
    screenshot(page, f"english-home-{viewport}")
    run_axe(page, f"english-home-{viewport}")

    page.get_by_role("link", name="Contacts").first.click()
    expect(page).to_have_url(english_site + "/en/contacts/")
    table = page.locator("table.data-table")
    expect(table.locator("thead th")).to_have_text(
        ["Full name", "Position", "Unit", "Phone", "Email"]
    )
    row = table.locator("tr", has=page.get_by_role("rowheader", name="Võ Minh Đức"))
    expect(row).to_contain_text("Head of Division")
    expect(row).to_contain_text("Investment Management Division")
    _fits(page)
    screenshot(page, f"english-contacts-{viewport}")
    run_axe(page, f"english-contacts-{viewport}")

    row.get_by_role("link", name="Investment Management Division").click()
    expect(page).to_have_url(english_site + "/en/units/phong-quan-ly-dau-tu/")
    expect(page.locator("h1")).to_have_text("Investment Management Division")
    expect(page.locator(".person-list .person-card__name")).to_have_text(
        ["Võ Minh Đức", "Đặng Thị Hà"]
    )
    expect(page.get_by_text("Issues and amends investment registration")).to_be_visible()
    _fits(page)
    screenshot(page, f"english-unit-{viewport}")
    run_axe(page, f"english-unit-{viewport}")

    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(english_site + "/gioi-thieu/don-vi/phong-quan-ly-dau-tu/")
    expect(page.locator("h1")).to_have_text("Phòng Quản lý Đầu tư")
    assert_same_origin(context.requests, english_site)


def test_english_news(english_site, open_context):
    context = open_context("phone")
    page = context.new_page()
    page.goto(english_site + "/en/")
    page.locator(".site-nav").get_by_role("link", name="News").click()
    expect(page).to_have_url(english_site + "/en/news/")
    page.get_by_role("link", name="Stable labour relations in the industrial zones").click()
    expect(page.locator("h1")).to_have_text("Stable labour relations in the industrial zones")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _fits(page)
    run_axe(page, "english-news-phone")


def test_vietnamese_only_unit_is_not_linked_from_english(english_site, open_context):
    context = open_context("phone")
    page = context.new_page()
    page.goto(english_site + "/en/organisation/")
    chart = page.locator("ul.org-chart")
    expect(chart.get_by_role("heading", level=3, name="Board of Management")).to_be_visible()
    vi_only = chart.get_by_text("Phòng Quy hoạch - Xây dựng - Môi trường")
    expect(vi_only).to_have_attribute("lang", "vi")
    expect(chart.get_by_role("link", name=re.compile("Quy hoạch"))).to_have_count(0)
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("/en/") for h in hrefs), hrefs
    run_axe(page, "english-chart-phone")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_english_article_from_its_vietnamese_original(english_site, open_context, viewport):
    context = open_context(viewport)
    page = context.new_page()
    page.goto(english_site + "/thoi-su/bai-1/")
    expect(page.locator("h1")).to_have_text("Quan hệ lao động ổn định")
    english = page.locator(".lang-switch").get_by_role("link", name="English")
    expect(english).to_have_attribute("href", re.compile(r"^/en/.+/labour-relations-in-"))
    alternates = page.locator('link[rel="alternate"][hreflang]')
    expect(alternates).to_have_count(2)
    english.click()

    expect(page).to_have_url(re.compile(r"/en/.+/labour-relations-in-industrial-zones/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Stable labour relations in the industrial zones")
    # English date: weekday, day, month, year ("Saturday, 4 July 2020").
    expect(page.locator(".article__meta time")).to_have_text(
        re.compile(r"^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}$")
    )
    hreflang = page.locator('link[rel="alternate"][hreflang]')
    expect(hreflang).to_have_count(2)
    expect(page.locator('link[rel="alternate"][hreflang="vi"]')).to_have_attribute(
        "href", english_site + "/thoi-su/bai-1/"
    )
    _fits(page)
    screenshot(page, f"english-article-{viewport}")
    run_axe(page, f"english-article-{viewport}")

    page.locator(".lang-switch").get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(english_site + "/thoi-su/bai-1/")
    # A Vietnamese article without a translation leads to the English home, claiming nothing.
    page.goto(english_site + "/thoi-su/chi-tieng-viet/")
    expect(page.locator('link[rel="alternate"][hreflang]')).to_have_count(0)
    expect(page.locator(".lang-switch a")).to_have_attribute("href", "/en/")
    assert_same_origin(context.requests, english_site)
