"""Full-page cache for anonymous readers, exact by construction.

Every cached page carries the dependency tags of what it shows (cachetags.py: this article,
this section's lists, the comments of article N, …) with the version each tag had when the
page was stored; it is served only while all of them are current. A write bumps exactly the
tags it touches (signal_handlers.py), on every process and host, by the next request: an
approved comment retires its article's page, not the site. Views that name no tags carry ANY
and are retired by every change (the safe default); TOASOAN_PAGECACHE["INVALIDATION"] = "site"
brings back the site-wide generation (every page carries ANY alone) for comparison. The local
date (Asia/Ho_Chi_Minh) is part of the key too, so the date in the page header turns over at
midnight. The tag map: docs/decisions/page-cache.md.

Where versions live: keys of the cache itself (Redis, LocMem), except for the file cache of
`make run`, where they are slots of a memory-mapped file (cachetags.FileTagVersions): reading
them costs no system call and a bump is seen by every process on the host by its next request.

Compression: a page is stored with its gzip and Brotli forms made once, when it is stored
(``compressed_bodies``), so a hit only picks the form the reader's Accept-Encoding allows
(``choose_encoding``) and costs no compression. Responses that are never cached are gzipped by
Django's GZipMiddleware logic on the way out (``compress_uncached``).

What is never cached: anything but GET/HEAD, requests carrying a session or messages cookie or
an Authorization header (staff, previews), the admin and other BYPASS_PREFIXES, responses
that are not 200, set a cookie, say ``private``/``no-store``/``no-cache``, or used the CSRF
token (a per-reader value must never reach another reader).
"""

import gzip
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_vary_headers

from . import cachetags
from .conf import pagecache_setting
from .release import release_id
from .served import page_served

logger = logging.getLogger(__name__)

# The key of the ANY tag's version: read together with other entries in one round trip.
GENERATION_KEY = cachetags.tag_key(cachetags.ANY)
HEADER = "X-Page-Cache"
_UNCACHEABLE_CC = {"private", "no-store", "no-cache"}
_ALLOWED_VARY = {"cookie", "accept-encoding"}

# Compressed when stored: text types only (images and fonts are compressed formats already).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/xhtml+xml",
    "image/svg+xml",
)
MIN_COMPRESS_BYTES = 200
# Brotli quality 5: ≈1 ms for a 30 KB page and smaller than gzip -9; 11 costs ≈20× more
# for a few % less, too slow for the request that stores the page.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
ENCODINGS = ("br", "gzip")

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; gzip alone then
    brotli = None


def page_cache():
    """The shared cache holding cached pages and their tag versions (public: the news data
    cache reads its entries from it in the same round trip)."""
    return caches[pagecache_setting("CACHE_ALIAS")]


def tag_versions(cache=None):
    """The store of tag versions of the page cache (cachetags.FileTagVersions for files)."""
    return cachetags.versions_for(cache or page_cache())


def current_generation(cache=None):
    """The version of the ANY tag, bumped by every change: what the read-side data
    fragments (toasoan/news/fragments.py) are validated by. Fetched under GENERATION_KEY."""
    return tag_versions(cache).ensure((cachetags.ANY,))[0]


def bump_generation(reason=""):
    """Retire every cached page (on all processes): a change nobody described."""
    invalidate((cachetags.ALL,), reason)


def invalidate(tags, reason=""):
    """Retire the cached pages carrying any of `tags` (and those that carry ANY)."""
    try:
        cache = page_cache()
    except Exception:  # noqa: BLE001 - invalidation must never break an editor's save
        logger.exception("page cache unavailable; could not invalidate %s (%s)", tags, reason)
        return
    cachetags.bump(cache, tags, reason)


def invalidation_mode():
    """ "tags" (exact, the default) or "site" (every change retires every page, before #20)."""
    return "site" if pagecache_setting("INVALIDATION") == "site" else "tags"


def _bypass_cookie_names():
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGES_COOKIE_NAME", "messages"))


