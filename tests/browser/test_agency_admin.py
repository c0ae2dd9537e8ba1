"""An editor's path in the admin, in headless Chromium: import this week's schedule from a
spreadsheet (a bad sheet first: row messages, nothing imported), import the procedures, and
read on the dashboard which Decree 42 categories are still missing."""

import datetime as dt
import io
import json

import pytest
from playwright.sync_api import expect

from toasoan.vi.dates import today_local

from .conftest import ensure_wagtail_root, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-bien-tap-2026"


def _sheet(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["LỊCH CÔNG TÁC TUẦN"])
    sheet.append(["Thứ/Ngày", "Thời gian", "Nội dung", "Thành phần", "Địa điểm", "Chủ trì",
                  "Đơn vị chuẩn bị"])  # fmt: skip
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def editor(live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from toasoan.news.tests.factories import make_home

    ensure_wagtail_root()
    make_home()
    group = Group.objects.create(name="Biên tập cổng")
    codenames = ["access_admin", "add_scheduleitem", "change_scheduleitem", "view_scheduleitem",
                 "add_procedure", "change_procedure", "view_procedure"]  # fmt: skip
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user = get_user_model().objects.create_user("bt_congtt", password=PASSWORD)
    user.groups.add(group)
    return live_server.url


def test_editor_imports_schedule_and_procedures_and_reads_the_checklist(editor, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(editor + "/quan-tri/login/")
    page.fill("input[name=username]", "bt_congtt")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()

    monday = today_local() - dt.timedelta(days=today_local().weekday())
    day = monday.strftime("%d/%m/%Y")
    bad = tmp_path / "lich-sai.xlsx"
    bad.write_bytes(_sheet([[f"Thứ Hai, {day}", "7h30", "Giao ban"], ["32/13", "8h", "Sai"]]))
    page.goto(editor + "/quan-tri/lich-cong-tac/nhap/")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Nhập lịch").click()
    expect(page.get_by_role("alert")).to_contain_text("Dòng 4: ngày “32/13” không có trên lịch.")
    screenshot(page, "agency-admin-schedule-import-errors")

    good = tmp_path / "lich.xlsx"
    good.write_bytes(
        _sheet(
            [
                [
                    f"Thứ Hai, {day}",
                    "7h30",
                    "Giao ban đầu tuần",
                    "Lãnh đạo Ban",
                    "Phòng họp 1",
                    "Trưởng ban",
                    "Văn phòng",
                ],
                [None, "14h00", "Tiếp doanh nghiệp", "", "", "", ""],
            ]
        )  # fmt: skip
    )
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Nhập lịch").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập 2 mục lịch công tác")

    procedures = tmp_path / "thu-tuc.jsonl"
    records = [{"code": "1.000459", "name": "Cấp giấy phép lao động", "field": "Lao động"}]
    procedures.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    page.goto(editor + "/quan-tri/thu-tuc-hanh-chinh/nhap/")
    page.set_input_files("input[type=file]", str(procedures))
    page.get_by_role("button", name="Nhập thủ tục").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập 1 thủ tục mới")

    page.goto(editor + "/quan-tri/")
    panel = page.locator("#decree42-checklist-section")
    expect(panel).to_contain_text("Thông tin bắt buộc theo Nghị định 42/2022/NĐ-CP")
    expect(panel.locator("tr[data-category=plans]")).to_contain_text("Chưa có")
    expect(panel.locator("tr[data-category=schedule]")).to_contain_text("Đạt")
    expect(panel.locator("tr[data-category=procedures]")).to_contain_text("Đạt")
    screenshot(page, "agency-admin-dashboard")

    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(editor + "/lich-cong-tac/")
    expect(reader.get_by_text("Giao ban đầu tuần")).to_be_visible()
    context.close()
