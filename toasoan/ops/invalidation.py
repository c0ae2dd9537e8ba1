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
"""

from .cachetags import shows  # noqa: F401 - part of the door
from .conf import pagecache_setting

_WATCHED = set()
_TAGGERS = {}


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
