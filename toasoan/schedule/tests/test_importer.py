"""XLSX import of a week: the usual layout, merged day cells, dates as text, empty rows; each
bad row named with its number, and nothing written when any row is bad."""

import datetime as dt

import pytest

from toasoan.organisation.models import Person, Position, Unit
from toasoan.schedule.importer import import_sheet, read_sheet
from toasoan.schedule.models import ScheduleItem

from .xlsx import sheet

TODAY = dt.date(2026, 12, 8)


def test_usual_layout_with_merged_day_cells_and_text_dates():
    data = sheet(
        [
            [
                "Thứ Hai, 07/12/2026",
                "7h30",
                "Giao ban tuần",
                "Lãnh đạo Ban",
                "Phòng họp 1",
                "Trưởng ban Nguyễn Văn An",
                "Văn phòng",
            ],
            [None, "14h00 - 16h00", "Làm việc với doanh nghiệp", "", "KCN Sóng Thần", "", ""],
            [None, None, None, None, None, None, None],  # an empty row inside the day
            ["Thứ Ba 08/12", "Sáng", "Dự họp UBND tỉnh", "", "", "", ""],
            [dt.datetime(2026, 12, 9), dt.time(8, 0), "Kiểm tra môi trường", "", "", "", ""],
        ],
        title_rows=[["LỊCH CÔNG TÁC TUẦN 50"], []],
        merges=["A4:A6"],
    )
    result = read_sheet(data, today=TODAY)
    assert result.errors == []
    got = [(i.row, i.date, i.start_time, i.time_note, i.content) for i in result.items]
    assert got == [
        (4, dt.date(2026, 12, 7), dt.time(7, 30), "", "Giao ban tuần"),
        (5, dt.date(2026, 12, 7), dt.time(14, 0), "14h00 - 16h00", "Làm việc với doanh nghiệp"),
        (7, dt.date(2026, 12, 8), None, "Sáng", "Dự họp UBND tỉnh"),
        (8, dt.date(2026, 12, 9), dt.time(8, 0), "", "Kiểm tra môi trường"),
    ]


def test_horizontal_merge_is_a_banner_not_copied_across_columns():
    data = sheet(
        [
            ["THỨ HAI, 07/12/2026", None, None, None, None, None, None],  # a day banner
            [None, "Chiều", "Làm việc tại cơ quan", None, None, None, None],
            [None, "8h", "Họp", "Lãnh đạo", "Phòng 1", "Trưởng ban", "Văn phòng"],
        ],
        merges=["A2:G2", "C3:G3"],
    )
    result = read_sheet(data, today=TODAY)
    assert result.errors == []
    first, second = result.items
    assert (first.date, first.time_note, first.content) == (dt.date(2026, 12, 7), "Chiều",
                                                            "Làm việc tại cơ quan")  # fmt: skip
    assert (first.participants, first.place, first.host_name) == ("", "", "")
    assert (second.place, second.preparing_unit) == ("Phòng 1", "Văn phòng")


def test_vertical_merge_of_place_is_copied_down():
    data = sheet(
        [["07/12/2026", "8h", "Việc một", "", "Hội trường"], [None, "9h", "Việc hai", "", None]],
        merges=["E2:E3"],
    )
    assert [i.place for i in read_sheet(data, today=TODAY).items] == ["Hội trường"] * 2


def test_day_written_once_carries_to_rows_below_without_merging():
    data = sheet([["07/12/2026", "8h", "Việc một", "", "", "", ""], [None, "9h", "Việc hai"]])
    items = read_sheet(data, today=TODAY).items
    assert [i.date for i in items] == [dt.date(2026, 12, 7)] * 2


def test_headings_without_accents_and_other_order():
    data = sheet([["Họp", "07/12/2026"]], header=["Noi dung", "Ngay"])
    result = read_sheet(data, today=TODAY)
    assert result.errors == [] and result.items[0].content == "Họp"


