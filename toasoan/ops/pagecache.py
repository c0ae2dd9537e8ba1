"""Full-page cache for anonymous readers, exact by construction.

Every cached page carries the site-wide *content generation* it was rendered under, a random
token stored in the shared cache and replaced whenever something readers can see changes
(signal_handlers.py); a page is served only while its generation is the current one. The
generation and the page are fetched together, in one round trip.
A change therefore retires every cached page at once, on every process and host, by the next
request: no list of dependent URLs to get wrong ("Tin khác" of neighbours, paginated section
lists, feeds, the sitemap). The price is a lower hit rate right after each change, measured in
docs/decisions/page-cache.md. The local date (Asia/Ho_Chi_Minh) is part of the key too, so
the date in the page header turns over at midnight.

Where the generation lives: in the cache itself under GENERATION_KEY (Redis, LocMem), except
for the file cache of `make run`, where it is a 16-byte file every process maps into memory
(FileGeneration): reading it costs no system call and a bump is seen by every process on the
host by its next request.

What is never cached: anything but GET/HEAD, requests carrying a session or messages cookie or
an Authorization header (staff, previews), the admin and other BYPASS_PREFIXES, responses
that are not 200, set a cookie, say ``private``/``no-store``/``no-cache``, or used the CSRF
token (a per-reader value must never reach another reader).
"""

import hashlib
import logging
import mmap
import os
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from .conf import pagecache_setting
from .release import release_id
from .served import page_served

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
_UNCACHEABLE_CC = {"private", "no-store", "no-cache"}
_ALLOWED_VARY = {"cookie", "accept-encoding"}


def _cache():
    return caches[pagecache_setting("CACHE_ALIAS")]


class FileGeneration:
    """The content generation of a file page cache: a 16-byte file mapped by every process.

    A bump writes the new token into the file in place (pwrite); every process that mapped it
    sees the new bytes on its next read, without a system call. The file is re-checked once per
    RECHECK_SECONDS (stat) in case it was deleted or replaced (a wiped var/ directory).
    """

    SIZE = 16
    RECHECK_SECONDS = 1.0

    def __init__(self, directory):
        self.directory = str(directory)
        self.path = os.path.join(self.directory, "generation")
        self._map = None
        self._identity = None
        self._checked = None
        self._lock = threading.Lock()

    @classmethod
    def _token(cls):
        return secrets.token_hex(cls.SIZE // 2).encode("ascii")

    def _create(self):
        os.makedirs(self.directory, exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.{secrets.token_hex(4)}"
        with open(temporary, "wb") as f:
            f.write(self._token())
        try:
            os.link(temporary, self.path)  # atomic: never a half-written generation file
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)

    def _attach(self):
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            self._create()
            fd = os.open(self.path, os.O_RDWR)
        try:
            stat = os.fstat(fd)
            if stat.st_size < self.SIZE:  # damaged by hand: start a new generation
                os.pwrite(fd, self._token(), 0)
            mapping = mmap.mmap(fd, self.SIZE, access=mmap.ACCESS_READ)
        finally:
            os.close(fd)
        self._map, self._identity = mapping, (stat.st_dev, stat.st_ino)

    def _recheck(self, now):
        with self._lock:
            try:
                stat = os.stat(self.path)
                identity = (stat.st_dev, stat.st_ino)
            except FileNotFoundError:
                identity = None
            if self._map is None or identity != self._identity:
                self._attach()
            self._checked = now

    def read(self):
        now = time.monotonic()
        if self._checked is None or not 0 <= now - self._checked < self.RECHECK_SECONDS:
            self._recheck(now)
        return self._map[: self.SIZE].decode("ascii", "replace")

    def bump(self):
        self._recheck(time.monotonic())
        token = self._token()
        fd = os.open(self.path, os.O_RDWR)
        try:
            os.pwrite(fd, token, 0)
        finally:
            os.close(fd)
        return token.decode("ascii")


_file_generations = {}


def generation_store(cache):
    """The FileGeneration of a file cache; None when the generation is a key in `cache`."""
    if not isinstance(cache, FileBasedCache):
        return None
    store = _file_generations.get(cache._dir)
    if store is None:
        store = _file_generations.setdefault(cache._dir, FileGeneration(cache._dir))
    return store


def current_generation(cache=None):
    cache = cache or _cache()
    store = generation_store(cache)
    if store is not None:
        return store.read()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(6), timeout=None)
        generation = cache.get(GENERATION_KEY) or "none"
    return generation


def bump_generation(reason=""):
    """Retire every cached page (on all processes) because content changed."""
    token = secrets.token_hex(6)
    try:
        cache = _cache()
        store = generation_store(cache)
        if store is not None:
            token = store.bump()
        else:
            cache.set(GENERATION_KEY, token, timeout=None)
    except Exception:  # noqa: BLE001 - invalidation must never break an editor's save
        logger.exception("could not bump the page-cache generation (%s)", reason)
    logger.debug("page cache generation -> %s (%s)", token, reason)
    return token


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


def lookup(cache, key):
    """The stored page for `key` if it belongs to the current generation, plus that generation."""
    store = generation_store(cache)
    if store is not None:
        generation, cached = store.read(), cache.get(key)
    else:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation(cache)
        cached = found.get(key)
    if cached is not None and cached[0] == generation:
        return cached, generation
    return None, generation


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
            return self.get_response(request)
        cache = _cache()
        key = cache_key(request)
        # One round trip (MGET on Redis): the generation and the stored page together. A page
        # stored under an older generation is simply not used.
        cached, generation = lookup(cache, key)
        if cached is not None:
            return self._shareable(self._rebuild(cached, request))
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            # Stored with the generation read *before* rendering: if content changed while
            # we rendered, the entry is already outdated and the next request renders again.
            cache.set(key, self._freeze(generation, response), timeout=pagecache_setting("TIMEOUT"))
            response[HEADER] = "miss"
            return self._shareable(response)
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
    def _freeze(generation, response):
        skip = {HEADER.lower(), "x-accel-expires"}
        headers = [(k, v) for k, v in response.items() if k.lower() not in skip]
        return (generation, response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(cached, request):
        # toasoan.ops.wsgi.PageCacheApp replays the same tuple without Django: keep in step.
        _, status, headers, content = cached
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        response[HEADER] = "hit"
        return response
