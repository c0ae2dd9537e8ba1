from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Comment
from .notifications import notify_moderators, notify_reply


@receiver(post_save, sender=Comment, dispatch_uid="toasoan.comments.notify")
def _notify(sender, instance, created, **kwargs):
    # After commit: nobody is told about a comment that a rollback then removes.
    if created and instance.status == Comment.Status.PENDING and not instance.is_official:
        transaction.on_commit(partial(notify_moderators, instance))
    if instance.parent_id and instance.status == Comment.Status.APPROVED:
        transaction.on_commit(partial(notify_reply, instance))
