"""The "Thống kê" admin page, its XLSX export and the JSON export behind an API key."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from toasoan.statistics.models import DeviceDay, PageViewDay, ReferrerDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    rows = [
        (today, "/thoi-su/a/", "article", 1, "Thời sự", "Tin A", 7),
        (today, "/dau-tu/b/", "article", 2, "Đầu tư", "Tin B", 3),
        (last_month, "/thoi-su/a/", "article", 1, "Thời sự", "Tin A", 5),
        (today, "/", "home", None, "", "Trang chủ", 11),
    ]
    for day, path, kind, section, section_title, title, views in rows:
        PageViewDay.objects.create(
            day=day,
            path=path,
            kind=kind,
            section_id=section,
            section_title=section_title,
            title=title,
            views=views,
        )
    ReferrerDay.objects.create(day=today, domain="google.com", views=4)
    DeviceDay.objects.create(day=today, device="phone", views=15)
    DeviceDay.objects.create(day=today, device="desktop", views=6)
    return today, last_month


@pytest.fixture
def editor():
    user = get_user_model().objects.create_superuser("bientap", "b@example.vn", "x")
    client = Client()
    client.force_login(user)
    return client


def test_the_report_shows_every_table_and_a_chart(editor, figures):
    response = editor.get("/quan-tri/thong-ke/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Trang xem nhiều nhất", "Theo chuyên mục", "Nguồn truy cập", "Thiết bị"):
        assert heading in html
    assert "Tin A" in html and "google.com" in html and "Điện thoại" in html
    assert "chart-4.6.2.umd.min.js" in html and 'id="stats-chart-data"' in html


def test_the_menu_lists_thong_ke_for_editors(editor):
    html = editor.get("/quan-tri/").content.decode()
    # The sidebar is JSON props: the label is \u-escaped there.
    assert '"name": "thong-ke", "label": "Th\\u1ed1ng k\\u00ea"' in html
    assert '"url": "/quan-tri/thong-ke/"' in html


def test_readers_cannot_see_the_report(figures):
    user = get_user_model().objects.create_user("docgia", "d@example.vn", "x")
    client = Client()
    client.force_login(user)
    assert client.get("/quan-tri/thong-ke/").status_code in (302, 403)


def test_last_month_by_section_exports_to_excel(editor, figures):
    _, last_month = figures
    start = last_month.replace(day=1)
    response = editor.get(
        f"/quan-tri/thong-ke/?start={start}&end={last_month}&period=month&xuat=xlsx"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Theo chuyên mục" in workbook.sheetnames
    sheet = workbook["Theo chuyên mục"]
    assert [c.value for c in sheet[3]][:2] == ["Chuyên mục", "Lượt xem"]
    assert [c.value for c in sheet[4]][:2] == ["Thời sự", 5]
    assert sheet.max_row == 4  # only last month's views


def test_weeks_and_months_group_the_days(editor, figures):
    today, last_month = figures
    response = editor.get(
        f"/quan-tri/thong-ke/?start={last_month}&end={today}&period=month&kind=article"
    )
    periods = response.context["tables"]["periods"]["rows"]
    assert periods[0] == [f"{last_month:%m/%Y}", 5] and periods[-1] == [f"{today:%m/%Y}", 10]


@pytest.mark.parametrize(
    "query", ["start=2026-12-09&end=2026-12-01", "start=hôm-qua", "start=1900-01-01&end=2026-01-01"]
)
def test_bad_ranges_get_a_message_not_a_500(editor, query):
    response = editor.get(f"/quan-tri/thong-ke/?{query}")
    assert response.status_code == 400
    assert (
        "error-message" in response.content.decode() or "help-critical" in response.content.decode()
    )


def test_json_export_needs_the_api_key(settings, figures):
    client = Client()
    settings.TOASOAN_STATISTICS = {**settings.TOASOAN_STATISTICS, "API_KEY": ""}
    assert client.get("/api/thong-ke/").status_code == 404
    settings.TOASOAN_STATISTICS = {**settings.TOASOAN_STATISTICS, "API_KEY": "bi-mat-123"}
    assert client.get("/api/thong-ke/?key=sai").status_code == 403
    response = client.get("/api/thong-ke/", HTTP_X_API_KEY="bi-mat-123")
    data = response.json()
    assert data["total"] == 26  # the last 30 days by default
    assert data["tables"]["devices"]["rows"] == [["Điện thoại", 15], ["Máy tính", 6]]
    assert client.get("/api/thong-ke/?key=bi-mat-123&start=x").status_code == 400
