"""What every importer produces: one ``ParsedArticle`` per article, or an ``ImportFailure``."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from toasoan.vi.text import nfc

from ..bylines import parse_byline


class ImportFailure(Exception):
    """A file (or one article in it) that cannot be imported; names the file and line."""

    def __init__(self, file, message, line=None):
        super().__init__(message)
        self.file = str(file)
        self.message = message
        self.line = line

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class NotAnArticle(ImportFailure):
    """A file that is readable but holds no article (a saved site's home or contact page).

    Reported as skipped, with the reason, rather than as a failure.
    """


@dataclass
class ImageRef:
    """An image the old page showed, with the local file it was saved as (if found)."""

    path: Path | None
    src: str = ""
    alt: str = ""
    caption: str = ""


@dataclass
class LegacyComment:
    name: str
    body: str
    email: str = ""
    created_at: datetime | None = None


@dataclass
class ParsedArticle:
    """An article read from an old export, before it becomes an ``ArticlePage``.

    ``blocks`` is the body in order: ``("paragraph", str)``, ``("heading", str)`` or
    ``("image", ImageRef)``.
    """

    file: str
    title: str
    line: int | None = None
    published: date | datetime | None = None
    author: str = ""
    source: str = ""
    blocks: list = field(default_factory=list)
    sapo: str = ""
    section: str | None = None
    external_id: str | None = None
    old_url: str = ""
    featured_image: ImageRef | None = None
    comments: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    format: str = ""
    # The place a dateline named ("Hà Nội" in "Hà Nội, 4/7 (TTXVN) - …"); reported, not stored:
    # ``ArticlePage`` has no field for it and the dateline stays in the body text.
    place: str = ""

    @property
    def paragraphs(self):
        return [value for kind, value in self.blocks if kind in ("paragraph", "heading")]

    def set_byline(self, printed):
        byline = parse_byline(printed)
        self.author, self.source = byline.author, byline.source

    def published_iso(self):
        return self.published.isoformat() if self.published else None

    def as_json(self):
        return {
            "file": self.file,
            "title": self.title,
            "published": self.published_iso(),
            "author": self.author,
            "source": self.source,
            "section": self.section,
            "place": self.place,
            "body_paragraphs": self.paragraphs,
        }

    def content_hash(self):
        # ``place`` is not stored, so it must not make an unchanged article look changed.
        data = {k: v for k, v in self.as_json().items() if k != "place"} | {
            "file": None,
            "sapo": self.sapo,
            "section": self.section,
            "old_url": self.old_url,
            "images": [str(v.path or v.src) for k, v in self.blocks if k == "image"],
            "comments": len(self.comments),
        }
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()


def decode(raw, file):
    """Decode a legacy file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFailure(
                file, "broken UTF-16 text (it has a UTF-16 byte order mark)"
            ) from exc
    elif b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        message = "not text: it holds a NUL byte (binary, or UTF-16 without a byte order mark)"
        raise ImportFailure(file, message, line)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = raw.decode("cp1258")
            except UnicodeDecodeError:
                line = raw[: exc.start].count(b"\n") + 1
                raise ImportFailure(file, "not valid UTF-8 or Windows-1258 text", line) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return nfc(repair_mojibake(text))


# A run of characters that Windows-1252 (or Latin-1, for the five bytes it leaves undefined)
# can write as single bytes, at least two long: where UTF-8 read as Windows-1252 shows up,
# "Hà Nội" as "HÃ\xa0Ná»™i".
_MOJIBAKE_RUN_RE = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]{2,}"
)
# Lead characters of Vietnamese letters so misread: "Ã" (U+00C3), "Ä" (U+00C4), "Æ" (U+00C6),
# "á»"/"áº" (U+00E1 + U+00BB/U+00BA).
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c3\u00c4\u00c6][\u0080-\u00bf\u2013-\u2122\u0152-\u02dc]|\u00e1[\u00ba\u00bb]"
)


def repair_mojibake(text):
    """Undo UTF-8 that was read as Windows-1252 and saved again ("Ná»™i" -> "Nội").

    Each suspicious run is turned back into bytes and kept only if those bytes are valid
    UTF-8, so Latin-1 text ("café") and correct Vietnamese are left as they are.
    """
    if not _MOJIBAKE_HINT_RE.search(text):
        return text
    return _MOJIBAKE_RUN_RE.sub(_repair_run, text)


def _repair_run(match):
    run = match[0]
    raw = bytearray()
    for char in run:
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return run
            raw.append(ord(char))  # a byte Windows-1252 leaves undefined, kept as Latin-1
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


def clean_text(text):
    """One paragraph's text: NFC, no zero-width characters, NBSP as space, single spaces."""
    text = nfc(text or "")
    for char in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\xad"):
        text = text.replace(char, "")
    return " ".join(text.replace("\xa0", " ").split())
