"""Link-preview and search-engine metadata for a page: canonical URL, Open Graph, Twitter card
and JSON-LD ``NewsArticle``, all with absolute URLs."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

from . import conf
from .links import SiteLinks

# The same escapes as django.utils.html.json_script: "</script>" in a title cannot end the block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def iso(value):
    """ISO 8601 in Vietnam time, to the second: ``2020-07-04T08:30:00+07:00``."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else None


def description_for(page):
    text = getattr(page, "sapo", "") or getattr(page, "search_description", "") or ""
    if not text and hasattr(page, "intro"):
        text = page.intro
    # Plain text fields: whitespace is tidied, markup-looking text stays as typed (the
    # template escapes it).
    return " ".join(text.split())[:300]


def social_image(links, page):
    image = getattr(page, "featured_image", None)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(conf.get("SOCIAL_IMAGE_FILTER"))
    except (OSError, ValueError):
        return None
    return {
        "url": links.absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or page.title,
    }


def hreflang_links(links, page):
    """Alternate-language URLs of an article that has a live translation (Vietnamese and
    English, docs/decisions/english.md), none otherwise: nothing claims a version that does
    not exist. Read from the article route's own query (news/translations.py)."""
    from toasoan.news.translations import translation_urls

    order = [code for code, _name in settings.LANGUAGES]
    urls = translation_urls(page)
    return [
        {"lang": lang, "url": links.absolute(urls[lang])}
        for lang in sorted(urls, key=lambda code: order.index(code) if code in order else 99)
    ]


def news_article_ld(links, page, site_name, url, image):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": description_for(page),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": "vi",
        "datePublished": iso(page.display_date),
        "dateModified": iso(page.last_published_at or page.display_date),
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "logo": {"@type": "ImageObject", "url": links.absolute(static("toasoan/img/logo.svg"))},
        },
    }
    if page.author_name:
        data["author"] = {"@type": "Person", "name": page.author_name}
    else:
        data["author"] = {"@type": "Organization", "name": page.source_name or site_name}
    if page.section_id and page.section:
        data["articleSection"] = page.section.title
    if image:
        data["image"] = [image["url"]]
    return json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)


def page_meta(request, page, site_name):
    """Everything the meta template needs for ``page`` (None for non-page views)."""
    from toasoan.news.models import ArticlePage

    links = SiteLinks(request)
    if page is None or getattr(page, "url_path", None) is None or links.root is None:
        return {"canonical": request.build_absolute_uri(request.path), "site_name": site_name}
    url = links.full_url(page) or request.build_absolute_uri(request.path)
    is_article = isinstance(page, ArticlePage)
    image = social_image(links, page)
    return {
        "canonical": url,
        "site_name": site_name,
        "title": page.seo_title or page.title,
        "description": description_for(page),
        "og_type": "article" if is_article else "website",
        "image": image,
        "published": iso(page.display_date) if is_article else None,
        "modified": iso(page.last_published_at) if is_article else None,
        "section": page.section.title if is_article and page.section_id and page.section else "",
        "json_ld": news_article_ld(links, page, site_name, url, image) if is_article else None,
        "hreflang": hreflang_links(links, page) if is_article else [],
    }
