"""Plain-text page dumps: the text a browser gives when an old article page is saved as text.

The page reads top to bottom as: masthead and menu, the date line, the title, the body, the
byline, then comment form, "Tin khác" / "Thông báo" lists. Paragraphs are separated by blank
lines or by single newlines. See ``parse_text`` for how each part is found.
"""

import re
from datetime import date, datetime, time

from toasoan.vi.dates import VIETNAM_TZ, parse_vietnamese_date

from ..bylines import looks_like_byline
from ..chrome import fold, is_chrome, is_end_heading, strip_chrome_segments
from .base import ImportFailure, ParsedArticle, clean_text, decode

# What may stand next to the date on a date line; anything else means it is a sentence.
# fmt: off
_DATE_WORDS = {
    "thu", "hai", "ba", "tu", "nam", "sau", "bay", "chu", "nhat", "cn", "ngay", "thang", "cap",
    "dang", "luc", "gio", "phut", "gmt", "utc", "xuat", "ban", "sua", "doi", "cuoi", "lan",
    "vao", "am", "pm", "sa", "ch", "sang", "chieu", "toi", "trua", "thoi", "gian", "h",
    "posted", "updated", "published", "on", "at", "date", "ngay dang", "tin", "bai", "g", "t",
}
# fmt: on
_DATE_TOKEN_RE = re.compile(
    r"\d{1,2}\s*thang\s*\d{1,2}\s*(?:,|nam)?\s*\d{4}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}(?:t[\d:]+)?"
    r"|\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?|[+-]\d{1,2}(?::?\d{2})?|\d+"
)
_ISO_RE = re.compile(
    r"(?<!\d)(?P<date>\d{4}-\d{2}-\d{2})(?:[ t](?P<hour>\d{1,2}):(?P<minute>\d{2}))?", re.I
)
_UPDATE_RE = re.compile(r"\bcap nhat\b|\bsua doi\b|\bupdated\b")
_TITLE_MAX = 250
_TITLE_MIN_WORDS = 4
# A portal's name printed above everything: "Cổng thông tin điện tử …", "Báo điện tử …".
_MASTHEAD_RE = re.compile(
    r"(?:cong|trang) thong tin\b|trang tin dien tu\b|(?:bao|tap chi) dien tu\b|website\b"
    r"|co quan chu quan\b"
)
_MAX_TRAILING_HEADLINES = 12
# "Tiêu đề tin khác (04/07/2020)": a headline listed with its date.
_LISTED_DATE_RE = re.compile(r"\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)$")
# A dateline: "Hà Nội, 04/07/2020", "TP.HCM, ngày 4/7/2020", "(Chinhphu.vn) - Hà Nội, 4-7-2020".
# An optional "(outlet) -" and a place name (capitalised words, no digits) before the comma;
# what follows the comma must itself read as a date line. (" - " arrives here as " | ", the
# separator ``strip_chrome_segments`` joins a line's parts with.)
_DATELINE_RE = re.compile(
    r"^(?:\((?P<outlet>[^()\d][^()]{0,38})\)\s*[-–—:|]?\s*)?(?P<place>[^\W\d_][^,\d]{0,39}?)\s*,\s*"
    r"(?P<rest>.+)$"
)
_PLACE_MAX_WORDS = 7
# "lúc 8 giờ 30", "8 giờ 30 phút", "8 h 30": the time as "8:30" for the date reader.
_WORDY_TIME_RE = re.compile(r"(?<![\d:])(\d{1,2})\s*(?:giờ|g|h)\s*(\d{2})(?:\s*phút)?(?!\d)", re.I)
_HOUR_ONLY_RE = re.compile(r"(\blúc\s+)(\d{1,2})\s*giờ\b(?!\s*\d)", re.I)
# A hard-wrapped line: long, unfinished, and the next line continues in lower case.
_WRAP_MIN = 60


def read_text(path):
    """Yield the one article of a page dump file."""
    yield parse_text(path.read_bytes(), str(path))


def parse_text(raw, file):
    """Read one page dump (bytes) into a ``ParsedArticle``; raise ``ImportFailure`` if unusable.

    Steps: decode and normalise (BOM, CRLF, NFD); split into numbered lines; find the date
    line; take the title next to it; read body lines until a closing heading such as
    "Tin khác"; drop chrome lines on the way; take a trailing byline off the body.
    """
    lines = _lines(decode(raw, file))
    if not lines:
        raise ImportFailure(file, "the file is empty", 1)
    date_index = _find_date_line(lines)
    published = None
    if date_index is not None:
        published = _parsed_date(lines[date_index][1])
    title_index = _find_title(lines, date_index)
    if title_index is None:
        raise ImportFailure(file, "no title found", (lines[0][0]))
    start = title_index + 1
    if date_index is not None and date_index > title_index:
        start = date_index + 1
    body = _body_lines(lines, start, skip={date_index})
    article = ParsedArticle(
        file=str(file), title=lines[title_index][1], line=lines[title_index][0], published=published
    )
    body = _take_byline(article, body)
    if not body:
        raise ImportFailure(file, "no body text found after the title", lines[title_index][0])
    article.blocks = [("paragraph", text) for _number, text in _unwrap(body)]
    return article


def _lines(text):
    numbered = []
    blank_before = False
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = clean_text(raw_line)
        if not line:
            blank_before = True
            continue
        numbered.append((number, line, blank_before))
        blank_before = False
    return [(n, line) for n, line, _ in numbered]


