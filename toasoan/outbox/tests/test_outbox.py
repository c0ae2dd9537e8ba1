import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from toasoan.outbox import queue_mail
from toasoan.outbox.models import OutboxMessage
from toasoan.outbox.sending import retry_delay, send_due

pytestmark = pytest.mark.django_db


def test_queued_mail_is_sent_by_the_job():
    queue_mail(["a@example.vn", " b@example.vn "], "Tiêu đề\nhai dòng", "Nội dung")
    assert len(mail.outbox) == 0  # nothing leaves before the job runs
    assert send_due() == (1, 0)
    assert mail.outbox[0].to == ["a@example.vn", "b@example.vn"]
    assert mail.outbox[0].subject.endswith("Tiêu đề hai dòng")
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENT and message.sent_at
    assert send_due() == (0, 0)  # never sent twice


def test_smtp_failure_keeps_the_message_and_retries_with_backoff(settings, monkeypatch):
    queue_mail("a@example.vn", "Chủ đề", "Nội dung")

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", broken)
    now = timezone.now()
    assert send_due(now) == (0, 1)
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1 and "SMTPServerDisconnected" in message.last_error
    assert message.next_attempt_at >= now + dt.timedelta(seconds=59)
    assert send_due(now) == (0, 0)  # not due yet
    assert retry_delay(2) == 2 * retry_delay(1)
    assert retry_delay(50) == 6 * 3600
    monkeypatch.undo()
    assert send_due(now + dt.timedelta(minutes=2)) == (1, 0)
    assert len(mail.outbox) == 1


def test_gives_up_after_max_attempts(settings, monkeypatch):
    settings.TOASOAN_OUTBOX = {"MAX_ATTEMPTS": 2}
    queue_mail("a@example.vn", "x", "y")
    monkeypatch.setattr(
        "django.core.mail.message.EmailMessage.send",
        lambda *a, **k: (_ for _ in ()).throw(OSError("refused")),
    )
    send_due(timezone.now())
    send_due(timezone.now() + dt.timedelta(days=1))
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.FAILED


def test_queued_mail_rolls_back_with_the_submission():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail("a@example.vn", "x", "y")
        raise RuntimeError
    assert not OutboxMessage.objects.exists()


def test_empty_recipient_is_ignored():
    assert queue_mail(["", " "], "x", "y") is None
    assert not OutboxMessage.objects.exists()


def test_admin_lists_the_queue(admin_client):
    queue_mail("a@example.vn", "Thư thử", "y")
    response = admin_client.get(reverse("outbox_admin:list"))
    assert response.status_code == 200
    assert "Thư thử" in response.content.decode()


def test_retry_asks_first(admin_client):
    message = queue_mail("a@example.vn", "Thư <i>thử</i>", "y")
    url = reverse("wagtail_bulk_action", args=["outbox", "outboxmessage", "retry"])
    html = admin_client.get(f"{url}?id={message.pk}").content.decode()
    assert "<title>Gửi lại ngay – 1" in html and "Gửi lại ngay 1 thư sau?" in html
    assert "<li>Thư &lt;i&gt;thử&lt;/i&gt; → a@example.vn</li>" in html
    assert "Có, gửi lại" in html and "Không, quay lại" in html
