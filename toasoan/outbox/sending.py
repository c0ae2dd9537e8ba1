"""Queueing and sending: the periodic job ``send_due`` and its retry schedule."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

DEFAULTS = {
    "MAX_ATTEMPTS": 10,
    "FIRST_RETRY_SECONDS": 60,
    "MAX_RETRY_SECONDS": 6 * 3600,
    "BATCH_SIZE": 50,
    # A message being sent is leased for this long, so two job runners never send it twice.
    "LEASE_SECONDS": 300,
}


def outbox_setting(name):
    return (getattr(settings, "TOASOAN_OUTBOX", None) or {}).get(name, DEFAULTS[name])


def queue_mail(to, subject, body, *, reply_to=""):
    if isinstance(to, str):
        to = [to]
    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        return None
    subject = " ".join(subject.split())[:255]
    return OutboxMessage.objects.create(
        to=", ".join(recipients), subject=subject, body=body, reply_to=reply_to or ""
    )


def queue_template(to, template_prefix, context, *, reply_to=""):
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}_body.txt", context)
    return queue_mail(to, subject, body, reply_to=reply_to)


def retry_delay(attempts):
    """Seconds before the next try after ``attempts`` failures: 1, 2, 4 … minutes, capped."""
    first, cap = outbox_setting("FIRST_RETRY_SECONDS"), outbox_setting("MAX_RETRY_SECONDS")
    return min(cap, first * 2 ** max(0, attempts - 1))


def send_due(now=None):
    """Send the messages that are due; returns (sent, failed). A failure is recorded on the
    message and retried later; it never raises."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at")[: outbox_setting("BATCH_SIZE")]
    )
    if not due:
        return 0, 0
    lease_until = now + dt.timedelta(seconds=outbox_setting("LEASE_SECONDS"))
    sent = failed = 0
    connection = None
    for message in due:
        # Claim the message: only the runner whose UPDATE matched sends it.
        claimed = OutboxMessage.objects.filter(
            pk=message.pk,
            status=OutboxMessage.Status.PENDING,
            next_attempt_at=message.next_attempt_at,
        ).update(next_attempt_at=lease_until)
        if not claimed:
            continue
        try:
            if connection is None:
                connection = get_connection()
            EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=message.recipients,
                reply_to=[message.reply_to] if message.reply_to else None,
                connection=connection,
            ).send()
        except Exception as error:  # noqa: BLE001 - any SMTP/network error means "retry later"
            failed += 1
            connection = None
            _record_failure(message, error, now)
            continue
        sent += 1
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.SENT, sent_at=timezone.now(), attempts=message.attempts + 1
        )
    if sent or failed:
        logger.info("Outbox: %d sent, %d failed", sent, failed)
    return sent, failed


def _record_failure(message, error, now):
    attempts = message.attempts + 1
    status = OutboxMessage.Status.PENDING
    if attempts >= outbox_setting("MAX_ATTEMPTS"):
        status = OutboxMessage.Status.FAILED
    logger.warning("Outbox message %s failed (attempt %d): %s", message.pk, attempts, error)
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=attempts,
        status=status,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=now + dt.timedelta(seconds=retry_delay(attempts)),
    )


def retry_now(messages):
    """Staff action: put failed or pending messages back at the front of the queue."""
    return (
        OutboxMessage.objects.filter(pk__in=[m.pk for m in messages])
        .exclude(status=OutboxMessage.Status.SENT)
        .update(status=OutboxMessage.Status.PENDING, next_attempt_at=timezone.now())
    )
