from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from toasoan.core.prerendered_templates import render_filled

from ..meta import iso, page_meta

register = template.Library()


def _site_name(context):
    from toasoan.sitesettings.models import SiteIdentity

    request = context.get("request")
    if request is None:
        return getattr(settings, "WAGTAIL_SITE_NAME", "")
    return SiteIdentity.for_request(request).agency_name


@register.filter
def w3c_datetime(value):
    """ISO 8601 in Vietnam time to the second, as sitemaps want: 2020-07-04T08:30:00+07:00."""
    return iso(value) or ""


@register.simple_tag(takes_context=True)
def distribution_meta(context):
    """Canonical, description, Open Graph, Twitter card and JSON-LD tags for the page shown."""
    request = context.get("request")
    if request is None:
        return ""
    meta = page_meta(request, context.get("page"), _site_name(context))
    image = meta.get("image") or {}
    hreflang = tuple((alt["lang"], alt["url"]) for alt in meta.get("hreflang") or ())
    # Rendered once per process and language, then filled in (core/prerendered_templates.py).
    return render_filled(
        "distribution/meta.html",
        {
            "canonical": meta.get("canonical"),
            "site_name": meta.get("site_name"),
            "title": meta.get("title"),
            "description": meta.get("description"),
            "og_type": meta.get("og_type"),
            "image_url": image.get("url"),
            "image_width": image.get("width"),
            "image_height": image.get("height"),
            "image_alt": image.get("alt"),
            "published": meta.get("published"),
            "modified": meta.get("modified"),
            "section": meta.get("section"),
            # JSON with <, > and & escaped for a <script> block (meta.news_article_ld).
            "json_ld": mark_safe(meta["json_ld"]) if meta.get("json_ld") else None,  # noqa: S308  # nosec B308 B703 - escaped JSON
            "csp_nonce": _csp_nonce(request),
        },
        fixed={"hreflang": hreflang},
    )


@register.inclusion_tag("distribution/feed_links.html", takes_context=True)
def distribution_feed_links(context):
    """<link rel="alternate"> to the site feed, and to the section's feed on a section or
    article page."""
    page = context.get("page")
    request = context.get("request")
    section = None
    if page is not None and request is not None:
        from toasoan.news.models import ArticlePage, SectionPage

        from ..links import SiteLinks

        if isinstance(page, SectionPage):
            section = page
        elif isinstance(page, ArticlePage) and page.section_id:
            section = page.section
        if section is not None:
            path = SiteLinks(request).path(section)
            section = {"title": section.title, "url": f"/rss{path}"} if path else None
    return {"section_feed": section, "site_name": _site_name(context)}


def _csp_nonce(request):
    # Public pages are cached and shared, so their policy normally carries no nonce: then the
    # JSON-LD block (data, never executed) needs none. When a policy with nonces is switched
    # on, the block carries the request's nonce like every other <script>.
    try:
        from csp.constants import NONCE
    except ImportError:  # pragma: no cover - django-csp is a dependency
        return ""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    script_src = policy.get("DIRECTIVES", {}).get("script-src", [])
    if NONCE in script_src and getattr(request, "csp_nonce", None):
        return str(request.csp_nonce)
    return ""


@register.simple_tag(takes_context=True)
def distribution_share(context, page):
    """Share (Facebook, Zalo, email, copy link), print and save links for an article.

    Plain links: nothing from Facebook or Zalo loads until the reader clicks one.
    """
    from urllib.parse import quote, urlencode

    from django.urls import reverse

    from .. import conf
    from ..links import SiteLinks

    request = context.get("request")
    if request is None or page is None:
        return ""
    url = SiteLinks(request).full_url(page) or request.build_absolute_uri(request.path)
    encoded = quote(url, safe="")
    mail_query = urlencode({"subject": page.title, "body": f"{page.title}\n{url}"}, quote_via=quote)
    # The same for every article but these values: rendered once per process and language.
    return render_filled(
        "distribution/share.html",
        {
            "url": url,
            "facebook": conf.get("FACEBOOK_SHARE_URL").format(url=encoded),
            "zalo": conf.get("ZALO_SHARE_URL").format(url=encoded),
            "mailto": f"mailto:?{mail_query}",
            "print_url": reverse("distribution_print", args=[page.pk]),
            "save_url": reverse("distribution_save", args=[page.pk]),
        },
    )