def environ_is_cacheable(environ):
    """GET/HEAD without credentials, outside the bypassed prefixes (raw WSGI environ).

    Cookies are matched as text: any cookie header naming the session or messages cookie
    bypasses, even if another cookie merely ends with that name (a harmless miss).
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in environ:
        return False
    cookies = environ.get("HTTP_COOKIE", "")
    if cookies and any(f"{name}=" in cookies for name in _bypass_cookie_names()):
        return False
    return not environ.get("PATH_INFO", "/").startswith(tuple(pagecache_setting("BYPASS_PREFIXES")))


def request_is_cacheable(request):
    return environ_is_cacheable(request.META)


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if response.has_header("Cache-Control"):
        directives = {
            d.split("=")[0].strip().lower() for d in cc_delim_re.split(response["Cache-Control"])
        }
        if directives & _UNCACHEABLE_CC:
            return False
    if response.has_header("Vary"):
        varies = {v.strip().lower() for v in cc_delim_re.split(response["Vary"])}
        if not varies <= _ALLOWED_VARY:
            return False
    return True


def environ_url(environ):
    """scheme://host/path?query of a raw WSGI environ: what selects a cached page."""
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0]) == proxy_header[1]:
        scheme = "https"
    return "{}://{}{}?{}".format(
        scheme,
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )


