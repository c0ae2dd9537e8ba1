"""The public week view, its week navigation and leader filter, the feed and the marking of
items changed after publication."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from toasoan.news.tests.factories import make_home
from toasoan.organisation.models import Person, Position, Unit
from toasoan.schedule.models import ScheduleItem

NOW = dt.datetime(2026, 12, 8, 3, 0, tzinfo=dt.UTC)  # Tuesday 8/12/2026, 10:00 in Hà Nội


@pytest.fixture(autouse=True)
def _site(db):
    cache.clear()
    make_home()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture
def week(db):
    unit = Unit.objects.create(name="Lãnh đạo Ban", slug="ld")
    an = Person.objects.create(full_name="Nguyễn Văn An", slug="an")
    binh = Person.objects.create(full_name="Trần Thị Bình", slug="binh")
    for person in (an, binh):
        Position.objects.create(person=person, unit=unit, title="Lãnh đạo")
    ScheduleItem.objects.create(date=dt.date(2026, 12, 7), start_time=dt.time(7, 30),
                                content="Giao ban tuần", host=an)  # fmt: skip
    ScheduleItem.objects.create(date=dt.date(2026, 12, 8), start_time=dt.time(14, 0),
                                content="Tiếp doanh nghiệp", host=binh)  # fmt: skip
    ScheduleItem.objects.create(date=dt.date(2026, 11, 30), content="Họp tuần trước", host=an)
    return {"an": an, "binh": binh}


def test_this_week_with_today_highlighted(client, week):
    html = client.get("/lich-cong-tac/").content.decode()
    assert "Giao ban tuần" in html and "Tiếp doanh nghiệp" in html
    assert "Họp tuần trước" not in html
    assert 'schedule-day--today" aria-labelledby="ngay-20261208" aria-current="date"' in html
    assert "Thứ Hai, 07/12/2026" in html
    assert '?tuan=2026-W49" rel="prev"' in html and '?tuan=2026-W51" rel="next"' in html


def test_previous_week(client, week):
    html = client.get("/lich-cong-tac/?tuan=2026-W49").content.decode()
    assert "Họp tuần trước" in html and "Giao ban tuần" not in html
    assert "Tuần từ 30/11/2026 đến 06/12/2026" in html


@pytest.mark.parametrize("value", ["2026-W60", "abc", "2026-W00", "9999-W01", "2021-W53"])
def test_bad_week_gives_a_message_and_this_week(client, week, value):
    response = client.get("/lich-cong-tac/", {"tuan": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "không phải một tuần" in html and "Giao ban tuần" in html


def test_leader_filter(client, week):
    html = client.get("/lich-cong-tac/?lanh-dao=binh").content.decode()
    assert "Tiếp doanh nghiệp" in html and "Giao ban tuần" not in html
    for value in ("khong-co", "khong\x00co", "x" * 5000):
        html = client.get("/lich-cong-tac/", {"lanh-dao": value}).content.decode()
        assert "Không có lãnh đạo này" in html and "Giao ban tuần" in html


def test_change_after_publication_is_marked(client, week):
    item = ScheduleItem.objects.get(content="Giao ban tuần")
    assert item.published_at and item.adjusted_at is None
    item.save()  # saving without a change is not an adjustment
    assert item.adjusted_at is None
    item.start_time = dt.time(8, 0)
    item.save()
    assert item.adjusted_at is not None
    html = client.get("/lich-cong-tac/").content.decode()
    assert 'badge--adjusted">Điều chỉnh</span> Giao ban tuần' in html


def test_ical_feed(client, week):
    response = client.get("/lich-cong-tac/lich.ics?lanh-dao=an")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T073000" in text
    assert "SUMMARY:Giao ban tuần" in text and "Tiếp doanh nghiệp" not in text
    assert text.count("BEGIN:VEVENT") == 2


def test_schedule_changes_invalidate_the_page_cache():
    from toasoan.ops.invalidation import watched_labels

    assert "schedule" in watched_labels() and "organisation" in watched_labels()


def test_admin_import_page(admin_client, week):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .xlsx import sheet

    bad = SimpleUploadedFile("lich.xlsx", sheet([["07/12/2026", "8h", "A"], ["x", "8h", "B"]]))
    response = admin_client.post("/quan-tri/lich-cong-tac/nhap/", {"file": bad, "replace": "on"})
    html = response.content.decode()
    assert response.status_code == 200 and "Dòng 3: không đọc được ngày “x”" in html
    assert ScheduleItem.objects.count() == 3
    good = SimpleUploadedFile("lich.xlsx", sheet([["14/12/2026", "8h", "Họp tuần sau"]]))
    response = admin_client.post("/quan-tri/lich-cong-tac/nhap/", {"file": good, "replace": "on"})
    assert response.status_code == 302
    assert ScheduleItem.objects.filter(content="Họp tuần sau").exists()
