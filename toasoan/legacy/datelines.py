"""Datelines run into the lead paragraph, in the Vietnamese agency style.

    "Hà Nội, 4/7 (TTXVN) - Chiều nay, …"         place, day/month, agency
    "TP.HCM, ngày 04/07/2020 - Sáng nay, …"       place, full date
    "Đà Nẵng (TTXVN) 4/7 - …"                     place, agency, day/month
    "Hà Nội (TTXVN) - …"                          place, agency
    "(Chinhphu.vn) - …"                           agency
    "PBN - Sáng 4/7, …"                           agency printed bare

The dateline stays in the paragraph (an article has no field for a place; dropping the words
would lose text the old page printed). What it tells is used where the article has nothing
better: its date when the page printed no date line (a day/month without a year is not enough),
its agency when the byline named no source. The place goes to ``ParsedArticle.place``.

Being wrong is worse than missing one, so each shape is strict: a place is one to seven
capitalised words; something must follow it that only a dateline has (a date after a comma or
an agency in parentheses); a dash must end the dateline; and the story after it must start with
a capital letter. "Hà Nội, thành phố …" or "Mourinho - Pep Guardiola …" are not datelines.
"""

import datetime
import re
from dataclasses import dataclass

from toasoan.vi.text import fold_accents

from .bylines import KNOWN_OUTLETS, is_outlet

# Agencies and online editions that print their short name before the lead ("TTO - …").
# Compared accent-folded and lower-cased, like ``KNOWN_OUTLETS``.
# fmt: off
_LEAD_AGENCIES = KNOWN_OUTLETS | {
    "tpo", "ndo", "nldo", "dto", "hnmo", "sggpo", "vtc news", "vov.vn", "vnexpress.net",
    "tuoi tre online", "thanh nien online", "baochinhphu", "chinhphu", "vnanet", "ttxvn/vna",
    "cand.com.vn", "qdnd.vn", "vietnamplus.vn", "antt", "gd&td", "gdtd", "kt&dt",
}
# fmt: on
_DATE = (
    r"(?:[Nn]gày\s+)?(?:\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?"
    r"|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*(?:,|năm)\s*\d{4})?)"
)
_DASH = r"\s*[-–—]\s*"
# The story after the dateline: a letter or digit, perhaps after an opening quote or the dash
# of a line of dialogue; ``_story_starts`` checks the capital.
_STORY = r"(?P<story>(?:[-–—]\s*)?[\"“‘'(]?\w.*)$"
_PLACE = r"(?P<place>[^\W\d_][^,()\d]{0,48}?)"
_AGENCY = r"\((?P<agency>[^()\d][^()]{0,38})\)"
# Something only a dateline has must follow the place: a date after a comma (then perhaps the
# agency) or the agency in parentheses (then perhaps the date).
_WITH_PLACE_RE = re.compile(
    rf"^{_PLACE}\s*(?:,\s*(?P<date>{_DATE})\s*(?:\((?P<agency_after>[^()\d][^()]{{0,38}})\))?"
    rf"|{_AGENCY}\s*(?P<date_after>{_DATE})?){_DASH}{_STORY}",
    re.DOTALL,
)
_AGENCY_FIRST_RE = re.compile(rf"^{_AGENCY}\s*[-–—:]\s*{_STORY}", re.DOTALL)
_BARE_AGENCY_RE = re.compile(rf"^(?P<agency>[^\W\d_][\w.&/+]*(?: [\w.&+]+){{0,3}}){_DASH}{_STORY}")
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})(?:\D+(\d{4}))?")
_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)$", re.IGNORECASE)
_PLACE_MAX_WORDS = 7


@dataclass(frozen=True)
class Dateline:
    """What a dateline printed; ``date`` is set only when it printed the year."""

    place: str = ""
    agency: str = ""
    date: datetime.date | None = None
    day_month: tuple[int, int] | None = None
    length: int = 0  # characters of the paragraph the dateline takes, dash included


def read_dateline(paragraph):
    """The ``Dateline`` that opens ``paragraph`` (clean, NFC text), or ``None``."""
    if not paragraph or len(paragraph) < 8 or not _has_dash(paragraph[:120]):
        return None
    return _agency_first(paragraph) or _with_place(paragraph) or _bare_agency(paragraph)


