"""The editor-managed main menu and footer links, as plain entries templates can render."""

from dataclasses import dataclass, field


@dataclass
class MenuEntry:
    title: str
    url: str
    is_current: bool = False
    children: list = field(default_factory=list)


def _is_current(item, current_page, request):
    if item.link_page_id and current_page is not None:
        return (getattr(current_page, "path", "") or "").startswith(item.link_page.path)
    return bool(request is not None and item.link_url and item.link_url == request.path)


def _live(item):
    return not item.link_page_id or item.link_page.live


def editor_menu(site, request=None, current_page=None):
    """The menu editors built in "Menu chính", or [] when they have not built one.

    Two levels: an item whose "nằm dưới mục" names another item's key becomes its child;
    one naming no existing key is shown at the top level so nothing silently disappears.
    """
    from .models import MainMenu

    menu = MainMenu.objects.filter(site=site).first()
    if menu is None:
        return []
    items = [i for i in menu.items.select_related("link_page").order_by("sort_order") if _live(i)]
    keys = {item.key for item in items if item.key and not item.parent_key}
    entries, by_key = [], {}
    for item in items:
        if item.parent_key and item.parent_key in keys:
            continue
        entry = MenuEntry(
            item.label, item.url_for(request), _is_current(item, current_page, request)
        )
        entries.append(entry)
        if item.key:
            by_key.setdefault(item.key, entry)
    for item in items:
        parent = by_key.get(item.parent_key) if item.parent_key in keys else None
        if parent is not None:
            child = MenuEntry(
                item.label, item.url_for(request), _is_current(item, current_page, request)
            )
            parent.children.append(child)
            parent.is_current = parent.is_current or child.is_current
    return entries


def footer_links(site, request=None):
    """(heading, [MenuEntry]) of the "Liên kết website" block; no links gives an empty list."""
    from .models import FooterLinks

    footer = FooterLinks.objects.filter(site=site).first()
    if footer is None:
        return "", []
    links = [
        MenuEntry(link.label, link.url_for(request))
        for link in footer.links.select_related("link_page").order_by("sort_order")
        if _live(link)
    ]
    return footer.heading, links
