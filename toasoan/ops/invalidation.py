"""The public door other apps use to keep the page cache exact.

An app whose models change what readers see calls ``watch_models("documents")`` (an app label,
or "app_label.Model") in its ``AppConfig.ready()``; every save or delete of those models then
invalidates the cached pages, exactly as a page publish does. ``content_changed(reason)`` is
for changes made without model signals (``QuerySet.update``, raw SQL).
"""

from .conf import pagecache_setting

_WATCHED = set()


def watch_models(*labels):
    """Invalidate cached pages whenever a model of these labels is saved or deleted."""
    _WATCHED.update(labels)


def watched_labels():
    return set(pagecache_setting("INVALIDATE_ON")) | _WATCHED


def content_changed(reason):
    """Call this after changing content without model signals (``QuerySet.update``…)."""
    from .signal_handlers import content_changed as changed

    changed(reason)
