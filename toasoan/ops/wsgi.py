"""WSGI entry point: the page-cache front in front of Django (what granian serves).

A cached page is answered straight from the raw WSGI environ: no request object, no
middleware, no request signals. The front keeps the pages it served recently in memory
(MemoryPages: a least-recently-used dict bounded in bytes, status line and header list built
once per entry) and checks every one of them against the current content generation on every
request, so it is exactly as fresh as PageCacheMiddleware:

* file cache (`make run`): the generation is a memory-mapped file (pagecache.FileGeneration),
  reading it is a memory read; a memory hit costs no system call at all;
* Redis: one GET of the small generation key per request (its raw bytes are compared with the
  last ones seen, so nothing is unpickled); a memory miss is one MGET of generation and page,
  as before.

Everything else goes to Django: other methods, credentials (session/messages cookie,
Authorization), BYPASS_PREFIXES, pages not stored yet or stored under an older generation.
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

from toasoan.ops.lean import without_wagtail_api_v3

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.production")

# Wagtail's API v3 is not routed here; not building it saves RSS in every worker (lean.py).
with without_wagtail_api_v3():
    django_application = get_wsgi_application()

from django.core.cache import caches  # noqa: E402 - needs the settings loaded above
from django.core.cache.backends.redis import RedisCache  # noqa: E402
from django.utils import timezone  # noqa: E402

from toasoan.ops import pagecache  # noqa: E402
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

    Entries are (generation, status line, headers, body); a caller compares the generation
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


class _RedisGeneration:
    """The generation key read on a connection of each thread's own, unpickled only on change.

    redis-py's client layer (pool checkout, retries, instrumentation) costs ≈4× the command
    itself; the connection is from the same pool settings (address, db, password, TLS,
    timeouts). Any error drops the connection and lets Django answer this request.
    """

    def __init__(self, cache):
        self.cache = cache
        self.key = cache.make_and_validate_key(pagecache.GENERATION_KEY)
        self._pool = cache._cache.get_client(self.key).connection_pool
        self._local = threading.local()
        self._last = (None, None)

    def _read(self):
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._pool.connection_class(**self._pool.connection_kwargs)
            self._local.connection = connection
            self._local.command = connection.pack_command("GET", self.key)
        try:
            connection.send_packed_command(self._local.command, check_health=False)
            return connection.read_response()
        except BaseException:
            self._local.connection = None
            connection.disconnect()
            raise

    def __call__(self):
        if getattr(self.cache, "is_down", False):
            return None
        raw = self._read()
        if raw is None:
            return pagecache.current_generation(self.cache)
        last_raw, generation = self._last
        if raw != last_raw:
            generation = self.cache._cache._serializer.loads(raw)
            self._last = (raw, generation)
        return generation


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
        self.generation = self._generation_reader(self.cache)

    @staticmethod
    def _generation_reader(cache):
        store = pagecache.generation_store(cache)
        if store is not None:
            return store.read
        if isinstance(cache, RedisCache):
            return _RedisGeneration(cache)
        return lambda: pagecache.current_generation(cache)

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
        """The current entry for this request (from memory, else the shared cache) or None."""
        date = self.today()
        url = pagecache.environ_url(environ)
        key = date + url
        entry = self.memory.get(key)
        if entry is not None:
            generation = self.generation()
            if generation is not None and entry[0] == generation:
                return entry
            self.memory.discard(key, entry)
        cached, generation = pagecache.lookup(self.cache, pagecache.url_key(url, date))
        if cached is None:
            return None
        entry = self._entry(cached)
        self.memory.put(key, entry)
        return entry

    def _entry(self, cached):
        # The tuple PageCacheMiddleware._freeze stored; keep in step with _rebuild there.
        generation, status, headers, content = cached
        headers = [*headers, *self.extra_headers]
        if not any(name.lower() == "content-length" for name, _ in headers):
            headers.append(("Content-Length", str(len(content))))
        return (generation, _status_line(status), headers, content)


application = PageCacheApp(django_application)
