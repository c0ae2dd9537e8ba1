"""Vietnamese dates: weekday names, long and short formats, relative time, parsing.

Everything is shown in Vietnam's time (Asia/Ho_Chi_Minh) whatever ``TIME_ZONE`` says, so the
masthead date flips at midnight in Hà Nội, not at midnight UTC. The UI strings are
translatable with Vietnamese as the source language, so Django's own ``vi`` catalogue (which
writes "Thứ 7" for Saturday) never decides how a date reads.
"""

# ParsedDate has fields named "date" and "time"; lazy annotations keep them from shadowing the
# types while the class body runs.
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from datetime import timezone as fixed_timezone
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from toasoan.vi.text import fold_accents, nfc

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Index = date.weekday(): Monday is 0.
WEEKDAYS = (
    pgettext_lazy("weekday", "Thứ Hai"),
    pgettext_lazy("weekday", "Thứ Ba"),
    pgettext_lazy("weekday", "Thứ Tư"),
    pgettext_lazy("weekday", "Thứ Năm"),
    pgettext_lazy("weekday", "Thứ Sáu"),
    pgettext_lazy("weekday", "Thứ Bảy"),
    pgettext_lazy("weekday", "Chủ Nhật"),
)


def _local(value: date | datetime) -> date | datetime:
    # Naive datetimes are taken as Vietnam wall-clock time, which is what editors type.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value, VIETNAM_TZ)
    return value


def _local_date(value: date | datetime) -> date:
    value = _local(value)
    return value.date() if isinstance(value, datetime) else value


def weekday_name(d: date | datetime) -> str:
    """Return the Vietnamese weekday of ``d`` (aware datetimes are read in Vietnam time).

    >>> weekday_name(date(2020, 7, 4))
    'Thứ Bảy'
    """
    return str(WEEKDAYS[_local_date(d).weekday()])


def long_date(d: date | datetime) -> str:
    """Return the masthead form of a date, without zero padding.

    >>> long_date(date(2020, 7, 4))
    'Thứ Bảy, ngày 4 tháng 7 năm 2020'
    """
    day = _local_date(d)
    return pgettext("long date", "%(weekday)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "weekday": weekday_name(day),
        "day": day.day,
        "month": day.month,
        "year": day.year,
    }


def short_date(d: date | datetime) -> str:
    """Return ``dd/mm/yyyy`` in Vietnam time.

    >>> short_date(date(2020, 7, 4))
    '04/07/2020'
    """
    day = _local_date(d)
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def short_datetime(dt: datetime) -> str:
    """Return ``dd/mm/yyyy HH:MM``, converting aware datetimes to Vietnam time.

    >>> short_datetime(datetime(2020, 7, 4, 1, 30, tzinfo=UTC))
    '04/07/2020 08:30'
    """
    local = _local(dt)
    return f"{short_date(local)} {local.hour:02d}:{local.minute:02d}"


def today_local() -> date:
    """Return today's date in Vietnam, even when ``TIME_ZONE`` is something else.

    At 2020-07-03 17:30 UTC this is ``date(2020, 7, 4)``: it is already Saturday in Hà Nội.
    """
    # An explicit UTC "now" keeps this working when USE_TZ is off (timezone.now() is naive).
    return timezone.localdate(datetime.now(UTC), timezone=VIETNAM_TZ)


