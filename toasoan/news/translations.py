"""A page's translations as URLs ({language: url}) for the language switcher and the
``hreflang`` links, without a query on the article route.

The article route reads the live translations of the article in its own query
(``article_route.with_translations``: language and tree path of each, as JSON text); any
other page asks the database once. URLs come from the site root paths Wagtail already has
(one per language: the Vietnamese home and its English translation, docs/decisions/english.md).
"""

import json

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Site


def _translation_rows(page):
    stored = getattr(page, "translations_json", None)
    if stored is not None:
        return json.loads(stored)
    translations = page.get_translations().live().select_related("locale")
    return [(t.locale.language_code, t.url_path) for t in translations]


def _url(url_path, language, root_paths):
    for root in root_paths:
        if root.language_code == language and url_path.startswith(root.root_path):
            try:
                with translation.override(language):
                    return reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
            except NoReverseMatch:
                return None
    return None


def translation_urls(page):
    """{language: url} of ``page`` and its live translations, or {} when it has none
    (then nothing claims another language). Remembered on the page.

    A Vietnamese article translated into English: ``{"vi": "/thoi-su/bai/", "en":
    "/en/thoi-su-en/article/"}``.
    """
    known = getattr(page, "_translation_urls", None)
    if known is not None:
        return known
    rows = _translation_rows(page)
    urls = {}
    if rows:
        # ArticlePage.get_context hands the request's root paths to the page.
        root_paths = getattr(page, "_wagtail_cached_site_root_paths", None)
        if root_paths is None:
            root_paths = Site.get_site_root_paths()
        for language, url_path in rows:
            url = _url(url_path, language, root_paths)
            if url:
                urls[language] = url
        own = page.get_url()
        if urls and own:
            # The page is served in its own language (toasoan/english/middleware.py).
            urls[translation.get_language()] = own
    page._translation_urls = urls
    return urls


def is_english_request():
    """True while an English page is served (under /en/, toasoan/english/middleware.py)."""
    return (translation.get_language() or "").startswith("en")
