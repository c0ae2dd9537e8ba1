"""Bump the page-cache content generation whenever something readers see changes.

Connected in OpsConfig.ready. Every Wagtail page type (articles, sections, announcements, …)
counts, for save, delete, publish, unpublish and move; other models are listed in
TOASOAN_PAGECACHE["INVALIDATE_ON"]. The bump happens at once *and* again after the
transaction commits: a reader request that rendered the old rows between the two gets a key
under a generation that is already retired.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .invalidation import watched_labels
from .pagecache import bump_generation


def content_changed(reason):
    """Call this after changing content without model signals (``QuerySet.update``…)."""
    bump_generation(reason)
    transaction.on_commit(lambda: bump_generation(f"{reason} (committed)"))


def _watched(model):
    if issubclass(model, Page):
        return True
    labels = watched_labels()
    meta = model._meta
    return meta.app_label in labels or meta.label in labels


def _on_save(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not _watched(sender):
        return
    if sender._meta.label == "comments.Comment" and not _comment_is_visible_change(
        instance, created, update_fields
    ):
        return
    content_changed(f"{sender._meta.label} {instance.pk} saved")


def _comment_is_visible_change(comment, created, update_fields):
    # A new comment waiting for moderation changes nothing readers see; every other change
    # (approval, rejection of an approved one, edits) may change the list or the count.
    return not (created and getattr(comment, "status", "") != "approved")


def _on_delete(sender, instance, **kwargs):
    if _watched(sender):
        content_changed(f"{sender._meta.label} {instance.pk} deleted")


def _on_page_event(sender, instance=None, **kwargs):
    content_changed(f"page {getattr(instance, 'pk', '?')} {sender.__name__}")


def connect():
    post_save.connect(_on_save, dispatch_uid="ops_pagecache_save")
    post_delete.connect(_on_delete, dispatch_uid="ops_pagecache_delete")
    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (page_slug_changed, "slug"),
    ):
        signal.connect(_on_page_event, dispatch_uid=f"ops_pagecache_{uid}")
