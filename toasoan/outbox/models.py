"""The outgoing email queue: one row per message, written in the same transaction as the
submission that caused it, sent later by the ``outbox.send_due`` job (see ``sending.py``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi (đã hết lượt thử)")

    to = models.TextField(_("người nhận"), help_text=_("Các địa chỉ cách nhau bằng dấu phẩy."))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    reply_to = models.CharField(_("trả lời về"), max_length=254, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("lần thử tiếp theo"), default=timezone.now)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("thời gian tạo"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("thời gian gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("hàng đợi thư")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @property
    def recipients(self):
        return [address.strip() for address in self.to.split(",") if address.strip()]
