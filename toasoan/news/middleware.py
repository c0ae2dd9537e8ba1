"""The request's Wagtail site, its home page and the site root paths, without a query.

Wagtail looks them up on every request: ``Site.find_for_request`` runs one query (the site
with its root page), routing then loads the home page's specific row (a second query), and
``Page.get_url`` reads the site root paths from the default cache (a Redis round trip). All
three depend only on the Site and page rows, which are watched by the page cache's content
generation (toasoan/ops/signal_handlers.py), so they are kept as one site-wide fragment
(fragments.py) per host and port: fetched with the generation in the request's first cache
round trip, rebuilt after any change.

Wagtail reads what this sets (``request._wagtail_site``,
``request._wagtail_cached_site_root_paths``) exactly as if it had found them itself, so
routing, view restrictions, redirects and previews keep Wagtail's own behaviour.
Only Wagtail's page view is helped (process_view), after CommonMiddleware has checked the
host against ALLOWED_HOSTS, which bounds the number of host keys.
"""

import logging

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.views import serve as wagtail_serve

from . import fragments

logger = logging.getLogger(__name__)


def _lookup(hostname, port):
    """(site with its specific root page, site root paths) for a host, as Wagtail finds them."""
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        site = None
    if site is not None:
        # Routing asks for the specific home page of the request's language
        # (site.root_page.localized.specific): the home page and its translations (the
        # English home, docs/decisions/english.md), specific, in one query, so
        # HomePage.localized needs no Locale query. Their data is covered by the generation.
        root = site.root_page
        homes = (
            root.specific_class.objects.filter(translation_key=root.translation_key)
            .select_related("locale")
            .order_by("pk")
        )
        site.root_page = next(home for home in homes if home.pk == root.pk)
        site.root_page.translations_by_language = {
            home.locale.language_code: home for home in homes if home.pk != root.pk and home.live
        }
    return (site, Site.get_site_root_paths()), None


def attach_site(request):
    """Give ``request`` its Wagtail site and site root paths from the fragment cache, as the
    middleware does for Wagtail's page view: for other views that link to many pages (the
    search page calls ``Page.get_url`` per result). A database error leaves it to Wagtail."""
    try:
        SiteLookupMiddleware._attach(request)
    except DatabaseError:
        logger.warning("site lookup failed; Wagtail looks it up itself", exc_info=True)


class SiteLookupMiddleware:
    """For the requests Wagtail serves (its page view): the site, home page and root paths
    from the fragment cache. Other views find the site themselves when they need it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve and request.method in ("GET", "HEAD"):
            try:
                self._attach(request)
            except DatabaseError:
                # Left to Wagtail: the lookup fails again inside the view, where a database
                # outage becomes the Vietnamese 503 page (ops/middleware.py), not a 500.
                logger.warning("site lookup failed; Wagtail looks it up itself", exc_info=True)
        return None

    @staticmethod
    def _attach(request):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        site, root_paths = fragments.cached(
            f"site:{hostname}:{port}", lambda: _lookup(hostname, port)
        )
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = root_paths
