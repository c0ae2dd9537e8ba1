"""Saved HTML pages (one file, or a folder of a saved site) read with trafilatura.

trafilatura finds the main text and the metadata (title, date, author, canonical URL); the
images the article shows are taken from the files the browser saved next to the page
("Trang_files/anh.jpg") when they are there.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import trafilatura
from lxml import html as lxml_html

from toasoan.vi.dates import parse_vietnamese_date

from ..bylines import looks_like_byline
from ..chrome import is_chrome, is_end_heading
from .base import ImageRef, ImportFailure, NotAnArticle, ParsedArticle, clean_text, decode
from .text import _is_date_line, _parsed_date

_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_MIN_TEXT = 80
_BLOCK_START_RE = re.compile(
    r"\s*<(?:p|h[1-6]|ul|ol|li|figure|blockquote|div|table|pre|section)\b", re.IGNORECASE
)
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figure"}


def read_html(path):
    """Yield the article of one saved page."""
    yield parse_html(path.read_bytes(), path)


def parse_html(raw, path):
    path = Path(path)
    source = decode(raw, path)
    document = trafilatura.bare_extraction(
        source, with_metadata=True, include_images=True, include_comments=False, favor_recall=True
    )
    if document is None or document.body is None:
        raise ImportFailure(path, "no article text found in the page")
    tree = lxml_html.fromstring(source.encode("utf-8"))
    captions = _captions(tree)
    article = ParsedArticle(file=str(path), title=clean_text(document.title or ""))
    article.blocks = _trafilatura_blocks(document.body, path.parent, captions, article.title)
    if not article.title:
        raise ImportFailure(path, "the page has no title")
    text_length = sum(len(p) for p in article.paragraphs)
    if text_length < _MIN_TEXT:
        raise NotAnArticle(path, f"not an article: too little text ({text_length} characters)")
    _take_byline(article, document.author)
    if not article.source and _looks_like_listing(article.paragraphs):
        raise NotAnArticle(path, "not an article: a list of headlines")
    article.published = _page_date(tree) or _iso_date(document.date)
    article.old_url = _saved_from(source) or document.url or ""
    article.tags = list(document.tags or [])
    if document.categories:
        article.section = clean_text(document.categories[0])
    return article


def _trafilatura_blocks(body, base_dir, captions, title):
    blocks = []
    for element in body:
        if element.tag == "graphic":
            src = element.get("src") or ""
            alt, caption = captions.get(src, (element.get("alt") or "", ""))
            blocks.append(("image", ImageRef(local_file(src, base_dir), src, alt, caption)))
            continue
        if element.tag == "list":
            # One paragraph per item, so a page that is only a list of headlines shows as such.
            items = [clean_text(" ".join(item.itertext())) for item in element.iter("item")]
            blocks.extend(("paragraph", item) for item in items if item and not is_chrome(item))
            continue
        text = clean_text(" ".join(element.itertext()))
        if not text or (not blocks and text == title):
            continue
        if is_end_heading(text):
            break
        if is_chrome(text):
            continue
        kind = "heading" if element.tag == "head" else "paragraph"
        blocks.append((kind, text))
    return blocks


def _looks_like_listing(paragraphs):
    short = [p for p in paragraphs if len(p) < 90 and not p.endswith((".", "!", "?", "…"))]
    return len(paragraphs) >= 6 and len(short) / len(paragraphs) >= 0.7


def _take_byline(article, meta_author):
    paragraphs = [i for i, (kind, _v) in enumerate(article.blocks) if kind == "paragraph"]
    if paragraphs and looks_like_byline(article.blocks[paragraphs[-1]][1]):
        article.set_byline(article.blocks.pop(paragraphs[-1])[1])
    if not article.author and meta_author:
        article.author = clean_text(meta_author)


def _captions(tree):
    found = {}
    for img in tree.iter("img"):
        src = img.get("src") or ""
        figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
        caption = ""
        if figure is not None:
            figcaption = figure.find(".//figcaption")
            if figcaption is not None:
                caption = clean_text(figcaption.text_content())
        found[src] = (clean_text(img.get("alt") or ""), caption)
    return found


def local_file(src, base_dir):
    """The saved copy of an image: relative to the page, or by file name in a ``*_files`` folder."""
    if not src or src.startswith("data:"):
        return None
    parts = urlsplit(src)
    relative = unquote(parts.path)
    candidates = []
    if not parts.scheme and not parts.netloc:
        candidates.append(base_dir / relative.lstrip("/"))
    name = Path(relative).name
    if name:
        candidates.extend(sorted(base_dir.glob(f"*_files/{name}")))
        candidates.append(base_dir / name)
    base = base_dir.resolve()
    for candidate in candidates:
        resolved = candidate.resolve()
        # A page must not pull in files from outside the folder it was saved in.
        if resolved.is_file() and (resolved == base or base in resolved.parents):
            return resolved
    return None


def _page_date(tree):
    body = tree.find("body")
    chunks = (body if body is not None else tree).itertext()
    for count, chunk in enumerate(chunks):
        if count > 400:
            break
        line = clean_text(chunk)
        if line and len(line) <= 120 and _is_date_line(line):
            return _parsed_date(line)
    return None


def _iso_date(value):
    found = parse_vietnamese_date(value.replace("-", "/")) if value else None
    if found is None and value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        from datetime import date

        return date.fromisoformat(value[:10])
    return found.value if found else None


def _saved_from(source):
    match = _SAVED_FROM_RE.search(source[:2000])
    return match[1] if match else ""


def fragment_blocks(fragment, base_dir=None):
    """Body blocks of an HTML fragment (a WordPress post): paragraphs, headings and images.

    WordPress stores posts with bare blank lines between paragraphs (``wpautop`` adds the
    ``<p>`` at display time), so text outside block elements is split on blank lines.
    """
    if not fragment or not fragment.strip():
        return []
    chunks = re.split(r"\n\s*\n", fragment)
    wrapped = "".join(c if _BLOCK_START_RE.match(c) else f"<p>{c}</p>" for c in chunks)
    root = lxml_html.fragment_fromstring(wrapped, create_parent="div")
    blocks = []
    _walk_fragment(root, blocks, base_dir)
    return blocks


def _walk_fragment(element, blocks, base_dir):
    _loose_text(element.text, blocks)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "img":
            src = child.get("src") or ""
            path = local_file(src, base_dir) if base_dir else None
            blocks.append(("image", ImageRef(path, src, clean_text(child.get("alt") or ""))))
        elif tag in _BLOCK_TAGS and not child.findall(".//p"):
            for img in child.iter("img"):
                src = img.get("src") or ""
                path = local_file(src, base_dir) if base_dir else None
                blocks.append(("image", ImageRef(path, src, clean_text(img.get("alt") or ""))))
            text = clean_text(child.text_content())
            if text:
                blocks.append(("heading" if tag[:1] == "h" else "paragraph", text))
        elif tag:
            _walk_fragment(child, blocks, base_dir)
        _loose_text(child.tail, blocks)


def _loose_text(text, blocks):
    for part in re.split(r"\n\s*\n", text or ""):
        part = clean_text(part)
        if part:
            blocks.append(("paragraph", part))
