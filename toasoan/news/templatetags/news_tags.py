import threading

from django import template
from django.utils.translation import get_language
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
    entries = [MenuEntry(title, url, current_path.startswith(path)) for title, url, path in pages]
    return entries + _registered_sections(request, {entry.url for entry in entries})


def _registered_sections(request, taken_urls):
    """The public entry points other apps registered (toasoan.core.portal.register_section),
    after the page sections; a URL a page already takes is not listed twice."""
    from django.urls import NoReverseMatch, reverse

    from toasoan.core.portal import sections
    from toasoan.newsroom.menus import MenuEntry

    entries = []
    for section in sections():
        try:
            url = reverse(section.url_name)
        except NoReverseMatch:
            continue
        if url in taken_urls:
            continue
        current = request is not None and request.path.startswith(url)
        entries.append(MenuEntry(str(section.label), url, current))
    return entries


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


# Card pictures: the rendition each kind of card shows.
CARD_IMAGE_SPECS = {True: "fill-800x450|format-webp", False: "fill-400x225|format-webp"}
# {% article_card %}: rendered cards per process, keyed by everything a card shows. Bounded
# well under the worker's memory budget (docs/decisions/app-server.md): a card and its key
# take about 1-2 KB, so at most ≈2 MB; the home page shows up to a hundred cards.
_CARDS_MAX = 1024
_cards = {}
_cards_lock = threading.Lock()


@register.simple_tag(takes_context=True)
def article_card(context, article, large=False, show_sapo=False):
    """``{% article_card article large=True show_sapo=True %}``: the card of a list
    (components/article_card.html), rendered once per process for each set of values it
    shows and reused by every page and request that lists the same article the same way.

    Exact without any invalidation: the key is what the card prints (URL, title, date, sapo,
    the picture's rendition file and size, the language), read from the row the list
    fetched, so an edit makes a new key. It saves the template work that dominated the home
    page's uncached render (about 40 cards), and after a publish only the new card is
    rendered. Assumes, as Wagtail's file storage does, that a rendition's URL follows from its
    file name.
    """
    request = context.get("request")
    url = pageurl(context, article)
    large, show_sapo = bool(large), bool(show_sapo)
    spec = CARD_IMAGE_SPECS[large]
    image = article.featured_image
    picture = None
    if image:
        rendition = prefetched_rendition(image, spec)
        picture = (rendition.file.name, rendition.width, rendition.height)
    sapo = article.sapo if show_sapo else None
    key = (article.pk, url, article.title, article.display_date, sapo, picture, large)
    key += (get_language(),)
    html = _cards.get(key)
    if html is None:
        html = context.template.engine.get_template("components/article_card.html").render(
            # A plain Context: RequestContext would run every context processor per card.
            template.Context(
                {
                    "request": request,
                    "article": article,
                    "article_url": url,
                    "large": large,
                    "show_sapo": show_sapo,
                    "image_spec": spec,
                },
                autoescape=context.autoescape,
                use_l10n=context.use_l10n,
                use_tz=context.use_tz,
            )
        )
        with _cards_lock:
            if len(_cards) >= _CARDS_MAX:
                _cards.clear()  # old versions of edited cards, mostly
            _cards[key] = html
    return html


# {% fragment %}: rendered HTML per process, keyed by the content generation (bounded).
_RENDERED_MAX = 512
_rendered = {}
_rendered_lock = threading.Lock()


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        generation = fragments.generation()
        request = context.get("request")
        if generation is None or request is None:
            return self.nodelist.render(context)
        site = Site.find_for_request(request)
        vary = tuple(str(v.resolve(context)) for v in self.vary)
        # The page's own template too: it may override a {% block %} inside the fragment.
        origin = getattr(getattr(context, "template", None), "origin", None)
        page_template = getattr(origin, "name", "")
        key = (self.name, get_language(), generation, site.pk if site else None, page_template)
        key += vary
        html = _rendered.get(key)
        if html is None:
            html = self.nodelist.render(context)
            with _rendered_lock:
                if len(_rendered) >= _RENDERED_MAX:
                    _rendered.clear()  # entries of retired generations, mostly
                _rendered[key] = html
        return html


@register.tag
def fragment(parser, token):
    """``{% fragment "name" [var …] %}…{% endfragment %}``: the enclosed template rendered
    once per process for each content generation, site, language and value of the ``var``s.

    For page chrome that depends only on content (the footer, site identity, fixed
    links), not on the page or the reader: it must not print anything per request (a CSRF
    token, the date — the generation does not change at midnight). Outside a request, inside
    a transaction or without the cache, it renders every time.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(bits[1].strip("\"'"), vary, nodelist)
