"""WordPress eXtended RSS (WXR) exports: posts, their categories, authors, dates, comments."""

from datetime import UTC, datetime

from lxml import etree

from toasoan.vi.dates import VIETNAM_TZ

from ..bylines import looks_like_byline, parse_byline
from ..datelines import apply_dateline
from .base import ImportFailure, LegacyComment, ParsedArticle, clean_text
from .html import fragment_blocks

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_IMPORTED_STATUSES = {"publish", "future", "private", "inherit"}


def read_wxr(path):
    """Yield one ``ParsedArticle`` per published post of the export."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFailure(path, f"not well-formed XML: {exc.msg}", exc.lineno) from exc
    channel = tree.getroot().find("channel")
    if channel is None or not _wxr_version(channel):
        raise ImportFailure(path, "not a WordPress export (no <channel> with <wp:wxr_version>)", 1)
    authors = _authors(channel)
    for item in channel.iterfind("item"):
        if _text(item, "wp:post_type") != "post":
            continue
        if _text(item, "wp:status") not in _IMPORTED_STATUSES:
            continue
        try:
            yield _post(item, path, authors)
        except ImportFailure as failure:
            yield failure


def _wxr_version(channel):
    return channel.find("wp:wxr_version", NS) is not None


def _authors(channel):
    names = {}
    for author in channel.iterfind("wp:author", NS):
        login = _text(author, "wp:author_login")
        full = " ".join(
            part
            for part in (
                _text(author, "wp:author_first_name"),
                _text(author, "wp:author_last_name"),
            )
            if part
        )
        names[login] = _text(author, "wp:author_display_name") or full or login
    return names


def _post(item, path, authors):
    line = item.sourceline
    title = clean_text(_text(item, "title"))
    if not title:
        raise ImportFailure(path, "a post without a title", line)
    post_id = _text(item, "wp:post_id")
    article = ParsedArticle(
        file=str(path),
        line=line,
        title=title,
        published=_date(item, "wp:post_date_gmt", "wp:post_date"),
        blocks=fragment_blocks(_text(item, "content:encoded", strip=False), path.parent),
        sapo=clean_text(_text(item, "excerpt:encoded")),
        external_id=f"wp-{_text(item, 'guid') or post_id}"[:255],
        old_url=_text(item, "link"),
    )
    if not article.paragraphs:
        raise ImportFailure(path, f"post {post_id or title!r} has no text", line)
    creator = _text(item, "dc:creator")
    article.author = authors.get(creator, creator)
    _closing_byline(article)
    apply_dateline(article)
    categories = [
        clean_text(c.text or "") for c in item.iterfind("category") if c.get("domain") == "category"
    ]
    article.section = next((c for c in categories if c), None)
    article.tags = [
        clean_text(c.text or "") for c in item.iterfind("category") if c.get("domain") == "post_tag"
    ]
    article.comments = _comments(item)
    return article


def _closing_byline(article):
    kind, last = article.blocks[-1]
    if kind == "paragraph" and looks_like_byline(last):
        byline = parse_byline(last)
        article.blocks.pop()
        article.author = byline.author or article.author
        article.source = byline.source


def _comments(item):
    comments = []
    for node in item.iterfind("wp:comment", NS):
        if _text(node, "wp:comment_approved") != "1":
            continue
        if _text(node, "wp:comment_type") not in ("", "comment"):
            continue  # pingbacks and trackbacks are not reader comments
        body = _text(node, "wp:comment_content").strip()
        if body:
            comments.append(
                LegacyComment(
                    name=clean_text(_text(node, "wp:comment_author")) or "Bạn đọc",
                    email=_text(node, "wp:comment_author_email"),
                    body=body,
                    created_at=_date(node, "wp:comment_date_gmt", "wp:comment_date"),
                )
            )
    return comments


def _date(node, gmt_tag, local_tag):
    for tag, tz in ((gmt_tag, UTC), (local_tag, VIETNAM_TZ)):
        value = _text(node, tag)
        if value and not value.startswith("0000"):
            try:
                moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
                return moment.astimezone(VIETNAM_TZ)
            except ValueError:
                continue
    return None


def _text(node, tag, strip=True):
    found = node.find(tag, NS)
    value = found.text if found is not None and found.text else ""
    return value.strip() if strip else value
