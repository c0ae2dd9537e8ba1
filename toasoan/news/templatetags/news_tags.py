from django import template
from wagtail.models import Site

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
    entries = editor_menu(site, request, current_page)
    if entries:
        return entries
    items = site.root_page.get_children().live().in_menu().order_by("path")
    current_path = getattr(current_page, "path", "") or ""
    return [
        MenuEntry(item.title, item.get_url(request), current_path.startswith(item.path))
        for item in items
    ]


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The "Liên kết website" block editors manage (toasoan.newsroom): heading and links."""
    from toasoan.newsroom.menus import footer_links as build

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"heading": "", "links": []}
    heading, links = build(site, request)
    return {"heading": heading, "links": links}