def test_wrong_columns_are_named():
    result = read_sheet(sheet([["x", "y"]], header=["Ngày", "Việc"]), today=TODAY)
    assert result.items == []
    assert "Không tìm thấy dòng tiêu đề" in result.errors[0]
    result = read_sheet(sheet([["x", "y"]], header=["Nội dung", "Địa điểm"]), today=TODAY)
    assert result.errors == ["Dòng 1 (tiêu đề): thiếu cột Thứ/Ngày."]


def test_bad_rows_each_get_a_message_with_their_row_number():
    data = sheet(
        [
            ["Thứ Hai, 07/12/2026", "7h30", "Giao ban"],
            ["32/13/2026", "8h", "Ngày không có"],
            ["hôm nay", "8h", "Ngày không đọc được"],
            ["Thứ Tư, 07/12/2026", "8h", "Sai thứ"],
            ["08/12/2026", "25h00", "Sai giờ"],
            [None, None, None, "Thành phần không có nội dung"],
        ]
    )
    errors = read_sheet(data, today=TODAY).errors
    assert errors[0] == "Dòng 3: ngày “32/13/2026” không có trên lịch."
    assert errors[1].startswith("Dòng 4: không đọc được ngày “hôm nay”")
    assert errors[2].startswith("Dòng 5: “Thứ Tư, 07/12/2026”: ngày 07/12/2026 là Thứ Hai")
    assert errors[3] == "Dòng 6: giờ “25h00” không hợp lệ."
    assert errors[4] == "Dòng 7: thiếu nội dung công việc (cột Nội dung)."
    assert len(errors) == 5


def test_first_item_without_a_day_is_refused():
    errors = read_sheet(sheet([[None, "8h", "Không có ngày"]]), today=TODAY).errors
    assert errors == ["Dòng 2: chưa có ngày; hãy ghi ngày ở cột Thứ/Ngày."]


def test_not_an_xlsx_file():
    errors = read_sheet(b"Thu/Ngay;Noi dung\n07/12;Hop", today=TODAY).errors
    assert errors == ["Tệp không phải bảng tính XLSX hợp lệ (Excel 2007 trở lên)."]


def test_only_header_is_an_error():
    errors = read_sheet(sheet([[None] * 7, [None] * 7]), today=TODAY).errors
    assert errors == ["Bảng tính không có mục lịch công tác nào dưới dòng tiêu đề."]


@pytest.mark.django_db
def test_nothing_is_written_when_one_row_is_bad():
    data = sheet([["07/12/2026", "8h", "Tốt"], ["31/02/2026", "8h", "Xấu"]])
    result = import_sheet(data, today=TODAY)
    assert not result.ok and result.created == 0
    assert ScheduleItem.objects.count() == 0


@pytest.mark.django_db
def test_import_links_hosts_and_replaces_the_days_marking_changes():
    unit = Unit.objects.create(name="Lãnh đạo Ban", slug="ld")
    an = Person.objects.create(full_name="Nguyễn Văn An", slug="an")
    Position.objects.create(person=an, unit=unit, title="Trưởng ban")
    first = sheet(
        [
            ["07/12/2026", "7h30", "Giao ban", "", "", "Trưởng ban Nguyễn Văn An", ""],
            [None, "14h", "Tiếp doanh nghiệp", "", "", "", ""],
        ]
    )
    result = import_sheet(first, today=TODAY)
    assert result.ok and result.created == 2
    assert ScheduleItem.objects.get(content="Giao ban").host == an
    assert not ScheduleItem.objects.filter(adjusted_at__isnull=False).exists()
    second = sheet(
        [
            ["07/12/2026", "7h30", "Giao ban", "", "", "Trưởng ban Nguyễn Văn An", ""],
            [None, "15h", "Tiếp doanh nghiệp", "", "", "", ""],  # moved: an adjustment
        ]
    )
    result = import_sheet(second, today=TODAY)
    assert result.ok and result.replaced == 2 and ScheduleItem.objects.count() == 2
    assert ScheduleItem.objects.get(content="Giao ban").adjusted_at is None
    assert ScheduleItem.objects.get(content="Tiếp doanh nghiệp").adjusted_at is not None
