"""Emails: moderators hear about waiting comments, readers (opt-in) about replies."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .conf import comments_setting
from .models import Comment
from .verification import is_verified

logger = logging.getLogger(__name__)
_MODERATOR_MAIL_KEY = "toasoan:comments:moderator-mail"


def moderator_addresses():
    """Active staff with the "change comment" permission (or superusers), plus
    MODERATOR_EMAILS."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    perm = Q(user_permissions__codename="change_comment") | Q(
        groups__permissions__codename="change_comment"
    )
    emails = set(users.filter(Q(is_superuser=True) | perm).values_list("email", flat=True))
    emails.update(comments_setting("MODERATOR_EMAILS"))
    return sorted(emails)


def notify_moderators(comment):
    """Tell moderators that comments are waiting: at most one mail per interval."""
    interval = comments_setting("MODERATOR_EMAIL_INTERVAL_SECONDS")
    if interval and not cache.add(_MODERATOR_MAIL_KEY, 1, interval):
        return False
    recipients = moderator_addresses()
    if not recipients:
        return False
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "comment": comment,
        "pending": Comment.objects.pending().count(),
        "queue_url": base + reverse("comments_admin:list") + "?status=pending",
        "page_title": comment.page.title,
    }
    subject = render_to_string("comments/email/moderators_subject.txt", context).strip()
    body = render_to_string("comments/email/moderators.txt", context)
    _send(subject, body, recipients)
    return True


def notify_reply(reply):
    """Mail the author of the comment ``reply`` answers, once, if they asked for it."""
    parent = reply.parent
    if (
        parent is None
        or reply.status != Comment.Status.APPROVED
        or reply.reply_notified_at is not None
        or not parent.notify_on_reply
        or not parent.email
        or parent.email.lower() == (reply.email or "").lower()
        # Only an address whose owner confirmed it: otherwise anyone could make the
        # portal mail a third party by typing their address (#23).
        or not is_verified(parent.email)
    ):
        return False
    # Claim the notification first so two saves cannot both send it.
    claimed = Comment.objects.filter(pk=reply.pk, reply_notified_at__isnull=True).update(
        reply_notified_at=timezone.now()
    )
    if not claimed:
        return False
    page = parent.page.specific
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "reply": reply,
        "parent": parent,
        "page_title": page.title,
        "page_url": (page.get_full_url() or base + page.url) + "#y-kien-ban-doc",
    }
    subject = render_to_string("comments/email/reply_subject.txt", context).strip()
    body = render_to_string("comments/email/reply.txt", context)
    _send(subject, body, [parent.email])
    return True


def _send(subject, body, recipients):
    try:
        send_mail(settings.EMAIL_SUBJECT_PREFIX + subject, body, None, recipients)
    except OSError:
        # The comment is already stored; a mail server outage must not turn into a 500.
        logger.exception("Could not send comment notification to %d recipients", len(recipients))
