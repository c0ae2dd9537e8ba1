from django import template
from wagtail.models import Site

register = template.Library()


def _site_root(request):
    # Site.find_for_request caches on the request, so calling this twice costs one lookup.
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_menu(context, current_page=None):
    """Top-level pages the editors marked "show in menus", in tree order.

    Each item gets ``is_current`` when the page being shown is it or lies below it.
    """
    root = _site_root(context.get("request"))
    if root is None:
        return []
    items = list(root.get_children().live().in_menu().order_by("path"))
    current_path = getattr(current_page, "path", "") or ""
    for item in items:
        item.is_current = current_path.startswith(item.path)
    return items


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context.get("request"))
