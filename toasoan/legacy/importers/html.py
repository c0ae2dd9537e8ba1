"""Saved HTML pages (one file, or a folder of a saved site) read with trafilatura.

trafilatura finds the main text and the metadata (title, date, author, canonical URL); the
images the article shows are taken from the files the browser saved next to the page
("Trang_files/anh.jpg") when they are there.
"""

import logging
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from toasoan.vi.dates import VIETNAM_TZ, parse_vietnamese_date

from ..bylines import is_head_byline, looks_like_byline, parse_byline
from ..chrome import fold, is_chrome, is_end_heading
from ..datelines import apply_dateline
from .base import ImageRef, ImportFailure, NotAnArticle, ParsedArticle, clean_text, decode
from .text import _UPDATE_RE, _is_date_line, _parsed_date, breadcrumb_section

# class/id of a breadcrumb trail: "breadcrumb", "breadcrumbs", "duong-dan" (path); or the
# schema.org BreadcrumbList itemtype.
_CRUMB_MARKER_RE = re.compile(r"bread|crumb|duong-?dan", re.IGNORECASE)
_SAPO_MARKER_RE = re.compile(
    r"(?:^|[\s_-])(?:sapo|chapeau|summary|tom-?tat|tomtat|mo-?ta|abstract)(?:$|[\s_-])",
    re.IGNORECASE,
)
_SAPO_MIN, _SAPO_MAX = 40, 600
_HOME_CRUMBS = {"trang chu", "home", "trang nhat", ""}
_AUTHOR_LABEL_RE = re.compile(
    r"^(?:tác giả|bài và ảnh|bài|tin|người viết|by|author)\s*:?\s+", re.IGNORECASE
)
_PUBLISHED_KEYS = {
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
}
# trafilatura logs its own view of a bad page ("discarding data: None") without the file's
# name; the importer reports the failure itself, naming the file.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
_UTF8_PARSER = lxml_html.HTMLParser(encoding="utf-8")
_SAVED_FROM_RE = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_MIN_TEXT = 80
# Blocks between the headline and the story where a byline or date line may be printed.
_HEAD_BLOCKS = 4
_HEAD_LINE_MAX = 120
_SENTENCE_ENDS = (".", "!", "?", "…", ":", '"', "”", ")")
# A text chunk this long is the story: no date line of the page's head comes after it.
_STORY_CHUNK = 200
# trafilatura's containers that an old portal's layout puts the story inside.
_LAYOUT_TAGS = {"table", "row", "cell", "div", "section"}
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
    # Parsed from UTF-8 whatever the page's <meta charset> says: ``decode`` already read it.
    tree = lxml_html.fromstring(source.encode("utf-8"), parser=_UTF8_PARSER)
    captions = _captions(tree)
    article = ParsedArticle(file=str(path), title=clean_text(document.title or ""))
    article.blocks = _trafilatura_blocks(document.body, path.parent, captions, article.title)
    if not article.title:
        raise ImportFailure(path, "the page has no title")
    text_length = sum(len(p) for p in article.paragraphs)
    if text_length < _MIN_TEXT:
        raise NotAnArticle(path, f"not an article: too little text ({text_length} characters)")
    _drop_head_date_lines(article)
    _take_byline(article, document.author)
    if not article.source and _looks_like_listing(article.paragraphs):
        raise NotAnArticle(path, "not an article: a list of headlines")
    # Stated for machines, then printed with the headline, then trafilatura's guess.
    article.published = (
        _meta_date(tree) or _page_date(tree, article.title) or _iso_date(document.date)
    )
    article.sapo = _sapo(tree, article)
    apply_dateline(article)
    article.old_url = _saved_from(source) or document.url or ""
    # trafilatura gives <meta name="keywords"> as one string: "xe buýt, giao thông".
    article.tags = [
        tag for raw in document.tags or [] for tag in map(clean_text, re.split(r"[,;]", raw)) if tag
    ]
    if document.categories:
        article.section = clean_text(document.categories[0])
    else:
        article.section = _breadcrumb_section(tree, article.title)
    return article


