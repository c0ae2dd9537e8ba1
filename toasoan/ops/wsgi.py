"""WSGI entry point: the page-cache front in front of Django (what granian serves).

A cached page is answered straight from the raw WSGI environ: no request object, no
middleware, no request signals. The front keeps the pages it served recently in memory
(MemoryPages: a least-recently-used dict bounded in bytes, one entry per page and content
coding, status line and header list built once per entry) and checks every one of them against
the current versions of its dependency tags (toasoan/ops/cachetags.py) on every request, so it
is exactly as fresh as PageCacheMiddleware:

* file cache (`make run`): versions are slots of a memory-mapped file
  (cachetags.FileTagVersions): a memory hit costs no system call at all;
* Redis: one MGET of the page's few tag versions per request, on a raw connection; a memory
  miss is one GET of the page and that MGET.

Everything else goes to Django: other methods, credentials (session/messages cookie,
Authorization), BYPASS_PREFIXES, pages not stored yet or whose tags moved since.
Django's PageCacheMiddleware stores pages (and serves hits when Django runs any other way:
runserver, tests). Measured gain: docs/decisions/page-cache.md and docs/decisions/app-server.md.
"""

import datetime as dt
import http
import os
import threading
import time
from collections import OrderedDict

from django.core.wsgi import get_wsgi_application

from toasoan.ops.skip_wagtail_api import without_wagtail_api_v3

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.production")

# Wagtail's API v3 is not routed here; not building it saves RSS in every worker (lean.py).
with without_wagtail_api_v3():
    django_application = get_wsgi_application()

from django.core.cache import caches  # noqa: E402 - needs the settings loaded above
from django.core.cache.backends.redis import RedisCache  # noqa: E402
from django.utils import timezone  # noqa: E402

from toasoan.ops import cachetags, pagecache  # noqa: E402
from toasoan.ops.conf import pagecache_setting  # noqa: E402
from toasoan.ops.served import page_served  # noqa: E402

_METHODS = frozenset(("GET", "HEAD"))


def _status_line(status):
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


class LocalDate:
    """Today's local date (TIME_ZONE) as text, recomputed only when the clock leaves that day."""

    def __init__(self):
        self._day = (0.0, 0.0, "")

    def __call__(self):
        start, end, text = self._day
        now = time.time()
        if start <= now < end:
            return text
        today = timezone.localdate()
        zone = timezone.get_default_timezone()
        start = dt.datetime.combine(today, dt.time.min, tzinfo=zone).timestamp()
        end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        self._day = (start, end.timestamp(), today.isoformat())
        return self._day[2]


