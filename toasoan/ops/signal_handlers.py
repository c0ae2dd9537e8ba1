"""Retire cached pages whenever something readers see changes: exactly the pages that show it.

Connected in OpsConfig.ready. Every Wagtail page type counts, for save, delete, publish,
unpublish and move; other models are listed in TOASOAN_PAGECACHE["INVALIDATE_ON"] or watched
through toasoan.ops.invalidation.watch_models. What each change touches (the tag map,
docs/decisions/page-cache.md):

* a listed content page (article, announcement; CONTENT_PAGE_TYPES) saved, published,
  unpublished or deleted: its own page, the lists of every page above it and the site's lists
  (search, feeds, sitemaps); an announcement also the "Thông báo" box;
* an approved (or un-approved) comment: the comments of its article, i.e. that article's page;
* anything else (sections, the home page, menus, settings, images, moves, a watched model
  without tags): every page (ALL).

The bump happens at once *and* again after the transaction commits: a reader request that
rendered the old rows between the two stores nothing (its render saw ANY move) or stores a
page under versions that are already retired.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import cachetags
from .conf import pagecache_setting
from .invalidation import tagger_for, watched_labels
from .pagecache import bump_generation, invalidate


def content_changed(reason, tags=None):
    """Retire the pages showing `tags` (every page when None), now and after commit."""
    if tags is None:

        def retire(why):
            bump_generation(why)  # looked up at call time: tests count the calls

    else:
        tags = tuple(tags)

        def retire(why):
            invalidate(tags, why)

    retire(reason)
    transaction.on_commit(lambda: retire(f"{reason} (committed)"))


def _watched(model):
    if issubclass(model, Page):
        return True
    labels = watched_labels()
    meta = model._meta
    return meta.app_label in labels or meta.label in labels


def _ancestor_ids(page):
    """Ids of the pages above `page` in the tree, from its materialised path (one query)."""
    path = getattr(page, "path", "") or ""
    step = Page.steplen
    prefixes = [path[:end] for end in range(step, len(path), step)]
    if not prefixes:
        return []
    return list(Page.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def _translation_ids(page):
    key = getattr(page, "translation_key", None)
    if key is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    return list(
        Page.objects.filter(translation_key=key).exclude(pk=page.pk).values_list("pk", flat=True)
    )


def page_change_tags(page):
    """The tags a change to `page` touches, or None for "every page"."""
    label = page._meta.label
    if label not in pagecache_setting("CONTENT_PAGE_TYPES"):
        return None
    tags = {cachetags.page(page.pk), cachetags.LIST_SITE}
    tags.update(cachetags.listing(pk) for pk in _ancestor_ids(page))
    # Its translations link to it (language switcher, hreflang): publishing the English
    # version retires the Vietnamese page, and the other way round.
    tags.update(cachetags.page(pk) for pk in _translation_ids(page))
    if label in pagecache_setting("ANNOUNCEMENT_PAGE_TYPES"):
        tags.add(cachetags.ANNOUNCEMENTS)
    return tags


def _comment_tags(comment):
    return {cachetags.comments(comment.page_id)}


# Built-in models that know their tags; others come from watch_models(tags=…).
_BUILT_IN_TAGGERS = {"comments.Comment": _comment_tags}


def model_change_tags(instance):
    if isinstance(instance, Page):
        return page_change_tags(instance)
    tagger = _BUILT_IN_TAGGERS.get(instance._meta.label) or tagger_for(type(instance))
    if tagger is None:
        return None
    return set(tagger(instance))


def _on_save(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not _watched(sender):
        return
    if sender._meta.label == "comments.Comment" and not _comment_is_visible_change(
        instance, created, update_fields
    ):
        return
    content_changed(f"{sender._meta.label} {instance.pk} saved", model_change_tags(instance))


def _comment_is_visible_change(comment, created, update_fields):
    # A new comment waiting for moderation changes nothing readers see; every other change
    # (approval, rejection of an approved one, edits) may change the list or the count.
    return not (created and getattr(comment, "status", "") != "approved")


def _on_delete(sender, instance, **kwargs):
    if _watched(sender):
        content_changed(f"{sender._meta.label} {instance.pk} deleted", model_change_tags(instance))


def _on_page_event(sender, instance=None, **kwargs):
    tags = page_change_tags(instance) if instance is not None else None
    content_changed(f"page {getattr(instance, 'pk', '?')} {sender.__name__}", tags)


def _on_page_move(sender, instance=None, **kwargs):
    # A move changes the URLs and lists of two subtrees (and every link to the page): rare,
    # so every page.
    content_changed(f"page {getattr(instance, 'pk', '?')} moved")


def connect():
    post_save.connect(_on_save, dispatch_uid="ops_pagecache_save")
    post_delete.connect(_on_delete, dispatch_uid="ops_pagecache_delete")
    for signal, uid in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (page_slug_changed, "slug"),
    ):
        signal.connect(_on_page_event, dispatch_uid=f"ops_pagecache_{uid}")
    post_page_move.connect(_on_page_move, dispatch_uid="ops_pagecache_moved")
