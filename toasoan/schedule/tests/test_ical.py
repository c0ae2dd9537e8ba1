"""The iCalendar writer: escaping, folding at 75 octets on character boundaries, TZID."""

import datetime as dt

from toasoan.schedule import ical


def test_escape_text():
    assert ical.escape_text("a;b,c\\d\r\ne") == "a\\;b\\,c\\\\d\\ne"


def test_fold_keeps_lines_within_75_octets_and_whole_characters():
    line = "SUMMARY:" + "Hội nghị triển khai nhiệm vụ trọng tâm " * 6
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_short_line_is_not_folded():
    assert ical.fold("VERSION:2.0") == "VERSION:2.0"


def test_calendar_has_crlf_timezone_and_local_times():
    stamp = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)
    timed = ical.event_lines("a@x", stamp, dt.date(2026, 12, 7), dt.time(7, 30), "Giao ban")
    allday = ical.event_lines("b@x", stamp, dt.date(2026, 12, 12), None, "Trực lãnh đạo")
    text = ical.calendar("Lịch công tác", [timed, allday])
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T073000\r\n" in text
    assert "TZID:Asia/Ho_Chi_Minh\r\n" in text and "TZOFFSETTO:+0700" in text
    assert "DTSTART;VALUE=DATE:20261212\r\nDTEND;VALUE=DATE:20261213\r\n" in text
    assert "DTSTAMP:20261207T010000Z" in text
    assert text.count("BEGIN:VEVENT") == 2
