"""The public door other apps use to keep the page cache exact.

An app whose models change what readers see calls ``watch_models("documents")`` (an app label,
or "app_label.Model") in its ``AppConfig.ready()``; every save or delete of those models then
invalidates cached pages. Without more, a change retires *every* page (the safe default: the
cache cannot know which pages show the model). An app that knows what its rows appear on names
the tags instead: ``watch_models("documents", tags=lambda doc: ["documents"])`` and, in the
views that show them, ``shows("documents", complete=True)`` (or ``complete=False`` from a
template tag that adds one block to any page). The tag map: docs/decisions/page-cache.md.

``content_changed(reason, tags=None)`` is for changes made without model signals
(``QuerySet.update``, raw SQL); without tags it retires every page.
``invalidation_suspended(reason)`` is for bulk writers (imports, loaders): inside the block no
save, delete or publish invalidates anything; when it ends, one invalidation covers them all.
"""

import threading
from contextlib import contextmanager

from .cachetags import shows  # noqa: F401 - part of the door
from .conf import pagecache_setting

_WATCHED = set()
_TAGGERS = {}
# The receivers of toasoan/ops/signal_handlers.py that invalidate on each model event.
_PER_EVENT_RECEIVERS = (
    ("django.db.models.signals", "post_save", "ops_pagecache_save"),
    ("django.db.models.signals", "post_delete", "ops_pagecache_delete"),
    ("wagtail.signals", "page_published", "ops_pagecache_published"),
    ("wagtail.signals", "page_unpublished", "ops_pagecache_unpublished"),
    ("wagtail.signals", "post_page_move", "ops_pagecache_moved"),
    ("wagtail.signals", "page_slug_changed", "ops_pagecache_slug"),
)
_suspension = threading.Lock()
_depth = 0


def watch_models(*labels, tags=None):
    """Invalidate cached pages whenever a model of these labels is saved or deleted.

    ``tags``: optional callable(instance) -> iterable of tag names the change touches; without
    it every cached page is retired.
    """
    _WATCHED.update(labels)
    if tags is not None:
        for label in labels:
            _TAGGERS[label] = tags


def watched_labels():
    return set(pagecache_setting("INVALIDATE_ON")) | _WATCHED


def tagger_for(model):
    """The tags callable registered for `model` (by "app.Model", then by app label), or None."""
    meta = model._meta
    return _TAGGERS.get(meta.label) or _TAGGERS.get(meta.app_label)


def content_changed(reason, tags=None):
    """Call this after changing content without model signals (``QuerySet.update``…)."""
    from .signal_handlers import content_changed as changed

    changed(reason, tags)


@contextmanager
def invalidation_suspended(reason="bulk write"):
    """No per-event invalidation inside the block; one ``content_changed(reason)`` at its end.

    Signals are process-wide, so saves made by other threads of this process during the block
    are not invalidated one by one either: the invalidation at the end covers them. Blocks
    may nest; the outermost one invalidates. Explicit ``content_changed()`` calls inside the
    block still invalidate at once (an import uses them to show each committed batch).
    """
    global _depth
    with _suspension:
        _depth += 1
        if _depth == 1:
            _disconnect()
    try:
        yield
    finally:
        with _suspension:
            _depth -= 1
            outermost = _depth == 0
            if outermost:
                _reconnect()
        if outermost:
            content_changed(reason)


def _disconnect():
    from importlib import import_module

    for module, name, uid in _PER_EVENT_RECEIVERS:
        getattr(import_module(module), name).disconnect(dispatch_uid=uid)


def _reconnect():
    from . import signal_handlers

    signal_handlers.connect()  # connects every receiver again (by dispatch_uid: never twice)
