"""The agency pages in headless Chromium, on a phone (390 px) and a desktop (1280 px): the
organisation chart and a unit page, this week's schedule and the previous week, and a
procedure found by searching without accents; axe-core finds no serious violation."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from toasoan.vi.dates import today_local

from .conftest import assert_same_origin, run_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agency_site(live_server):
    from wagtail.models import Collection

    from toasoan.news.tests.factories import make_home
    from toasoan.organisation import demo as organisation_demo
    from toasoan.procedures import demo as procedures_demo
    from toasoan.schedule import demo as schedule_demo
    from toasoan.schedule.models import ScheduleItem
    from toasoan.schedule.weeks import monday_of

    make_home()
    if Collection.get_first_root_node() is None:  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    organisation_demo.load(None)
    schedule_demo.load(None)
    procedures_demo.load(None)
    ScheduleItem.objects.create(
        date=monday_of(today_local()) - dt.timedelta(days=5),
        start_time=dt.time(8, 0),
        content="Hội nghị sơ kết công tác tuần trước",
        place="Hội trường A",
    )
    return live_server.url


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_organisation_chart_and_unit_page(agency_site, open_context, viewport):
    context = open_context(viewport)
    page = context.new_page()
    page.goto(agency_site + "/gioi-thieu/co-cau-to-chuc/")
    chart = page.locator("ul.org-chart")
    expect(chart.get_by_role("heading", level=3, name="Lãnh đạo Ban Quản lý")).to_be_visible()
    expect(chart.get_by_role("heading", level=4)).to_have_count(5)
    expect(chart.get_by_role("link", name="Nguyễn Văn An")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"agency-chart-{viewport}")
    run_axe(page, f"agency-chart-{viewport}")

    chart.get_by_role("link", name="Phòng Quản lý Đầu tư").click()
    expect(page.locator("h1")).to_have_text("Phòng Quản lý Đầu tư")
    leaders = page.locator(".person-list .person-card__name")
    expect(leaders).to_have_text(["Võ Minh Đức", "Đặng Thị Hà"])  # the head before the deputy
    expect(page.get_by_role("link", name="(0274) 3 822 130")).to_have_attribute(
        "href", "tel:02743822130"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"agency-unit-{viewport}")
    run_axe(page, f"agency-unit-{viewport}")
    assert_same_origin(context.requests, agency_site)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_this_week_and_previous_week(agency_site, open_context, viewport):
    context = open_context(viewport)
    page = context.new_page()
    page.goto(agency_site + "/lich-cong-tac/")
    today = page.locator("section.schedule-day--today")
    expect(today).to_have_count(1)
    expect(today).to_have_attribute("aria-current", "date")
    expect(today.locator("h2")).to_contain_text(today_local().strftime("%d/%m/%Y"))
    expect(page.get_by_text("Chào cờ đầu tuần; giao ban Lãnh đạo Ban")).to_be_visible()
    screenshot(page, f"agency-schedule-{viewport}")
    run_axe(page, f"agency-schedule-{viewport}")

    page.get_by_role("link", name="← Tuần trước").click()
    expect(page).to_have_url(re.compile(r"\?tuan=\d{4}-W\d{2}$"))
    expect(page.get_by_text("Hội nghị sơ kết công tác tuần trước")).to_be_visible()
    expect(page.get_by_text("Chào cờ đầu tuần; giao ban Lãnh đạo Ban")).to_have_count(0)
    expect(page.locator("section.schedule-day--today")).to_have_count(0)
    screenshot(page, f"agency-schedule-previous-{viewport}")
    run_axe(page, f"agency-schedule-previous-{viewport}")

    page.get_by_label("Lãnh đạo").select_option(label="Nguyễn Văn An")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("h1")).to_have_text("Lịch công tác – Nguyễn Văn An")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_procedure_found_without_accents(agency_site, open_context, viewport):
    context = open_context(viewport)
    page = context.new_page()
    page.goto(agency_site + "/thu-tuc-hanh-chinh/")
    expect(page.get_by_role("heading", level=2, name=re.compile("^Lao động"))).to_be_visible()
    page.get_by_label("Tìm thủ tục").fill("gia han giay phep lao dong")
    page.get_by_role("button", name="Tìm", exact=True).last.click()
    expect(page.get_by_text("Tìm thấy 1 thủ tục.")).to_be_visible()
    link = page.get_by_role("link", name="Gia hạn giấy phép lao động cho người lao động nước ngoài")
    screenshot(page, f"agency-procedures-search-{viewport}")
    run_axe(page, f"agency-procedures-search-{viewport}")
    link.click()
    expect(page.locator("h1")).to_have_text(
        "Gia hạn giấy phép lao động cho người lao động nước ngoài"
    )
    expect(page.get_by_text("450.000 đồng/giấy phép")).to_be_visible()
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến")).to_have_attribute(
        "href", re.compile(r"^https://dichvucong\.gov\.vn/.*1\.000105$")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"agency-procedure-{viewport}")
    run_axe(page, f"agency-procedure-{viewport}")
