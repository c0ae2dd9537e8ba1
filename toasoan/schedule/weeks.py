"""ISO weeks as the schedule's URLs write them: ``?tuan=2026-W50``."""

import datetime as dt
import re

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_week(value):
    """The Monday of an ISO week written ``2026-W50``; None when the value is not a week.

    >>> parse_week("2026-W50")
    datetime.date(2026, 12, 7)
    """
    match = _WEEK_RE.match(value or "")
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not 1900 <= year <= 2200:
        return None
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:  # week 53 of a 52-week year, week 0
        return None


def week_key(monday):
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day):
    return day - dt.timedelta(days=day.weekday())
