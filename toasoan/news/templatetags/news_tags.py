from django import template
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import pageurl

from .. import fragments

register = template.Library()


def _site_root(request):
    # Site.find_for_request caches on the request, so calling this twice costs one lookup.
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_menu(context, current_page=None):
    """The main menu as entries with ``title``, ``url``, ``is_current`` and ``children``.

    The menu editors build in the admin ("Menu chính", toasoan.newsroom) wins when it has
    items; otherwise the top-level pages marked "show in menus", in tree order. ``is_current``
    is set when the page being shown is the item or lies below it.
    """
    from toasoan.newsroom.menus import MenuEntry, editor_menu

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []

    def compute():
        # Whether editors built a menu, and otherwise the pages it falls back to; cached per
        # content generation (news/fragments.py: menus and pages are watched models).
        if editor_menu(site, request, None):
            return ("editor", []), None
        items = site.root_page.get_children().live().in_menu().order_by("path")
        return ("pages", [(item.title, item.get_url(request), item.path) for item in items]), None

    kind, pages = fragments.cached(f"menu:{site.pk}", compute)
    if kind == "editor":
        entries = editor_menu(site, request, current_page)
        if entries:
            return entries
        kind, pages = compute()[0]
    current_path = getattr(current_page, "path", "") or ""
    return [MenuEntry(title, url, current_path.startswith(path)) for title, url, path in pages]


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def link_url(context, page):
    """The page's URL as a cached list stored it (``queries.with_link_urls``), else as
    ``{% pageurl %}`` computes it for this request."""
    return getattr(page, "link_url", None) or pageurl(context, page)


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The "Liên kết website" block editors manage (toasoan.newsroom): heading and links."""
    from toasoan.newsroom.menus import footer_links as build

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"heading": "", "links": []}
    heading, links = fragments.cached(f"footer:{site.pk}", lambda: (build(site, request), None))
    return {"heading": heading, "links": links}


_FILTERS = {}


def prefetched_rendition(image, spec):
    """The rendition ``spec`` of ``image``, from its prefetched renditions when they hold it.

    Wagtail's ``{% image %}`` writes every rendition it uses back to the cache (one Redis
    round trip per picture, about 30 on the home page); list pages prefetch the renditions
    with the cards (queries.ArticleQuerySet.for_listing), so they need neither. Anything not
    prefetched goes through Wagtail as usual (and is created when missing).
    """
    from wagtail.images.models import Filter
    from wagtail.images.shortcuts import get_rendition_or_not_found

    image_filter = _FILTERS.get(spec)
    if image_filter is None:
        image_filter = _FILTERS[spec] = Filter(spec=spec)
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is not None and "preserve-svg" not in spec:
        focal_point_key = image_filter.get_cache_key(image)
        for rendition in prefetched:
            if rendition.filter_spec == spec and rendition.focal_point_key == focal_point_key:
                rendition.image = image
                return rendition
    return get_rendition_or_not_found(image, image_filter)


@register.simple_tag
def card_image(image, spec, **attrs):
    """``{% card_image article.featured_image "fill-400x225|format-webp" loading="lazy" %}``:
    the same ``<img>`` as ``{% image %}``, without a cache write per picture."""
    if not image:
        return ""
    return prefetched_rendition(image, spec).img_tag(attrs)