def apply_dateline(article):
    """Fill ``article``'s place, and its date and source where it has none, from its lead."""
    # The lead is the first paragraph, or the second after a sapo printed as a paragraph.
    leads = [article.sapo] + [value for kind, value in article.blocks[:4] if kind == "paragraph"]
    dateline = next(filter(None, map(read_dateline, leads[:3])), None)
    if dateline is None:
        return None
    article.place = dateline.place
    if article.published is None and dateline.date is not None:
        article.published = dateline.date
    if not article.source and dateline.agency:
        article.source = dateline.agency
    return dateline


def _has_dash(text):
    return "-" in text or "–" in text or "—" in text


def _agency_first(paragraph):
    match = _AGENCY_FIRST_RE.match(paragraph)
    if match is None or not _story_starts(match["story"], digits=True):
        return None
    agency = match["agency"].strip()
    if not _is_agency(agency, loose=True):
        return None
    return Dateline(agency=agency, length=match.start("story"))


def _with_place(paragraph):
    match = _WITH_PLACE_RE.match(paragraph)
    if match is None:
        return None
    place = match["place"].strip(" -–—")
    printed_date = match["date"] or match["date_after"]
    agency = (match["agency"] or match["agency_after"] or "").strip()
    if not _story_starts(match["story"], digits=bool(agency)):
        return None
    if not _is_place(place):
        return None
    # "Việt Nam (ASEAN) - Nhật Bản": without a date, only a known agency makes it a dateline.
    if agency and not _is_agency(agency, loose=bool(printed_date)):
        return None
    day, month, year = _date_parts(printed_date)
    if printed_date and day is None:
        return None
    full = None
    if year is not None:
        try:
            full = datetime.date(year, month, day)
        except ValueError:
            return None
    return Dateline(
        place=place,
        agency=agency,
        date=full,
        day_month=(day, month) if day else None,
        length=match.start("story"),
    )


def _bare_agency(paragraph):
    match = _BARE_AGENCY_RE.match(paragraph)
    if match is None or not _story_starts(match["story"], digits=True):
        return None
    agency = match["agency"].strip()
    if not _known_agency(agency):
        return None
    return Dateline(agency=agency, length=match.start("story"))


def _story_starts(story, digits=False):
    """A story starts with a capital letter ("Chiều nay"), or, after an agency, a number too
    ("(TTXVN) - 59 người …"); "Hà Nội, 4/7 - 5/7 …" is a span of dates, not a dateline."""
    first = next((c for c in story if c.isalnum()), "")
    return first.isupper() or (digits and first.isdigit())


def _is_place(place):
    words = [w for w in place.split() if w not in ("-", "–", "—")]
    if not 1 <= len(words) <= _PLACE_MAX_WORDS:
        return False
    # "Hà Nội", "TP.HCM", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu": capitalised word by word.
    return all(w[0].isupper() for w in words)


def _known_agency(name):
    folded = fold_accents(name.lower())
    return folded in _LEAD_AGENCIES or bool(_DOMAIN_RE.match(name))


def _is_agency(name, loose):
    """An agency or outlet's name; ``loose`` also takes any acronym or one capitalised word."""
    if ":" in name:
        # "(Ảnh: TTXVN)" credits a photo.
        return False
    if _known_agency(name) or all(_known_agency(p.strip()) for p in name.split("/")):
        return True
    if name.lower().startswith(("báo ", "đài ", "tạp chí ", "thông tấn xã ")):
        return len(name.split()) <= 6
    if not loose:
        return False
    words = name.split()
    if len(words) == 1:
        return name[0].isupper()
    return is_outlet(name) or (len(words) <= 4 and all(w[0].isupper() for w in words))


def _date_parts(printed):
    if not printed:
        return None, None, None
    match = _DAY_MONTH_YEAR_RE.search(fold_accents(printed.lower()))
    if match is None:
        return None, None, None
    day, month = int(match[1]), int(match[2])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None, None, None
    return day, month, int(match[3]) if match[3] else None
