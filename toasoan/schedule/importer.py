"""Import a week of the schedule from an XLSX sheet in the usual layout.

Columns (any order, found by their heading, accents optional): Thứ/Ngày, Thời gian, Nội dung,
Thành phần, Địa điểm, Chủ trì, Đơn vị chuẩn bị. Day cells are often merged over the day's rows
or left blank under the first one: both carry the day down. Dates may be real dates or text
("Thứ Hai, 07/12/2026", "07/12"). Every bad row gets a Vietnamese message with its row number
and nothing is written unless the whole sheet is good (one transaction).
"""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from toasoan.vi.text import fold_accents, search_key

# Column key -> heading as shown in messages; the folded headings that name it.
COLUMNS = {
    "day": ("Thứ/Ngày", ("thu/ngay", "thu, ngay", "thu ngay", "ngay", "thu", "ngay thang")),
    "time": ("Thời gian", ("thoi gian", "gio")),
    "content": ("Nội dung", ("noi dung", "noi dung cong viec")),
    "participants": ("Thành phần", ("thanh phan", "thanh phan tham du")),
    "place": ("Địa điểm", ("dia diem",)),
    "host": ("Chủ trì", ("chu tri", "lanh dao chu tri")),
    "preparing_unit": ("Đơn vị chuẩn bị", ("don vi chuan bi", "chuan bi")),
}
REQUIRED = ("day", "content")
MAX_LENGTHS = {"place": 255, "host": 255, "preparing_unit": 255}
_HEADER_SCAN_ROWS = 20

_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2,4}))?(?!\d)")
_TIME_RE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:h|g|gio|:)\s*(\d{1,2})?", re.IGNORECASE)
_WEEKDAYS = {
    "thu hai": 0, "thu 2": 0, "thu ba": 1, "thu 3": 1, "thu tu": 2, "thu 4": 2,
    "thu nam": 3, "thu 5": 3, "thu sau": 4, "thu 6": 4, "thu bay": 5, "thu 7": 5,
    "chu nhat": 6, "cn": 6,
}  # fmt: skip
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b")


@dataclass
class ParsedItem:
    row: int
    date: dt.date
    start_time: dt.time | None
    time_note: str
    content: str
    participants: str
    place: str
    host_name: str
    preparing_unit: str


@dataclass
class ImportResult:
    items: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    created: int = 0
    replaced: int = 0

    @property
    def ok(self):
        return not self.errors


class ScheduleImportError(Exception):
    pass


def read_sheet(data, today=None):
    """Parse XLSX bytes into items; errors (Vietnamese, with row numbers) instead of raising."""
    result = ImportResult()
    try:
        rows = _rows(data)
    except ScheduleImportError as error:
        result.errors.append(str(error))
        return result
    header_row, columns = _header(rows, result)
    if header_row is None:
        return result
    year = _year_hint(rows, header_row, columns["day"], today or dt.date.today())
    _read_rows([r for r in rows if r[0] > header_row], columns, year, result)
    if not result.items and not result.errors:
        result.errors.append(_("Bảng tính không có mục lịch công tác nào dưới dòng tiêu đề."))
    return result


def _header(rows, result):
    header_row, columns = _find_header(rows)
    if header_row is None:
        result.errors.append(
            _("Không tìm thấy dòng tiêu đề. Bảng cần các cột: %(columns)s.")
            % {"columns": ", ".join(label for label, _names in COLUMNS.values())}
        )
        return None, {}
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns]
    if missing:
        result.errors.append(
            _("Dòng %(row)s (tiêu đề): thiếu cột %(missing)s.")
            % {"row": header_row, "missing": ", ".join(missing)}
        )
        return None, {}
    return header_row, columns


