"""Dependency tags of cached pages: what a page shows, and the version of each such thing.

A cached page records the tags of what it shows ("page:12", "comments:12", "list:5", …, the
map is in docs/decisions/page-cache.md) with the *version* each tag had when the page was
stored; it is served only while every one of those versions is still current. A write bumps
the versions of the tags it touches (toasoan/ops/signal_handlers.py), so it retires exactly
the pages that show what changed, on every process and host, by their next request.

Two tags are special:

* ``ALL`` is carried by every page. A change nobody described (a watched model without tag
  knowledge, a restore, a site-wide setting) bumps it: everything is retired, the safe default.
* ``ANY`` is bumped by *every* change. Pages whose view did not declare a complete set of tags
  carry it (they may show anything), and so do the read-side data fragments
  (toasoan/news/fragments.py). It is also the render guard: a page is stored only if ``ANY``
  did not move while it was rendered (a write during the render could have been read half).
  In the old site-wide mode (``TOASOAN_PAGECACHE["INVALIDATION"] = "site"``) every page carries
  ``ANY`` alone: one change retires every page, as before issue #20.

Where versions live: keys of the page cache (Redis, LocMem), one per tag; for the file cache of
`make run`, a memory-mapped table of 8-byte slots every process maps (FileTagVersions): reading
a page's versions costs no system call and a bump is seen by every process by its next read.
Tags hash into slots; two tags sharing a slot only make a bump retire a few more pages.
"""

import contextvars
import hashlib
import logging
import mmap
import os
import secrets
import struct
import threading
import time

from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)

ALL = "all"
ANY = "any"
TAG_KEY_PREFIX = "pagecache:tag:"


def page(page_id):
    return f"page:{page_id}"


def comments(page_id):
    return f"comments:{page_id}"


def listing(page_id):
    """Lists of the content under page `page_id` (a section, the home page, …)."""
    return f"list:{page_id}"


LIST_SITE = "list:site"  # every list of articles of the site: search, feeds, sitemaps
ANNOUNCEMENTS = "announcements"


def tag_key(tag):
    return TAG_KEY_PREFIX + tag


def new_version():
    # Only equality is ever compared, so a random 62-bit number serves: unlike a timestamp it
    # never repeats for two bumps in the same clock tick (or under a frozen test clock).
    return secrets.randbits(62)


# -- what the response being rendered shows -------------------------------------------------


class _Shown:
    __slots__ = ("tags", "complete")

    def __init__(self):
        self.tags = set()
        self.complete = False


_shown = contextvars.ContextVar("toasoan_pagecache_shown", default=None)


def begin():
    """Start collecting the tags of a response (PageCacheMiddleware); returns the token."""
    return _shown.set(_Shown())


def end(token):
    shown = _shown.get()
    _shown.reset(token)
    return shown


def shows(*tags, complete=False):
    """Declare that the response being rendered shows what `tags` name.

    ``complete=True`` says the view has now named *everything* its page depends on (besides
    what ALL covers: menus, settings, images); without it the page also carries ANY and is
    retired by every change. Data fragments and template tags add tags without claiming
    completeness; a page view claims it. Outside a cached request this does nothing.
    """
    shown = _shown.get()
    if shown is not None:
        shown.tags.update(tags)
        if complete:
            shown.complete = True


def page_tags(shown, mode):
    """The tags a stored page carries, from what its rendering declared."""
    if mode == "site" or shown is None:
        return (ANY,)
    tags = {ALL, *shown.tags}
    if not shown.complete:
        tags.add(ANY)
    return tuple(sorted(tags))


# -- versions ------------------------------------------------------------------------------


class FileTagVersions:
    """Tag versions of a file page cache: a table of 8-byte slots mapped by every process.

    A bump writes the new version into the tag's slot in place (pwrite); every process that
    mapped the file sees it on its next read, without a system call. The file is re-checked
    once per RECHECK_SECONDS (stat) in case it was deleted or replaced (a wiped var/).
    """

    SLOTS = 16384  # 128 KB; only the slots in use are ever touched in memory
    SIZE = SLOTS * 8
    RECHECK_SECONDS = 1.0

    def __init__(self, directory):
        self.directory = str(directory)
        self.path = os.path.join(self.directory, "tag-versions")
        self._map = None
        self._identity = None
        self._checked = None
        self._lock = threading.Lock()
        self._slots = {}

    def slot(self, tag):
        slot = self._slots.get(tag)
        if slot is None:
            digest = hashlib.blake2b(tag.encode("utf-8"), digest_size=8).digest()
            slot = int.from_bytes(digest, "little") % self.SLOTS
            if len(self._slots) < 100_000:
                self._slots[tag] = slot
        return slot

    def _create(self):
        os.makedirs(self.directory, exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.{secrets.token_hex(4)}"
        with open(temporary, "wb") as f:
            # A fresh table starts from "now" everywhere: nothing stored before can match.
            f.write(struct.pack("<q", new_version()) * self.SLOTS)
        try:
            os.link(temporary, self.path)  # atomic: never a half-written table
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
            if stat.st_size < self.SIZE:  # damaged by hand: start again
                os.pwrite(fd, struct.pack("<q", new_version()) * self.SLOTS, 0)
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

    def _fresh(self):
        now = time.monotonic()
        if self._checked is None or not 0 <= now - self._checked < self.RECHECK_SECONDS:
            self._recheck(now)
        return self._map

    def read(self, tags):
        table = self._fresh()
        return tuple(struct.unpack_from("<q", table, self.slot(tag) * 8)[0] for tag in tags)

    def ensure(self, tags):
        return self.read(tags)

    def bump(self, tags):
        self._recheck(time.monotonic())
        version = new_version()
        fd = os.open(self.path, os.O_RDWR)
        try:
            for slot in sorted({self.slot(tag) for tag in tags}):
                os.pwrite(fd, struct.pack("<q", version), slot * 8)
        finally:
            os.close(fd)
        return version


class CacheTagVersions:
    """Tag versions as keys of a Django cache (Redis in production, LocMem in tests)."""

    def __init__(self, cache):
        self.cache = cache

    def read(self, tags):
        found = self.cache.get_many([tag_key(t) for t in tags])
        return tuple(found.get(tag_key(t)) for t in tags)

    def ensure(self, tags):
        """Versions of `tags`, giving a version to tags that have none yet (first use, or
        evicted: a page stored before then no longer matches, which is safe)."""
        versions = self.read(tags)
        if None in versions:
            for tag, version in zip(tags, versions, strict=True):
                if version is None:
                    self.cache.add(tag_key(tag), new_version(), timeout=None)
            versions = self.read(tags)
        return versions

    def bump(self, tags):
        version = new_version()
        self.cache.set_many({tag_key(t): version for t in tags}, timeout=None)
        return version


_file_stores = {}


def versions_for(cache):
    """The tag-version store of a page cache."""
    if isinstance(cache, FileBasedCache):
        store = _file_stores.get(cache._dir)
        if store is None:
            store = _file_stores.setdefault(cache._dir, FileTagVersions(cache._dir))
        return store
    return CacheTagVersions(cache)


def bump(cache, tags, reason=""):
    """Retire the pages carrying any of `tags` (ANY is always bumped too)."""
    tags = tuple(sorted({*tags, ANY}))
    try:
        versions_for(cache).bump(tags)
    except Exception:  # noqa: BLE001 - invalidation must never break an editor's save
        logger.exception("could not bump page-cache tags %s (%s)", tags, reason)
        return
    logger.debug("page cache tags bumped: %s (%s)", tags, reason)
