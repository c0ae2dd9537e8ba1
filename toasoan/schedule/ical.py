"""A small iCalendar (RFC 5545) writer for the schedule feed.

No maintained iCalendar library is installed in this project; what the feed needs is small:
text escaping (3.3.11), line folding at 75 octets without splitting a UTF-8 character (3.1),
CRLF line ends, and local times with ``TZID=Asia/Ho_Chi_Minh`` plus the matching VTIMEZONE
(Vietnam has kept UTC+7 without daylight saving since 1975).
"""

import datetime as dt

TZID = "Asia/Ho_Chi_Minh"
_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:+07",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value):
    """Escape a TEXT value: backslash, semicolon, comma and line breaks.

    >>> escape_text("Họp; giao ban, tuần\\nPhòng 1")
    'Họp\\\\; giao ban\\\\, tuần\\\\nPhòng 1'
    """
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line):
    """Split a content line into lines of at most 75 octets, continuation lines starting
    with one space, never inside a multi-byte character."""
    out, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size = " ", 1  # the leading space counts toward the next line's octets
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc_stamp(moment):
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(uid, stamp, day, start_time, summary, location="", description=""):
    """The lines of one VEVENT; an item without a time is an all-day event."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc_stamp(stamp)}"]
    if start_time is None:
        lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}")
    else:
        lines.append(f"DTSTART;TZID={TZID}:{day:%Y%m%d}T{start_time:%H%M%S}")
    lines.append(f"SUMMARY:{escape_text(summary)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(name, events):
    """The whole VCALENDAR as a string with CRLF line ends; ``events`` are lists of lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Toa soan//Lich cong tac//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *_VTIMEZONE,
    ]
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
