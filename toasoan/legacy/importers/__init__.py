"""Readers for each legacy format, and the dispatcher that picks one per file.

Every reader is a generator of ``ParsedArticle`` objects and ``ImportFailure`` objects (yielded,
not raised, so one bad record in a JSON Lines file or a WXR export does not stop the others).
"""

import glob
import os
from pathlib import Path

from .base import ImportFailure, ParsedArticle

FORMATS = ("text", "html", "wxr", "jsonl")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "wxr",
    ".wxr": "wxr",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# Public for messages that list what the importer reads.
EXTENSIONS = tuple(_EXTENSIONS)

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ImportFailure",
    "ParsedArticle",
    "detect_format",
    "expand",
    "read_file",
]


def expand(paths):
    """Files named by ``paths``: plain files, folders (walked for known extensions) and globs.

    Returns ``(files, missing)``; ``missing`` lists arguments that matched nothing.
    """
    files, missing = [], []
    for arg in paths:
        matches = glob.glob(arg, recursive=True) if glob.has_magic(arg) else [arg]
        if not matches or not all(os.path.exists(m) for m in matches):
            missing.append(arg)
            continue
        for match in sorted(matches):
            path = Path(match)
            files.extend(_walk(path) if path.is_dir() else [path])
    seen, unique = set(), []
    for path in files:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique, missing


def _walk(folder):
    found = []
    for root, dirs, names in os.walk(folder):
        # Saved-site asset folders ("page_files/") hold images and scripts, not articles.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith("_files"))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in _EXTENSIONS:
                found.append(Path(root) / name)
    return found


def detect_format(path, head=None):
    """Guess a file's format from its first bytes, then from its extension."""
    if head is None:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"wordpress.org/export" in head.lower() or b"<rss" in sniff[:200] and b"wp:" in sniff:
        return "wxr"
    if sniff.startswith((b"<!doctype html", b"<html", b"<!-- saved from")) or b"<body" in sniff:
        return "html"
    if sniff.startswith(b"{") and b'"title"' in sniff:
        return "jsonl"
    return _EXTENSIONS.get(Path(path).suffix.lower(), "text")


def read_file(path, fmt="auto"):
    """Yield the articles (and failures) of one file, reading it in format ``fmt``."""
    path = Path(path)
    try:
        if fmt == "auto":
            fmt = detect_format(path)
        for item in _reader(fmt)(path):
            if isinstance(item, ParsedArticle):
                item.format = fmt
            yield item
    except ImportFailure as failure:
        yield failure
    except OSError as exc:
        yield ImportFailure(path, f"cannot read the file: {exc.strerror or exc}")
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        # A page no reader was written for (a parser library giving up on it): this file
        # fails with the reason, the import goes on with the next one.
        yield ImportFailure(path, f"cannot parse the file: {type(exc).__name__}: {exc}")


def _reader(fmt):
    # Imported on first use: the HTML reader loads trafilatura and lxml, which a JSON Lines
    # or text import never needs.
    if fmt == "jsonl":
        from .jsonl import read_jsonl

        return read_jsonl
    if fmt == "wxr":
        from .wxr import read_wxr

        return read_wxr
    if fmt == "html":
        from .html import read_html

        return read_html
    from .text import read_text

    return read_text
