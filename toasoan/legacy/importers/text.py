"""Plain-text page dumps: the text a browser gives when an old article page is saved as text.

The page reads top to bottom as: masthead and menu, the date line, the title, the body, the
byline, then comment form, "Tin khác" / "Thông báo" lists. Paragraphs are separated by blank
lines or by single newlines. See ``parse_text`` for how each part is found.
"""

import re
from datetime import date, datetime, time

from toasoan.vi.dates import VIETNAM_TZ, parse_vietnamese_date

from ..bylines import is_head_byline, looks_like_byline, parse_byline
from ..chrome import fold, is_chrome, is_end_heading, strip_chrome_segments
from ..datelines import apply_dateline
from .base import ImportFailure, ParsedArticle, clean_text, decode

# What may stand next to the date on a date line; anything else means it is a sentence.
# fmt: off
_DATE_WORDS = {
    "thu", "hai", "ba", "tu", "nam", "sau", "bay", "chu", "nhat", "cn", "ngay", "thang", "cap",
    "dang", "luc", "gio", "phut", "gmt", "utc", "xuat", "ban", "sua", "doi", "cuoi", "lan",
    "vao", "am", "pm", "sa", "ch", "sang", "chieu", "toi", "trua", "thoi", "gian", "h",
    "posted", "updated", "published", "on", "at", "date", "ngay dang", "tin", "bai", "g", "t",
    "hom", "nay", "today",
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
# An institution's own name printed as the masthead: "Sở Giáo dục và Đào tạo Nghệ An",
# "Ủy ban nhân dân huyện Củ Chi". Told from a headline that starts the same way ("Sở Y tế cảnh
# báo …") by its shape: few lower-case words and a proper name (the place) at the end.
_INSTITUTION_RE = re.compile(
    r"^(?:so|bo|uy ban nhan dan|ubnd|phong|ban|van phong|trung tam|truong|benh vien|cong an"
    r"|cuc|tong cuc|chi cuc|dang bo|huyen uy|tinh uy|thanh uy|quan uy|hoi dong nhan dan"
    r"|hdnd|mat tran to quoc)\s"
)
_INSTITUTION_MAX_WORDS = 12
_INSTITUTION_MAX_LOWER = 3
_MAX_TRAILING_HEADLINES = 12
# Lines after the headline where a byline or a second date line may stand before the story.
_HEAD_LINES = 4
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
# "10:30 PM", "10:30:00 AM", "10:30 CH" (chiều, afternoon), "10:30 SA" (sáng, morning),
# "8:30 tối" (evening).
_MERIDIEM_RE = re.compile(
    r"(?<![\d:])(\d{1,2})[:h]\d{2}(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.|sa|ch|sang|chieu|toi)\b"
)
# "Trang chủ > Tin tức > Thời sự", "Home » Kinh tế", "Trang chủ / Xã hội".
_BREADCRUMB_RE = re.compile(
    r"^(?:trang chủ|trang chu|home)\s*(?P<sep>[>»›/])\s*(?P<trail>.+)$", re.IGNORECASE
)
# A menu ("Trang chủ | Tin tức | Liên hệ") names every section and is no trail.
_ANY_CRUMB_RE = re.compile(r"^(?:trang chu|home)\s*[>»›/-]\s*[^|]+$")
_WEEKDAY_RE = re.compile(r"^(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t[2-7])$")
_SECTION_LABEL_RE = re.compile(r"^(?:chuyên mục|chuyen muc|danh mục)\s*:\s*(?P<name>\S.*)$", re.I)
_CRUMB_SPLIT_RE = re.compile(r"\s*[>»›/]\s*")
_SECTION_MAX = 60
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
    site_date = date_index is not None and _is_site_date(lines, date_index)
    if date_index is not None:
        published = _parsed_date(lines[date_index][1])
        if site_date and isinstance(published, datetime):
            # The portal's "today" says on which day the page was saved, at best; no time.
            published = published.date()
    if site_date:
        # The header's date is no anchor for the title: the first content line below it is.
        title_index = _find_title(lines, None, start=date_index + 1)
    else:
        title_index = _find_title(lines, date_index)
    if title_index is None:
        raise ImportFailure(file, "no title found", (lines[0][0]))
    # Lines between a title and a date line below it (a byline, a share bar) are read as the
    # head of the body: a byline is taken, chrome dropped, nothing else lost.
    body = _body_lines(lines, title_index + 1, skip={date_index})
    article = ParsedArticle(
        file=str(file), title=lines[title_index][1], line=lines[title_index][0], published=published
    )
    body = _take_head(article, body)
    body = _take_byline(article, body)
    if not article.author and not article.source:
        _take_listed_byline(article, lines, body)
    if not body:
        raise ImportFailure(file, "no body text found after the title", lines[title_index][0])
    article.blocks = [("paragraph", text) for _number, text in _unwrap(body)]
    if date_index is not None:
        _take_dateline_outlet(article, lines[date_index][1])
    apply_dateline(article)
    article.section = breadcrumb_section(
        [line for _number, line in lines[:title_index]], article.title
    ) or breadcrumb_section([line for _number, line in lines], trails=False)
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
    # The portal header's "Hôm nay: Thứ Hai, 15/06/2021" gives the date only when the page
    # prints no date of its own.
    own = [index for index in found if not _is_site_date(lines, index)]
    if (
        len(own) >= 2
        and _in_header(lines, own[0])
        and not _UPDATE_RE.search(fold(lines[own[1]][1]))
    ):
        # Two dates of the page's own: the one above everything else is the header's today.
        own = own[1:]
    found = own or found
    # "Cập nhật" is the last edit; the publication date wins when both are printed.
    for index in found:
        if not _UPDATE_RE.search(fold(lines[index][1])):
            return index
    return found[0]


_SITE_DATE_RE = re.compile(r"^(?:hom nay|today)\b")
_SITE_HEADER_LINES = 6


def _is_site_date(lines, index):
    """True for the date a portal prints in its header (today's, not the article's): labelled
    "Hôm nay", or standing above the breadcrumb or menu that leads to the article."""
    if _SITE_DATE_RE.match(fold(lines[index][1])):
        return True
    below = [line for _number, line in lines[index + 1 : index + 1 + _SITE_HEADER_LINES]]
    for line in below:
        if _is_breadcrumb(line):
            return True
        if not is_chrome(line) and not is_masthead(line):
            return False
    return False


def _in_header(lines, index):
    """Nothing but masthead, menus and chrome above line ``index``."""
    return all(
        is_chrome(line) or is_masthead(line) or line.isupper() for _number, line in lines[:index]
    )


def is_masthead(line):
    """True for a portal's or an institution's name printed above everything ("Cổng thông tin
    điện tử tỉnh …", "Sở Giáo dục và Đào tạo Nghệ An"), which is never the headline."""
    folded = fold(line)
    if _MASTHEAD_RE.match(folded):
        return True
    words = line.split()
    if not _INSTITUTION_RE.match(folded) or len(words) > _INSTITUTION_MAX_WORDS:
        return False
    if any(c.isdigit() for c in line) or re.search(r"[.:;!?\"'“”()]", line):
        return False
    lower = [w for w in words if w[:1].islower()]
    return len(lower) <= _INSTITUTION_MAX_LOWER and words[-1][:1].isupper()


def _is_breadcrumb(line):
    """A trail to the article ("Trang chủ > Tin tức", "Trang chủ - Thời sự", "Bạn đang ở: …")."""
    folded = fold(line)
    return bool(_BREADCRUMB_RE.match(line) or _ANY_CRUMB_RE.match(folded)) or folded.startswith(
        "ban dang o"
    )


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


def _take_dateline_outlet(article, line):
    """The place and outlet of a date line such as "(Chinhphu.vn) - Hà Nội, 4-7-2020"."""
    match = _DATELINE_RE.match(strip_chrome_segments(line))
    if match is None or _without_place(match[0]) == match[0]:
        return
    if _WEEKDAY_RE.match(fold(match["place"].strip())):
        # "Thứ Bảy, ngày 4 tháng 7 năm 2020": a weekday, not a place.
        return
    article.place = match["place"].strip()
    if match["outlet"] and not article.source:
        article.source = match["outlet"].strip()


def breadcrumb_section(lines, title="", trails=True):
    """The last section a breadcrumb names ("Trang chủ > Tin tức > Thời sự" -> "Thời sự"), or
    the one a "Chuyên mục: Thời sự" line names; ``trails=False`` reads only the latter.

    Only a trail that starts at the home page and uses an arrow-like separator counts: a menu
    ("Trang chủ | Tin tức | Liên hệ") names every section, not the article's.
    """
    for line in lines:
        if label := _SECTION_LABEL_RE.match(line):
            if len(label["name"]) <= _SECTION_MAX and not is_chrome(label["name"]):
                return clean_text(label["name"])
            continue
        match = _BREADCRUMB_RE.match(line) if trails else None
        if match is None:
            continue
        crumbs = [clean_text(c) for c in _CRUMB_SPLIT_RE.split(match["trail"])]
        crumbs = [c for c in crumbs if c and fold(c) != fold(title) and not is_chrome(c)]
        if crumbs and len(crumbs[-1]) <= _SECTION_MAX:
            return crumbs[-1]
    return None


def _wordy_times(line):
    line = _HOUR_ONLY_RE.sub(r"\g<1>\2:00", line)
    return _WORDY_TIME_RE.sub(r"\1:\2", line)


def _parse_date(line):
    found = parse_vietnamese_date(_wordy_times(line))
    if found is not None:
        return _twelve_hour(found.value, line)
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


def _twelve_hour(value, line):
    """Apply "AM"/"PM" (Vietnamese "SA"/"CH") printed after the time: "10:30 PM" is 22:30."""
    if not isinstance(value, datetime):
        return value
    match = _MERIDIEM_RE.search(fold(line))
    if match is None or int(match[1]) != value.hour or not 1 <= value.hour <= 12:
        return value
    afternoon = match[2] in ("pm", "ch", "p.m.", "chieu", "toi")
    hour = value.hour % 12 + (12 if afternoon else 0)
    return value.replace(hour=hour)


def parse_printed_date(text):
    """A date (or aware datetime) as portals print it: "Thứ Bảy, 04/07/2020 - 10:30 PM"."""
    return _parse_date(_wordy_times(clean_text(text)))


def _parsed_date(line):
    return _parse_date(_without_place(strip_chrome_segments(line)))


def _find_title(lines, date_index, start=0):
    if date_index is None:
        # No date line to stand next to: the first line that is neither chrome nor the
        # portal's name printed above everything.
        index = _first_content(lines, start)
        while index is not None and is_masthead(lines[index][1]):
            index = _first_content(lines, index + 1)
        return index
    after = _first_content(lines, date_index + 1)
    before = _last_content_before(lines, date_index)
    if before is None:
        return after
    if after is None:
        return before
    if _after_breadcrumb(lines, before) and not is_masthead(lines[before][1]):
        # Portals print the headline right under the trail that leads to it.
        return before
    # The reference layout prints the date above the title; some portals print it below, and
    # then the line after the date is the lead: a headline is short, a lead runs on.
    if _title_score(lines[after][1], 1.5) >= _title_score(lines[before][1], 1):
        return after
    return before


def _after_breadcrumb(lines, index):
    for back in range(index - 1, -1, -1):
        line = lines[back][1]
        if _is_breadcrumb(line):
            return True
        if not is_chrome(line):
            return False
    return False


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
    if is_masthead(line):
        score -= 3
    # "Bài và ảnh: Thanh Tâm" under the headline.
    if is_head_byline(line):
        score -= 4
    return score


def _first_content(lines, start, stop=None):
    for index in range(start, len(lines) if stop is None else stop):
        line = lines[index][1]
        if is_end_heading(line):
            return None
        if not is_chrome(line) and not _is_head_date(line) and not is_head_byline(line):
            return index
    return None


def _last_content_before(lines, stop):
    for index in range(stop - 1, -1, -1):
        line = lines[index][1]
        if _is_breadcrumb(line):
            # The trail leads to the article: nothing above it is the headline.
            return None
        if is_chrome(line) or is_end_heading(line) or _is_head_date(line):
            continue
        if not is_head_byline(line):
            return index
    return None


def _is_head_date(line):
    # A second date line near the title ("Cập nhật lúc 10:30 ngày 05/07/2020") is no headline.
    return len(line) <= 120 and _is_date_line(line)


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


def _take_head(article, body):
    """Drop date lines and take a byline printed between the headline and the story."""
    kept, head = [], True
    for position, (number, line) in enumerate(body):
        head = head and position < _HEAD_LINES and len(line) <= 120
        if head and _is_head_date(line):
            continue
        if head and not article.author and is_head_byline(line):
            byline = parse_byline(line)
            article.author, article.source = byline.author, byline.source
            continue
        kept.append((number, line))
    return kept


def _take_byline(article, body):
    # The byline closes the story; a list of other headlines whose heading was lost may follow
    # it, so look a few lines up as long as everything below reads like a headline.
    for back in range(1, min(_MAX_TRAILING_HEADLINES + 1, len(body)) + 1):
        line = body[-back][1]
        if looks_like_byline(line):
            closing = parse_byline(line)
            if article.author and closing.author and not closing.source:
                # The page has its byline already: a lone name closing the story is the
                # story's (a quoted person, a co-signed letter), not a second author.
                return body
            # A lone name line above "Theo PBN" stays in the body: the page's byline is the
            # labelled one, and a short line that merely looks like a name is not its author.
            _set_closing_byline(article, line)
            return body[: len(body) - back]
        if not _headline_like(line):
            break
    return body


def _take_listed_byline(article, lines, body):
    """A byline printed below a "Tin liên quan" / "(xem thêm)" list the story itself carried:
    past the heading, among headlines, up to the next heading or the page's furniture."""
    if not body:
        return
    start = next((i for i, (number, _line) in enumerate(lines) if number == body[-1][0]), None)
    if start is None:
        return
    seen = 0
    for _number, line in lines[start + 1 :]:
        if is_chrome(line):
            continue
        if is_end_heading(line):
            if seen:
                return
            continue
        seen += 1
        if seen > _MAX_TRAILING_HEADLINES:
            return
        following = _next_content(lines, line)
        strong = is_head_byline(line)
        bare = looks_like_byline(line) and _bare_name(line) and following in (None, "end")
        if strong or bare:
            _set_closing_byline(article, line)
            return
        if not _headline_like(line):
            return


def _next_content(lines, current):
    """What follows line ``current``: "end" for a heading or the end of the page, else None
    when only chrome follows, else the next line."""
    index = next(i for i, (_n, line) in enumerate(lines) if line is current)
    for _number, line in lines[index + 1 :]:
        if is_end_heading(line):
            return "end"
        if not is_chrome(line):
            return line
    return None


def _set_closing_byline(article, line):
    # A byline printed under the headline gave the writer; the closing one may add the source.
    head_author, head_source = article.author, article.source
    article.set_byline(line)
    article.author = head_author or article.author
    article.source = head_source or article.source


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
