"""One public hook: "a page was served to a reader", called where pages are served.

The page-cache WSGI front (toasoan/ops/wsgi.py) calls ``page_served`` for every hit it
answers without Django, and PageCacheMiddleware (toasoan/ops/pagecache.py) for every response
Django produced, so an app can observe every page view, cached or not, without adding a
request or a middleware of its own. toasoan.statistics registers its view recorder here.

Callbacks run on the hot path of every cached page: they must be cheap (append to a buffer,
no I/O, no locks held for long) and must not raise. A callback that raises is logged once and
unregistered, so a bug in an observer can never break serving pages.
"""

import logging

logger = logging.getLogger(__name__)

_callbacks = []


def register_page_served(callback):
    """Call ``callback(environ, status, headers)`` for every page served; idempotent.

    ``environ`` is the raw WSGI environ (``request.META`` for Django responses), ``status``
    the integer status code, ``headers`` a sequence of (name, value) pairs (may be read later,
    never modified).
    """
    if callback not in _callbacks:
        _callbacks.append(callback)


def unregister_page_served(callback):
    if callback in _callbacks:
        _callbacks.remove(callback)


def page_served(environ, status, headers=()):
    """Tell every registered observer that a response was served (cheap when none is)."""
    for callback in _callbacks:
        try:
            callback(environ, status, headers)
        except Exception:  # noqa: BLE001 - observers never break serving
            logger.exception("page_served observer %r failed; unregistered", callback)
            unregister_page_served(callback)
