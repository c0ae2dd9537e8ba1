"""Site-wide read-side data cached *exactly*: the section tree, the "Thông báo" block, section
article counts, sub-section lists, the site identity, the menu fallback and the footer links.

Every entry is stored with the page cache's *content generation* (toasoan/ops/pagecache.py),
the token that is replaced on every change readers can see (any page, comments, settings,
menus, images, view restrictions…; toasoan/ops/signal_handlers.py), on every process and
host. An entry is used only while its generation is the current one, so a change retires
every entry at once, by the next request: there is no list of keys to invalidate and nothing
to get wrong. Data that changes with the clock rather than with an edit (a future publication
date, an announcement's "hiện đến" date, an expiry) is handled the same way: each entry is
stored with the moment it stops being true (``valid_until``), computed from the very rows it
was built from, and is rebuilt once that moment has passed.

Cost: one cache round trip per request (MGET on Redis) fetches the generation together with
the site-wide entries this process has used before; per-page entries cost one GET each.

Keys carry the code's release (toasoan/ops/release.py): values are pickled objects whose
shape the code decides, and a new release must not read what the previous one stored.

Entries are read and written only outside database transactions: a value computed inside one
might hold rows that are then rolled back (an editor's failed save, a test case), and no
later change would retire it.
"""

import logging
import threading

from django.core.signals import request_finished, request_started
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# Entries are retired by the generation; this only bounds memory.
TIMEOUT = 3600
PREFIX = "news-frag:"
_MAX_PREFETCH = 32
_MISSING = object()
_prefetch = {}  # names of site-wide entries this process uses (ordered, bounded)
_state = threading.local()


def _cache():
    from toasoan.ops.pagecache import page_cache

    # The alias holding the generation, so both come back in one round trip.
    return page_cache()


def _begin(**kwargs):
    _state.generation = _MISSING
    _state.entries = {}
    _state.memo = {}
    _state.active = True


def _end(**kwargs):
    _state.active = False
    _state.entries = {}
    _state.memo = {}


def request_memo():
    """A dict that lives as long as the request being served (None outside one): for
    values asked for many times per request and computed even where ``cached`` cannot
    store them (inside a transaction)."""
    return getattr(_state, "memo", None) if getattr(_state, "active", False) else None


def connect():
    request_started.connect(_begin, dispatch_uid="news_fragments_begin")
    request_finished.connect(_end, dispatch_uid="news_fragments_end")


def _key(name):
    from toasoan.ops.release import release_id

    return f"{PREFIX}{release_id()}:{name}"


def _request_generation(cache):
    """The generation this request works under, fetched on first use together with the
    site-wide entries this process has used before (one round trip)."""
    from toasoan.ops.pagecache import GENERATION_KEY, current_generation

    if _state.generation is _MISSING:
        names = list(_prefetch)
        found = cache.get_many([GENERATION_KEY, *(_key(n) for n in names)])
        _state.generation = found.get(GENERATION_KEY) or current_generation(cache)
        _state.entries = {n: found.get(_key(n)) for n in names}
    return _state.generation


def generation():
    """The content generation of the request being served, or None when there is none to
    trust: outside a request, inside a database transaction, or with the cache unreachable.
    """
    if connection.in_atomic_block or not getattr(_state, "active", False):
        return None
    try:
        value = _request_generation(_cache())
    except Exception:  # noqa: BLE001 - a cache failure means rendering, never an error
        logger.warning("fragment cache unavailable", exc_info=True)
        return None
    return None if value in (None, "none") else value


def _generation_and_entry(cache, name):
    """(generation or None, stored entry or None) for ``name``."""
    from toasoan.ops.pagecache import current_generation

    if getattr(_state, "active", False):
        _request_generation(cache)
        if name not in _state.entries:
            _state.entries[name] = cache.get(_key(name))
        return _state.generation, _state.entries[name]
    return current_generation(cache), cache.get(_key(name))


def cached(name, compute, site_wide=True):
    """The value of entry ``name``: ``compute()`` returns ``(value, valid_until)`` where
    valid_until is None or the datetime after which the value is no longer true.

    ``site_wide`` entries (a handful per site) are fetched together with the generation on
    the next requests of this process; per-page ones are fetched when asked for.
    """
    if connection.in_atomic_block:
        return compute()[0]
    try:
        cache = _cache()
        generation, entry = _generation_and_entry(cache, name)
    except Exception:  # noqa: BLE001 - a cache failure means computing, never an error
        logger.warning("fragment cache unavailable", exc_info=True)
        return compute()[0]
    if generation in (None, "none"):  # "none": the cache is unreachable
        return compute()[0]
    if site_wide and name not in _prefetch and len(_prefetch) < _MAX_PREFETCH:
        _prefetch[name] = True
    if entry is not None:
        stored_generation, value, valid_until = entry
        if stored_generation == generation and (
            valid_until is None or timezone.now() < valid_until
        ):
            return value
    # Built from rows read after the generation was: if content changes meanwhile, the
    # entry carries a generation that is already retired.
    value, valid_until = compute()
    entry = (generation, value, valid_until)
    if getattr(_state, "active", False):
        _state.entries[name] = entry
    try:
        cache.set(_key(name), entry, timeout=TIMEOUT)
    except Exception:  # noqa: BLE001 - not stored: the next request computes it again
        logger.warning("could not store the fragment %s", name, exc_info=True)
    return value


def earliest(*moments):
    """The earliest of the given datetimes (None ignored), or None."""
    moments = [m for m in moments if m is not None]
    return min(moments) if moments else None
