"""JSON Lines in the corpus format: one article per line with ``id, title, body, section,
author, published`` (``body`` paragraphs separated by blank lines, ``author`` the printed byline).
"""

import json
from datetime import date, datetime

from ..datelines import apply_dateline
from .base import ImportFailure, ParsedArticle, clean_text
from .text import parse_printed_date

_REQUIRED = ("title", "body")


def read_jsonl(path):
    """Yield one ``ParsedArticle`` per line, or an ``ImportFailure`` naming the line."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield parse_record(raw, path, number)
            except ImportFailure as failure:
                yield failure
            except (TypeError, ValueError, AttributeError) as exc:
                # A field of an unexpected type ("title": ["…"], "section": 5): this record
                # fails, the rest of the file is still read.
                yield ImportFailure(path, f"cannot read this record: {exc}", number)


def parse_record(raw, path, number):
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailure(path, f"not valid JSON: {exc}", number) from exc
    if not isinstance(record, dict):
        raise ImportFailure(path, "a line must hold one JSON object", number)
    missing = [name for name in _REQUIRED if not str(record.get(name) or "").strip()]
    if missing:
        raise ImportFailure(path, f"missing field(s): {', '.join(missing)}", number)
    paragraphs = [clean_text(p) for p in str(record["body"]).split("\n\n")]
    article = ParsedArticle(
        file=str(path),
        line=number,
        title=clean_text(str(record["title"])),
        published=_published(record.get("published"), path, number),
        blocks=[("paragraph", p) for p in paragraphs if p],
        section=clean_text(record.get("section") or "") or None,
        external_id=str(record["id"]).strip() if record.get("id") not in (None, "") else None,
        old_url=str(record.get("url") or ""),
    )
    article.set_byline(record.get("author") or "")
    apply_dateline(article)
    return article


def _published(value, path, number):
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        if len(text) == 10 and text[4:5] == "-":
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    # Exports from Vietnamese portals often print the date as on the page: "04/07/2020 10:30".
    found = parse_printed_date(text)
    if found is None:
        raise ImportFailure(
            path,
            f"'published' is not a date (ISO 8601, or dd/mm/yyyy [hh:mm]): {value!r}",
            number,
        )
    return found
