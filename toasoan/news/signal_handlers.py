"""Keep the denormalised section of an article right when it moves in the page tree, and
retire cached pages when a view restriction changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, post_page_move

from .models import ArticlePage


@receiver(post_page_move)
def update_section_after_move(sender, instance, **kwargs):
    specific = instance.specific
    if isinstance(specific, ArticlePage):
        parent = specific.get_parent()
        ArticlePage.objects.filter(pk=specific.pk).update(section_id=parent.pk)


@receiver(page_published, sender=ArticlePage)
def fill_published_at(sender, instance, **kwargs):
    if instance.published_at is None:
        ArticlePage.objects.filter(pk=instance.pk).update(
            published_at=instance.first_published_at or instance.last_published_at
        )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restrictions_changed(sender, instance, **kwargs):
    # Readers' view of a page changes with its restrictions: retire cached pages and the
    # cached "no restriction anywhere" answer (queries.any_view_restrictions).
    from toasoan.ops.signal_handlers import content_changed

    content_changed(f"view restriction on page {instance.page_id}")