class MemoryPages:
    """Pages this process served recently, at most `max_bytes` of bodies, oldest use first out.

    Entries are ((tags, versions), status line, headers, body); a caller compares the versions
    with the current one before using an entry.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._entries)

    def get(self, key):
        entry = self._entries.get(key)
        if entry is not None:
            try:
                self._entries.move_to_end(key)
            except KeyError:  # dropped by another thread meanwhile
                pass
        return entry

    def put(self, key, entry):
        size = len(entry[3])
        if size > self.max_bytes // 8:  # one huge page must not empty the whole memory
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old[3])
            self._entries[key] = entry
            self.size += size
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[3])

    def discard(self, key, entry):
        with self._lock:
            if self._entries.get(key) is entry:
                del self._entries[key]
                self.size -= len(entry[3])


class _RedisTagVersions:
    """Tag versions read with MGET on a connection of each thread's own, with no client layer.

    redis-py's client layer (pool checkout, retries, instrumentation) costs ≈4× the command
    itself; the connection is from the same pool settings (address, db, password, TLS,
    timeouts). Versions are integers, which Django's Redis serializer stores as plain digits.
    Any error drops the connection and lets Django answer this request.
    """

    def __init__(self, cache):
        self.cache = cache
        self._pool = cache._cache.get_client(None).connection_pool
        self._local = threading.local()
        self._keys = {}

    def _key(self, tag):
        key = self._keys.get(tag)
        if key is None:
            key = self.cache.make_and_validate_key(cachetags.tag_key(tag))
            if len(self._keys) < 100_000:
                self._keys[tag] = key
        return key

    def read(self, tags):
        if getattr(self.cache, "is_down", False):
            return None
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._pool.connection_class(**self._pool.connection_kwargs)
            self._local.connection = connection
        try:
            connection.send_command("MGET", *(self._key(t) for t in tags), check_health=False)
            raw = connection.read_response()
        except BaseException:
            self._local.connection = None
            connection.disconnect()
            raise
        try:
            return tuple(None if value is None else int(value) for value in raw)
        except ValueError:  # not a version we wrote: treat as changed
            return None


class PageCacheApp:
    def __init__(self, app, memory_bytes=None):
        self.app = app
        self.enabled = pagecache_setting("ENABLED")
        # A cache object of our own, shared by every thread (Django's are per thread).
        self.cache = caches.create_connection(pagecache_setting("CACHE_ALIAS"))
        self.bypass_prefixes = tuple(pagecache_setting("BYPASS_PREFIXES"))
        self.bypass_cookies = tuple(f"{name}=" for name in pagecache._bypass_cookie_names() if name)
        seconds = pagecache_setting("PROXY_SECONDS")
        self.extra_headers = [(pagecache.HEADER, "hit")]
        if seconds:
            self.extra_headers.append(("X-Accel-Expires", str(seconds)))
        if memory_bytes is None:
            memory_bytes = pagecache_setting("MEMORY_BYTES")
        self.memory = MemoryPages(memory_bytes)
        self.today = LocalDate()
        self.versions = self._versions_reader(self.cache)

    @staticmethod
    def _versions_reader(cache):
        if isinstance(cache, RedisCache):
            return _RedisTagVersions(cache).read
        return cachetags.versions_for(cache).read

    def __call__(self, environ, start_response):
        if (
            self.enabled
            and environ.get("REQUEST_METHOD") in _METHODS
            and "HTTP_AUTHORIZATION" not in environ
        ):
            cookies = environ.get("HTTP_COOKIE")
            if not (cookies and any(name in cookies for name in self.bypass_cookies)):
                if not environ.get("PATH_INFO", "/").startswith(self.bypass_prefixes):
                    try:
                        entry = self.lookup(environ)
                    except Exception:  # noqa: BLE001 - any cache trouble: let Django answer
                        entry = None
                    if entry is not None:
                        page_served(environ, 200, entry[2])
                        start_response(entry[1], entry[2])
                        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else entry[3]]
        return self.app(environ, start_response)

    def lookup(self, environ):
        """The current entry for this request (from memory, else the shared cache) or None.

        Entries are per content coding: the form (Brotli, gzip, plain) the reader's
        Accept-Encoding allows, compressed when the page was stored.
        """
        date = self.today()
        url = pagecache.environ_url(environ)
        encoding = pagecache.choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        key = f"{encoding}|{date}{url}"
        entry = self.memory.get(key)
        if entry is not None:
            tags, versions = entry[0]
            if self.versions(tags) == versions:
                return entry
            self.memory.discard(key, entry)
        cached = self.cache.get(pagecache.url_key(url, date))
        if cached is None:
            return None
        tags, versions = cached[0]
        if self.versions(tags) != versions:
            return None
        entry = self._entry(cached, environ.get("HTTP_ACCEPT_ENCODING", ""))
        self.memory.put(key, entry)
        return entry

    def _entry(self, cached, accept_encoding):
        # The tuple PageCacheMiddleware._freeze stored; keep in step with _rebuild there.
        validity, status, headers, bodies = cached
        encoding = pagecache.choose_encoding(accept_encoding, bodies)
        headers = [*pagecache.variant_headers(headers, bodies, encoding), *self.extra_headers]
        return (validity, _status_line(status), headers, bodies[encoding])


application = PageCacheApp(django_application)

# Poll votes from the poll box script take a lean path (toasoan/polls/wsgi.py).
from toasoan.polls.conf import polls_setting  # noqa: E402

if polls_setting("LEAN_VOTE_PATH"):
    from toasoan.polls.wsgi import VoteFront  # noqa: E402

    application = VoteFront(application)
