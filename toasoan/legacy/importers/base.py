"""What every importer produces: one ``ParsedArticle`` per article, or an ``ImportFailure``."""

import hashlib
import json
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
            "body_paragraphs": self.paragraphs,
        }

    def content_hash(self):
        data = self.as_json() | {
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
        text = raw.decode("utf-16")
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
    return nfc(text)


def clean_text(text):
    """One paragraph's text: NFC, no zero-width characters, NBSP as space, single spaces."""
    text = nfc(text or "")
    for char in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\xad"):
        text = text.replace(char, "")
    return " ".join(text.replace("\xa0", " ").split())