def _read_rows(rows, columns, year, result):
    current_day = None
    for number, row in rows:
        cells = {key: _text(row, index) for key, index in columns.items()}
        if not any(cells.values()):
            continue  # an empty row
        if cells["day"]:
            day, error = _parse_day(row[columns["day"]], cells["day"], year)
            if error:
                result.errors.append(_("Dòng %(row)s: %(error)s") % {"row": number, "error": error})
                current_day = None
                continue
            current_day = day
        if not cells["content"]:
            if any(v for k, v in cells.items() if k != "day"):
                result.errors.append(
                    _("Dòng %(row)s: thiếu nội dung công việc (cột Nội dung).") % {"row": number}
                )
            continue  # a row that only names the day, as many sheets have
        if current_day is None:
            result.errors.append(
                _("Dòng %(row)s: chưa có ngày; hãy ghi ngày ở cột Thứ/Ngày.") % {"row": number}
            )
            continue
        item, error = _item(number, current_day, row, columns, cells)
        if error:
            result.errors.append(_("Dòng %(row)s: %(error)s") % {"row": number, "error": error})
        else:
            result.items.append(item)


def import_sheet(data, replace=True, today=None):
    """Read the sheet and, only if every row is good, write it in one transaction.

    With ``replace`` the items already on the sheet's days are replaced; an item that comes
    back unchanged keeps its publication time, anything new on a published day is marked
    "Điều chỉnh".
    """
    from django.utils import timezone

    from .models import ScheduleItem

    result = read_sheet(data, today=today)
    if not result.ok:
        return result
    hosts = _host_lookup()
    days = {item.date for item in result.items}
    now = timezone.now()
    with transaction.atomic():
        old = {}
        if replace:
            existing = list(ScheduleItem.objects.filter(date__in=days))
            old = {_signature(i): i for i in existing}
            published_days = {i.date for i in existing if i.published_at}
            result.replaced = len(existing)
            ScheduleItem.objects.filter(pk__in=[i.pk for i in existing]).delete()
        else:
            published_days = set()
        for parsed in result.items:
            item = ScheduleItem(
                date=parsed.date,
                start_time=parsed.start_time,
                time_note=parsed.time_note,
                content=parsed.content,
                participants=parsed.participants,
                place=parsed.place,
                host=_match_host(parsed.host_name, hosts),
                host_name=parsed.host_name,
                preparing_unit=parsed.preparing_unit,
            )
            before = old.get(_signature(item))
            if before is not None:
                item.published_at, item.adjusted_at = before.published_at, before.adjusted_at
            elif parsed.date in published_days:
                item.published_at = item.adjusted_at = now
            item.save()
            result.created += 1
    return result


def _signature(item):
    return (
        item.date, item.start_time, item.time_note, search_key(item.content),
        search_key(item.place), search_key(item.host_name), search_key(item.participants),
        search_key(item.preparing_unit),
    )  # fmt: skip


def _rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ScheduleImportError(
            _("Tệp không phải bảng tính XLSX hợp lệ (Excel 2007 trở lên).")
        ) from error
    sheet = workbook.worksheets[0]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    # A merged range keeps its value in the top-left cell only. Copy it down the range's first
    # column, so a day merged over four rows dates all four; never across columns, where a
    # merge is a banner ("Chiều: làm việc tại cơ quan" over Nội dung…Đơn vị chuẩn bị) and
    # copying it would fill the place, host and unit with the content.
    for merged in sheet.merged_cells.ranges:
        column = merged.min_col - 1
        value = grid[merged.min_row - 1][column]
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            if column < len(grid[r]):
                grid[r][column] = value
    return [(number, row) for number, row in enumerate(grid, start=1)]


def _find_header(rows):
    for number, row in rows[:_HEADER_SCAN_ROWS]:
        columns = {}
        for index, cell in enumerate(row):
            key = _column_key(cell)
            if key and key not in columns:
                columns[key] = index
        if "content" in columns and len(columns) >= 2:
            return number, columns
    return None, {}


def _column_key(cell):
    if cell is None:
        return None
    heading = search_key(str(cell)).replace(" / ", "/")
    for key, (_label, names) in COLUMNS.items():
        if heading in names:
            return key
    return None


