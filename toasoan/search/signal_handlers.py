"""The index follows the articles: publish, unpublish, edit of live content, move, delete."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from toasoan.news.models import ArticlePage

from .indexing import index_articles, index_subtree, unindex_articles
from .models import Synonym
from .synonyms import clear_cache


# Publishing saves the page with live=True and unpublishing with live=False, so post_save
# covers both, as well as direct edits of live content (importer, scripts).
@receiver(post_save, sender=ArticlePage)
def index_saved_article(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.live:
        index_articles([instance.pk])
    else:
        unindex_articles([instance.pk])


@receiver(page_unpublished)
def unindex_unpublished_article(sender, instance, **kwargs):
    if issubclass(sender, ArticlePage) or isinstance(instance, ArticlePage):
        unindex_articles([instance.pk])


@receiver(post_page_move)
def reindex_moved_article(sender, instance, **kwargs):
    if instance.specific_class is ArticlePage:
        index_articles([instance.pk])


@receiver(pre_delete, sender=ArticlePage)
def unindex_deleted_article(sender, instance, **kwargs):
    unindex_articles([instance.pk])


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def forget_synonyms(sender, **kwargs):
    clear_cache()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def reindex_restricted_subtree(sender, instance, raw=False, **kwargs):
    # A password or login restriction takes the articles below it out of the index (and
    # lifting it puts them back).
    if raw:
        return
    try:
        page = instance.page
    except Exception:  # noqa: BLE001 - the page itself is being deleted
        return
    index_subtree(page)