def relative_time(dt: date | datetime, now: datetime | None = None) -> str:
    """Return how long ago ``dt`` was: "vừa xong", "5 phút trước", "2 giờ trước", "3 ngày trước".

    Up to and including 7 days; older times, future times and plain dates (which carry
    no hour to count from) give the short date instead.

    >>> relative_time(datetime(2020, 7, 4, 8, 0), now=datetime(2020, 7, 4, 10, 15))
    '2 giờ trước'
    """
    if not isinstance(dt, datetime):
        return short_date(dt)
    delta = _aware(now or timezone.now()) - _aware(dt)
    if delta < timedelta(0) or delta > timedelta(days=7):
        return short_date(dt)
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return pgettext("relative time", "vừa xong")
    if seconds < 3600:
        return _ago("%(count)d phút trước", seconds // 60)
    if seconds < 86400:
        return _ago("%(count)d giờ trước", seconds // 3600)
    return _ago("%(count)d ngày trước", delta.days)


def _ago(message: str, count: int) -> str:
    # Vietnamese has one form; the plural slot is there for languages that need it.
    return npgettext("relative time", message, message, count) % {"count": count}


def _aware(value: datetime) -> datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value, VIETNAM_TZ)


@dataclass(frozen=True)
class ParsedDate:
    """What ``parse_vietnamese_date`` found.

    ``date`` is always set; ``time`` is ``None`` when the text gave none; ``utc_offset`` is
    set only when the text named one ("GMT+7"), otherwise Vietnam time is assumed.
    """

    date: date
    time: time | None = None
    utc_offset: timedelta | None = None

    @property
    def value(self) -> date | datetime:
        """The plain ``date`` when no time was found, else the aware datetime."""
        return self.date if self.time is None else self.to_datetime()

    def to_datetime(self) -> datetime:
        """Return an aware datetime; a missing time counts as midnight."""
        tzinfo = VIETNAM_TZ if self.utc_offset is None else fixed_timezone(self.utc_offset)
        return datetime.combine(self.date, self.time or time.min, tzinfo=tzinfo)


# The patterns run on folded, lower-case text ("thứ bảy" -> "thu bay"), so NFD input, upper
# case and either tone placement all read the same.
_WORD_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,|nam)\s*(\d{4})(?!\d)")
# The same separator twice, so "7-2020/5" is not taken for a date.
_NUMERIC_DATE_RE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_TIME_RE = re.compile(r"(?<![\d:])(\d{1,2})(?::|h|g)(\d{2})(?::(\d{2}))?(?![\d:])")
_OFFSET_RE = re.compile(r"(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?")


def parse_vietnamese_date(text: str | None) -> ParsedDate | None:
    """Find the first valid date (and a time, if any) in a Vietnamese date line.

    Reads "Thứ Bảy, ngày 4 tháng 7 năm 2020", "04/07/2020", "4-7-2020", "4.7.2020",
    "Cập nhật: 04/07/2020 08:30", "08:30 04/07/2020", "8h30 ngày 4/7/2020" and
    "Thứ bảy, 04/07/2020, 08:30 (GMT+7)". Weekday words ("Thứ Bảy", "CN") are allowed but not
    checked against the date. Years need four digits. Returns ``None`` when no valid date is
    found; impossible days or months ("31/02/2020") never raise.

    >>> parse_vietnamese_date("Cập nhật: 04/07/2020 08:30")
    ParsedDate(date=datetime.date(2020, 7, 4), time=datetime.time(8, 30), utc_offset=None)
    """
    if not text:
        return None
    folded = fold_accents(nfc(text).casefold())
    found = _find_date(folded)
    if found is None:
        return None
    offset, folded = _find_offset(folded)
    return ParsedDate(date=found, time=_find_time(folded), utc_offset=offset)


def _find_date(text: str) -> date | None:
    candidates = [(m.start(), m[1], m[2], m[3]) for m in _WORD_DATE_RE.finditer(text)]
    candidates += [(m.start(), m[1], m[3], m[4]) for m in _NUMERIC_DATE_RE.finditer(text)]
    for _position, day, month, year in sorted(candidates):
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def _find_offset(text: str) -> tuple[timedelta | None, str]:
    match = _OFFSET_RE.search(text)
    if match is None:
        return None, text
    sign = -1 if match[1] == "-" else 1
    offset = sign * timedelta(hours=int(match[2]), minutes=int(match[3] or 0))
    # Blank the offset out so "+07:00" is not read as the time of day.
    blanked = text[: match.start()] + " " * len(match[0]) + text[match.end() :]
    if abs(offset) >= timedelta(hours=24):
        return None, blanked
    return offset, blanked


def _find_time(text: str) -> time | None:
    for match in _TIME_RE.finditer(text):
        try:
            return time(int(match[1]), int(match[2]), int(match[3] or 0))
        except ValueError:
            continue
    return None