def _sapo(tree, article):
    """The standfirst printed between headline and story ("sapo") when trafilatura left it out.

    Only a block the page marks as one (class or id "sapo", "summary", "tom-tat", …)
    counts; one already in the body stays there.
    """
    in_body = {fold(value) for kind, value in article.blocks if kind != "image"}
    for element in tree.iter("p", "div", "h2", "h3", "strong", "span", "section"):
        marker = " ".join(element.get(a) or "" for a in ("class", "id"))
        # A box of other headlines ("summary-news") holds links; a standfirst does not.
        if not _SAPO_MARKER_RE.search(marker) or element.find(".//li") is not None:
            continue
        if len(element.findall(".//a")) > 1:
            continue
        text = clean_text(element.text_content())
        if _SAPO_MIN <= len(text) <= _SAPO_MAX and fold(text) not in in_body:
            return text
    return article.sapo


def _breadcrumb_section(tree, title):
    """The last section of the page's breadcrumb trail, the article's own title left out."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marker = " ".join(element.get(a) or "" for a in ("class", "id", "itemtype"))
        if not _CRUMB_MARKER_RE.search(marker):
            continue
        links = [clean_text(a.text_content()) for a in element.iter("a")]
        crumbs = [c for c in links if c and fold(c) not in _HOME_CRUMBS and fold(c) != fold(title)]
        if crumbs and len(crumbs[-1]) <= 60:
            return crumbs[-1]
    # No marked trail: a short block that reads "Trang chủ > Kinh tế > Nông nghiệp".
    for element in tree.iter("div", "nav", "p", "ol", "ul", "span", "td"):
        text = clean_text(element.text_content())
        if len(text) <= 200 and (section := breadcrumb_section([text], title)):
            return section
    return None


def _trafilatura_blocks(body, base_dir, captions, title):
    blocks = []
    for element in _block_elements(body):
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
        if element.tag == "table" and is_end_heading(_first_cell_text(element)):
            # A table of other headlines under its heading ("Tin cùng chuyên mục").
            return blocks
        kind = "heading" if element.tag == "head" else "paragraph"
        for text in _paragraph_texts(element):
            if fold(text) == fold(title) and len(blocks) <= _HEAD_BLOCKS:
                # The headline printed in the page: what came before it is masthead and menus.
                blocks = []
                continue
            if is_end_heading(text):
                return blocks
            if not is_chrome(text):
                blocks.append((kind, text))
    return blocks


def _first_cell_text(table):
    cell = next((c for c in table.iter("cell") if clean_text(" ".join(c.itertext()))), None)
    return clean_text(" ".join(cell.itertext())) if cell is not None else ""


def _paragraph_texts(element):
    """The paragraphs of one block: old portals separate them with ``<br><br>``, not ``<p>``.

    A double line break always ends a paragraph; a single one only after a finished sentence
    (a line broken mid-sentence is one paragraph).
    """
    if element.find(".//lb") is None:
        text = clean_text(" ".join(element.itertext()))
        return [text] if text else []
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", _text_with_breaks(element)):
        lines = [clean_text(line) for line in chunk.split("\n")]
        current = ""
        for line in filter(None, lines):
            if current and current.endswith(_SENTENCE_ENDS):
                paragraphs.append(current)
                current = line
            else:
                current = f"{current} {line}".strip()
        if current:
            paragraphs.append(current)
    return paragraphs


def _text_with_breaks(element):
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _block_elements(container):
    """The blocks of trafilatura's output in order, looking inside layout tables and cells.

    Old portals lay the whole page out with tables; a table whose cells hold paragraphs is
    layout, one whose cells hold only text is data and stays one block.
    """
    for element in container:
        if element.tag in _LAYOUT_TAGS and element.find(".//p") is not None:
            if element.text and element.text.strip():
                yield _text_only(element.text)
            yield from _block_elements(element)
        else:
            yield element
        if element.tail and element.tail.strip() and container.tag in _LAYOUT_TAGS:
            yield _text_only(element.tail)


def _text_only(text):
    paragraph = etree.Element("p")
    paragraph.text = text
    return paragraph


def _looks_like_listing(paragraphs):
    short = [p for p in paragraphs if len(p) < 90 and not p.endswith((".", "!", "?", "…"))]
    return len(paragraphs) >= 6 and len(short) / len(paragraphs) >= 0.7


def _take_byline(article, meta_author):
    paragraphs = [i for i, (kind, _v) in enumerate(article.blocks) if kind == "paragraph"]
    if paragraphs and looks_like_byline(article.blocks[paragraphs[-1]][1]):
        article.set_byline(article.blocks.pop(paragraphs[-1])[1])
    # Some portals print the byline under the headline ("Tác giả: Lan Hương") and the
    # source at the bottom ("Nguồn: …"): each fills what the other left empty.
    for index in paragraphs[:_HEAD_BLOCKS]:
        if index >= len(article.blocks):
            break
        if is_head_byline(article.blocks[index][1]):
            byline = parse_byline(article.blocks.pop(index)[1])
            article.author = article.author or byline.author
            article.source = article.source or byline.source
            break
    if not article.author and meta_author:
        # trafilatura joins a labelled author block's words: "Tác giả Ngọc Mai".
        byline = parse_byline(_AUTHOR_LABEL_RE.sub("", clean_text(meta_author)))
        article.author = byline.author
        article.source = article.source or byline.source


def _drop_head_date_lines(article):
    """Drop date lines ("Ngày đăng: 04/07/2020") printed above the story, among its blocks."""
    kept = []
    for position, (kind, value) in enumerate(article.blocks):
        head = position < _HEAD_BLOCKS + 1 and not any(
            k == "paragraph" and len(v) > _HEAD_LINE_MAX for k, v in kept
        )
        if head and kind == "paragraph" and len(value) <= _HEAD_LINE_MAX and _is_date_line(value):
            continue
        kept.append((kind, value))
    article.blocks = kept


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


def _page_date(tree, title):
    """The date printed with the headline.

    A date line between the headline and the story wins over one above the headline, which
    may be the masthead's "today" ("Thứ Tư, ngày 8 tháng 7 năm 2020 | Đăng nhập"); the
    publication date wins over "Cập nhật …". Dates below the story (comments, other news)
    are never read.
    """
    chunks = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    before, after, seen_title = [], [], False
    for count, chunk in enumerate(chunks):
        line = clean_text(chunk)
        if count > 400:
            break
        if len(line) > _STORY_CHUNK and (seen_title or before):
            break
        if not line:
            continue
        if not seen_title and fold(line) == fold(title):
            seen_title = True
        elif len(line) <= _HEAD_LINE_MAX and _is_date_line(line):
            (after if seen_title else before).append(line)
    for found in (after, before):
        if found:
            published = [line for line in found if not _UPDATE_RE.search(fold(line))]
            return _parsed_date((published or found)[0])
    return None


def _iso_date(value):
    found = parse_vietnamese_date(value.replace("-", "/")) if value else None
    if found is None and value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return _iso_moment(value) or date.fromisoformat(value[:10])
    return found.value if found else None


def _meta_date(tree):
    """The publication time a page states for machines: ``article:published_time``,
    ``itemprop="datePublished"``, or the first ``<time datetime>`` of the article."""
    for element in tree.iter("meta", "time", "span", "div", "abbr"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        value = element.get("content") or element.get("datetime") or ""
        # A bare <time> counts inside the article only: a header's "today" may be one too.
        in_article = element.tag == "time" and any(
            a.tag == "article" for a in element.iterancestors()
        )
        if key.lower() in _PUBLISHED_KEYS or (in_article and value):
            moment = _iso_moment(value)
            if moment is not None:
                return moment
    return None


def _iso_moment(value):
    """An ISO 8601 date or time ("2020-07-04T03:30:00Z") as a date or an aware datetime."""
    value = (value or "").strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM_TZ)
    return moment.astimezone(VIETNAM_TZ)


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
