"""Liên hệ: the agency's contact details (a site setting), topics routed to a department
email, and the messages readers send, kept with a status (mới / đã xử lý)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string


@register_setting(icon="mail")
class ContactDetails(BaseSiteSetting):
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    addresses = models.TextField(
        _("địa chỉ"), blank=True, help_text=_("Mỗi địa chỉ một dòng (trụ sở chính, chi nhánh…).")
    )
    phones = models.TextField(_("điện thoại"), blank=True, help_text=_("Mỗi số một dòng."))
    emails = models.TextField(_("email"), blank=True, help_text=_("Mỗi địa chỉ một dòng."))
    working_hours = models.TextField(_("giờ làm việc"), blank=True)
    map_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh bản đồ"),
        help_text=_("Ảnh bản đồ chỉ đường, lưu trên máy chủ của cổng (không dùng bản đồ ngoài)."),
    )
    map_caption = models.CharField(_("chú thích bản đồ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thông tin liên hệ")

    @staticmethod
    def lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def address_lines(self):
        return self.lines(self.addresses)

    @property
    def phone_lines(self):
        return self.lines(self.phones)

    @property
    def email_lines(self):
        return self.lines(self.emails)


class ContactTopic(models.Model):
    name = models.CharField(_("chủ đề"), max_length=120, unique=True)
    email = models.EmailField(_("email đơn vị nhận"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chủ đề liên hệ")
        verbose_name_plural = _("chủ đề liên hệ")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Mới")
        HANDLED = "handled", _("Đã xử lý")

    topic = models.ForeignKey(
        ContactTopic, on_delete=models.PROTECT, related_name="messages", verbose_name=_("chủ đề")
    )
    name = models.CharField(_("họ tên"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("thời gian gửi"), default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(_("thời gian xử lý"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người xử lý"),
    )

    class Meta:
        verbose_name = _("thư liên hệ")
        verbose_name_plural = _("thư liên hệ")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
