"""The page's language from its path only: /en/… is English, everything else Vietnamese.

Django's LocaleMiddleware would also read the language cookie and ``Accept-Language`` and
redirect Vietnamese URLs to /en/ for an English browser; the portal is Vietnamese whatever the
browser asks for (docs/i18n.md) and the page cache is keyed by URL, so only the path decides.
Activated before URL resolution, so the English prefix of ``i18n_patterns`` (toasoan/urls.py,
Wagtail's pages) matches and Wagtail routes to the English home's tree.
"""

from django.conf import settings
from django.utils import translation

ENGLISH_PREFIX = "/en/"


def language_for_path(path):
    """``"en"`` for /en/ and below, else the site's language (``"vi"``)."""
    return "en" if path == "/en" or path.startswith(ENGLISH_PREFIX) else settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_path(request.path_info)
        if language == settings.LANGUAGE_CODE:
            # Nothing to activate (the default); also leaves the admin's per-user language.
            return self.get_response(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response.setdefault("Content-Language", language)
        return response