def _find_date_line(lines):
    found = []
    for index, (_number, line) in enumerate(lines[:40]):
        if len(line) <= 120 and _is_date_line(line):
            found.append(index)
    if not found:
        return None
    # "Cập nhật" is the last edit; the publication date wins when both are printed.
    for index in found:
        if not _UPDATE_RE.search(fold(lines[index][1])):
            return index
    return found[0]


def _is_date_line(line):
    line = _without_place(strip_chrome_segments(line))
    if not line or _parse_date(line) is None:
        return False
    rest = _DATE_TOKEN_RE.sub(" ", fold(_wordy_times(line)))
    words = re.findall(r"[a-z]+", rest)
    return all(word in _DATE_WORDS for word in words)


def _without_place(line):
    """The date part of a dateline ("Hà Nội, 04/07/2020" -> "04/07/2020"); else ``line``."""
    match = _DATELINE_RE.match(line)
    if match is None:
        return line
    words = [word for word in match["place"].split() if word not in ("-", "–", "—", "|")]
    if not words or len(words) > _PLACE_MAX_WORDS:
        return line
    # Place names are capitalised word by word: "Hà Nội", "TP.HCM", "Bà Rịa - Vũng Tàu".
    if not all(word[0].isupper() for word in words):
        return line
    return match["rest"]


def _wordy_times(line):
    line = _HOUR_ONLY_RE.sub(r"\g<1>\2:00", line)
    return _WORDY_TIME_RE.sub(r"\1:\2", line)


def _parse_date(line):
    found = parse_vietnamese_date(_wordy_times(line))
    if found is not None:
        return found.value
    # Some exports print ISO dates ("2020-07-04 08:30").
    match = _ISO_RE.search(line)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match["date"])
    except ValueError:
        return None
    if not match["hour"]:
        return day
    try:
        moment = time(int(match["hour"]), int(match["minute"]))
    except ValueError:
        return day
    return datetime.combine(day, moment, tzinfo=VIETNAM_TZ)


def _parsed_date(line):
    return _parse_date(_without_place(strip_chrome_segments(line)))


def _find_title(lines, date_index):
    if date_index is None:
        return _first_content(lines, 0)
    after = _first_content(lines, date_index + 1)
    before = _last_content_before(lines, date_index)
    if before is None:
        return after
    if after is None:
        return before
    # The reference layout prints the date above the title; some portals print it below, and
    # then the line after the date is the lead: a headline is short, a lead runs on.
    if _title_score(lines[after][1], 1.5) >= _title_score(lines[before][1], 1):
        return after
    return before


def _title_score(line, score):
    """How much ``line`` reads like a headline (higher is more likely), from ``score`` up."""
    if line.endswith((".", ":", ";", ",")) or len(line) > _TITLE_MAX:
        score -= 3
    # One point per 60 characters: a 40-character headline beats a 130-character lead.
    score -= len(line) / 60
    # "Lá ổi", "Thời sự": a subheading or a section label, rarely a headline.
    if len(line.split()) < _TITLE_MIN_WORDS:
        score -= 2
    if line.isupper():
        score -= 2
    if _MASTHEAD_RE.match(fold(line)):
        score -= 3
    return score


def _first_content(lines, start, stop=None):
    for index in range(start, len(lines) if stop is None else stop):
        line = lines[index][1]
        if is_end_heading(line):
            return None
        if not is_chrome(line):
            return index
    return None


def _last_content_before(lines, stop):
    for index in range(stop - 1, -1, -1):
        line = lines[index][1]
        if not is_chrome(line) and not is_end_heading(line):
            return index
    return None


def _sentence_like(line):
    return line.endswith((".", "!", "?", "…", '."', ".”")) or len(line) > _TITLE_MAX


def _body_lines(lines, start, skip):
    body = []
    for index in range(start, len(lines)):
        number, line = lines[index]
        if index in skip:
            continue
        if is_end_heading(line):
            break
        if is_chrome(line):
            continue
        body.append((number, line))
    return body


def _take_byline(article, body):
    # The byline closes the story; a list of other headlines whose heading was lost may follow
    # it, so look a few lines up as long as everything below reads like a headline.
    for back in range(1, min(_MAX_TRAILING_HEADLINES + 1, len(body)) + 1):
        line = body[-back][1]
        if looks_like_byline(line):
            article.set_byline(line)
            rest = body[: len(body) - back]
            # "Huyền Thanh" on one line and "Theo PBN" / "Nguồn: PBN" on the next.
            if article.source and not article.author and rest and _bare_name(rest[-1][1]):
                article.author = rest[-1][1]
                rest = rest[:-1]
            return rest
        if not _headline_like(line):
            break
    return body


def _headline_like(line):
    return (
        len(line) <= 160
        and not line.endswith((".", ":", ";", ",", "…"))
        or bool(_LISTED_DATE_RE.search(line))
    )


def _bare_name(line):
    words = line.split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() and w.isalpha() for w in words)


def _unwrap(body):
    # Hard-wrapped dumps break paragraphs mid-sentence; glue a line onto the previous one when
    # the previous is long and unfinished and this one continues in lower case.
    out = []
    for number, line in body:
        if out and len(out[-1][1]) >= _WRAP_MIN and not _sentence_like(out[-1][1]):
            if line[:1].islower():
                out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
                continue
        out.append((number, line))
    return out


def published_datetime(value):
    """An aware datetime for ``ArticlePage.published_at``: a bare date is midnight in Vietnam."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=VIETNAM_TZ)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=VIETNAM_TZ)
    return None
