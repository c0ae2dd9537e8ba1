"""Reader-facing figures: the footer counter and "Đọc nhiều" (from snapshot.py)."""

from django import template

from .. import snapshot

register = template.Library()


def _section_key(page):
    """The section whose most-read list fits ``page`` ("site" outside the sections).

    Lists are keyed by the section's url_path, so this needs no database query.
    """
    name = type(page).__name__ if page is not None else ""
    url_path = getattr(page, "url_path", "") or ""
    if name == "SectionPage":
        return url_path
    if name == "ArticlePage" and url_path.count("/") > 2:
        return url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    return "site"


@register.inclusion_tag("statistics/counter.html")
def reader_counter():
    figures = snapshot.current()
    return {"figures": figures, "data_url": snapshot.url()}


@register.inclusion_tag("statistics/most_read.html")
def most_read(page=None):
    lists = snapshot.current().get("most_read", {})
    key = _section_key(page)
    items = lists.get(key) or []
    if not items:
        key, items = "site", lists.get("site", [])
    return {"items": items, "key": key, "data_url": snapshot.url()}