def url_key(url, date):
    # The release too: a deployment must not serve pages the previous templates rendered.
    digest = hashlib.blake2b(url.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return f"pagecache:{release_id()}:{date}:{digest}"


def environ_key(environ):
    """The cache key of a request, from its raw WSGI environ (shared with toasoan.ops.wsgi).

    The scheme and host select the site; the raw path and query string select the page
    (?page=2, ?q=…); the local date turns the header date over at midnight. Hosts are not
    validated here: only responses Django produced (for allowed hosts) are ever stored.
    """
    return url_key(environ_url(environ), timezone.localdate().isoformat())


def cache_key(request):
    return environ_key(request.META)


def is_current(store, validity, known=None):
    """Whether a stored page's (tags, versions) are all still the current versions.

    `known` maps tags whose current version the caller already has (ANY, fetched with the
    page) to it, saving a round trip for pages that carry nothing else.
    """
    tags, versions = validity
    if known and all(t in known for t in tags):
        return tuple(known[t] for t in tags) == versions
    return store.read(tags) == versions


def lookup(cache, key):
    """The stored page for `key` if it is current, plus the current version of ANY.

    Redis: the page and ANY's version come in one MGET; a page carrying other tags costs one
    MGET of their versions more. File cache: versions are memory reads.
    """
    store = cachetags.versions_for(cache)
    if isinstance(store, cachetags.FileTagVersions):
        any_version, cached = store.read((cachetags.ANY,))[0], cache.get(key)
    else:
        found = cache.get_many([GENERATION_KEY, key])
        any_version = found.get(GENERATION_KEY)
        if any_version is None:
            any_version = store.ensure((cachetags.ANY,))[0]
        cached = found.get(key)
    if cached is not None and is_current(store, cached[0], {cachetags.ANY: any_version}):
        return cached, any_version
    return None, any_version


def _view_tags(request):
    """Tags TOASOAN_PAGECACHE["VIEW_TAGS"] gives the Django view that answered (complete)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return pagecache_setting("VIEW_TAGS").get(match.view_name)


def _header(headers, name):
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return ""


def compressed_bodies(headers, content):
    """{"": content, "gzip": …, "br": …} for a compressible page, else {"": content}."""
    bodies = {"": content}
    content_type = _header(headers, "Content-Type").lower()
    if (
        len(content) < MIN_COMPRESS_BYTES
        or _header(headers, "Content-Encoding")
        or not content_type.startswith(COMPRESSIBLE_TYPES)
    ):
        return bodies
    bodies["gzip"] = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
    if brotli is not None:
        bodies["br"] = brotli.compress(content, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    return bodies


_accepted_by_header = {}


def _accepted(accept_encoding):
    accepted = _accepted_by_header.get(accept_encoding)
    if accepted is None:
        names = set()
        for part in accept_encoding.lower().split(","):
            name, _, params = part.strip().partition(";")
            quality = params.strip()
            if quality.startswith("q="):
                try:
                    if float(quality[2:]) <= 0:
                        continue
                except ValueError:
                    continue
            names.add(name.strip())
        accepted = frozenset(names)
        if len(_accepted_by_header) < 256:  # browsers send a handful of distinct values
            _accepted_by_header[accept_encoding] = accepted
    return accepted


def choose_encoding(accept_encoding, available=ENCODINGS):
    """ "br", "gzip" or "" (identity): the best of `available` the Accept-Encoding allows."""
    if not accept_encoding:
        return ""
    accepted = _accepted(accept_encoding)
    for encoding in ENCODINGS:
        if encoding in available and (encoding in accepted or "*" in accepted):
            return encoding
    return ""


def variant_headers(headers, bodies, encoding):
    """The stored headers for the `encoding` form of a page (Content-Length/-Encoding set)."""
    out = [(k, v) for k, v in headers if k.lower() not in ("content-length", "content-encoding")]
    if encoding:
        out.append(("Content-Encoding", encoding))
    out.append(("Content-Length", str(len(bodies[encoding]))))
    return out


_gzip_uncached = GZipMiddleware(lambda request: None)


def compress_uncached(request, response):
    """Gzip a text response that is not cached (Django's GZipMiddleware: BREACH-padded), so
    the embedded server sends no page uncompressed. Streaming responses (files, downloads,
    static files WhiteNoise serves with their own precompressed forms) are left alone."""
    content_type = response.get("Content-Type", "").lower()
    if response.streaming or not content_type.startswith(COMPRESSIBLE_TYPES):
        return response
    try:
        return _gzip_uncached.process_response(request, response)
    except Exception:  # noqa: BLE001 - compression is an optimisation, never an error
        logger.warning("could not compress %s", request.path, exc_info=True)
        return response


class PageCacheMiddleware:
    """Serve and store anonymous pages; the first entry of MIDDLEWARE.

    First, so the stored headers include everything every other middleware adds and
    toasoan.ops.wsgi can replay a hit without running Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        page_served(request.META, response.status_code, response.items())
        return response

    def _respond(self, request):
        if not pagecache_setting("ENABLED") or not request_is_cacheable(request):
            return compress_uncached(request, self.get_response(request))
        cache = page_cache()
        key = cache_key(request)
        # The stored page and the version of ANY in one round trip (MGET on Redis); a page
        # whose tags moved since it was stored is simply not used.
        cached, any_before = lookup(cache, key)
        if cached is not None:
            return self._shareable(self._rebuild(cached, request))
        token = cachetags.begin()
        try:
            response = self.get_response(request)
            view_tags = _view_tags(request)
            if view_tags is not None:
                cachetags.shows(*view_tags, complete=True)
        finally:
            shown = cachetags.end(token)
        if request.method == "GET" and response_is_cacheable(request, response):
            validity = self._validity(cache, shown, any_before)
            if validity is None:
                # Something changed while we rendered: maybe after we read it. Not stored;
                # the next request renders again.
                response[HEADER] = "miss"
                return self._shareable(compress_uncached(request, response))
            frozen = self._freeze(validity, response)
            cache.set(key, frozen, timeout=pagecache_setting("TIMEOUT"))
            bodies = frozen[3]
            encoding = choose_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""), bodies)
            if encoding:
                response.content = bodies[encoding]
                response["Content-Encoding"] = encoding
                response["Content-Length"] = str(len(response.content))
            response[HEADER] = "miss"
            return self._shareable(response)
        response = compress_uncached(request, response)
        response[HEADER] = "skip"
        return response

    @staticmethod
    def _shareable(response):
        # nginx's micro-cache (deploy/nginx/toasoan.conf) keeps exactly the responses we
        # found shareable, for PROXY_SECONDS: readers never see a page older than that.
        seconds = pagecache_setting("PROXY_SECONDS")
        if seconds:
            response["X-Accel-Expires"] = str(seconds)
        return response

    @staticmethod
    def _validity(cache, shown, any_before):
        """(tags, versions) to store the page with, or None if ANY moved during the render."""
        tags = cachetags.page_tags(shown, invalidation_mode())
        store = cachetags.versions_for(cache)
        read = tags if cachetags.ANY in tags else (*tags, cachetags.ANY)
        versions = store.ensure(read)
        if versions[read.index(cachetags.ANY)] != any_before:
            return None
        return tags, versions[: len(tags)]

    @staticmethod
    def _freeze(validity, response):
        """(validity, status, headers, bodies): bodies by content coding, made once here."""
        bodies = compressed_bodies(list(response.items()), response.content)
        if len(bodies) > 1:
            patch_vary_headers(response, ("Accept-Encoding",))
        skip = {HEADER.lower(), "x-accel-expires", "content-length"}
        headers = [(k, v) for k, v in response.items() if k.lower() not in skip]
        return (validity, response.status_code, headers, bodies)

    @staticmethod
    def _rebuild(cached, request):
        # toasoan.ops.wsgi.PageCacheApp replays the same tuple without Django: keep in step.
        _, status, headers, bodies = cached
        encoding = choose_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""), bodies)
        content = bodies[encoding]
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in variant_headers(headers, bodies, encoding):
            response[name] = value
        response[HEADER] = "hit"
        return response