def _text(row, index):
    value = row[index] if index < len(row) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _year_hint(rows, header_row, day_column, today):
    """Dates written without a year ("07/12") take the year of a full date elsewhere on the
    sheet, else the current year."""
    for number, row in rows:
        if number <= header_row or day_column >= len(row):
            continue
        value = row[day_column]
        if isinstance(value, dt.date):
            return value.year
        match = _DATE_RE.search(str(value or ""))
        if match and match[3]:
            return _full_year(int(match[3]))
    return today.year


def _full_year(year):
    return year + 2000 if year < 100 else year


def _parse_day(raw, text, year):
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    match = _DATE_RE.search(text)
    if not match:
        return None, _("không đọc được ngày “%(text)s” (ghi dạng 07/12/2026).") % {"text": text}
    day, month = int(match[1]), int(match[2])
    full_year = _full_year(int(match[3])) if match[3] else year
    try:
        value = dt.date(full_year, month, day)
    except ValueError:
        return None, _("ngày “%(text)s” không có trên lịch.") % {"text": text}
    weekday = _WEEKDAY_RE.search(fold_accents(text).lower())
    if weekday and _WEEKDAYS[weekday[1]] != value.weekday():
        from toasoan.vi.dates import weekday_name

        return None, _("“%(text)s”: ngày %(date)s là %(weekday)s, không khớp thứ đã ghi.") % {
            "text": text,
            "date": value.strftime("%d/%m/%Y"),
            "weekday": weekday_name(value),
        }
    return value, None


def _parse_time(raw, text):
    """(start time or None, note to show, error)."""
    if isinstance(raw, dt.datetime):
        return raw.time().replace(second=0, microsecond=0), "", None
    if isinstance(raw, dt.time):
        return raw.replace(second=0, microsecond=0), "", None
    if isinstance(raw, float) and 0 <= raw < 1:  # an Excel time stored as a day fraction
        minutes = round(raw * 24 * 60)
        return dt.time(minutes // 60, minutes % 60), "", None
    if not text:
        return None, "", None
    match = _TIME_RE.search(fold_accents(text).lower())
    if not match:
        return None, text, None  # "Sáng", "Cả ngày": shown as written
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None, "", _("giờ “%(text)s” không hợp lệ.") % {"text": text}
    start = dt.time(hour, minute)
    plain = re.fullmatch(r"\d{1,2}\s*(h|g|giờ|:)\s*(\d{1,2})?", text.strip(), re.IGNORECASE)
    return start, "" if plain else text, None


def _item(number, day, row, columns, cells):
    raw_time = row[columns["time"]] if "time" in columns and columns["time"] < len(row) else None
    start, note, error = _parse_time(raw_time, cells.get("time", ""))
    if error:
        return None, error
    if len(note) > 100:
        return None, _("ghi chú thời gian dài quá 100 ký tự.")
    for key, limit in MAX_LENGTHS.items():
        if len(cells.get(key, "")) > limit:
            return None, _("cột %(column)s dài quá %(limit)s ký tự.") % {
                "column": COLUMNS[key][0],
                "limit": limit,
            }
    return (
        ParsedItem(
            row=number,
            date=day,
            start_time=start,
            time_note=note,
            content=cells["content"],
            participants=cells.get("participants", ""),
            place=cells.get("place", ""),
            host_name=cells.get("host", ""),
            preparing_unit=cells.get("preparing_unit", ""),
        ),
        None,
    )


def _host_lookup():
    from toasoan.organisation.models import Person

    return [(search_key(p.full_name), p) for p in Person.objects.all()]


def _match_host(text, hosts):
    """The person whose full name appears in the "Chủ trì" cell ("Trưởng ban Nguyễn Văn An")."""
    key = search_key(text)
    if not key:
        return None
    found = [person for name, person in hosts if name and name in key]
    return found[0] if len(found) == 1 else None
