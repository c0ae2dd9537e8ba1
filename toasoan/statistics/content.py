"""What a counted path is: an article, an album, a video, a section… (resolved by the job).

Apps with public content outside the page tree register a describer for their URL names::

    register_content_kind("album", _("Album ảnh"), ["photos:album"], describe_album)

``describe(match)`` receives the ``ResolverMatch`` and returns a ``Described`` or None (not a
public object: not counted as that kind). Wagtail pages are described here: articles with their
section, sections, the home page and any other page.
"""

from dataclasses import dataclass

from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Described:
    kind: str
    object_id: int | None = None
    title: str = ""
    section_id: int | None = None
    section_title: str = ""


KIND_LABELS = {
    "article": _("Tin bài"),
    "section": _("Chuyên mục"),
    "home": _("Trang chủ"),
    "page": _("Trang khác"),
}
_DESCRIBERS = {}

# Kinds listed in "Đọc nhiều".
READABLE_KINDS = {"article"}


def register_content_kind(kind, label, url_names, describe, readable=True):
    KIND_LABELS[kind] = label
    for name in url_names:
        _DESCRIBERS[name] = describe
    if readable:
        READABLE_KINDS.add(kind)


def kind_label(kind):
    return KIND_LABELS.get(kind, kind)


def describe_path(path):
    try:
        match = resolve(path)
    except Resolver404:
        return Described("page")
    describe = _DESCRIBERS.get(match.view_name)
    if describe is not None:
        return describe(match) or Described("page")
    return _describe_page(path)


def _describe_page(path):
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return Described("page")
    url_path = site.root_page.url_path + path.strip("/") + ("/" if path.strip("/") else "")
    page = Page.objects.live().filter(url_path=url_path).first()
    if page is None:
        return Described("page")
    page = page.specific
    model = type(page).__name__
    if model == "ArticlePage":
        parent = page.get_parent()
        return Described("article", page.pk, page.title, parent.pk, parent.title)
    if model == "SectionPage":
        return Described("section", page.pk, page.title, page.pk, page.title)
    if page.pk == site.root_page_id:
        return Described("home", page.pk, page.title)
    return Described("page", page.pk, page.title)
