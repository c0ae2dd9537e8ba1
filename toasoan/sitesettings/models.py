"""Per-site settings editors change in the admin: masthead and footer details."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    agency_name = models.CharField(
        _("tên cơ quan"), max_length=255, default="Cổng thông tin điện tử Tòa soạn"
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    footer_note = models.TextField(
        _("ghi chú chân trang"),
        blank=True,
        help_text=_("Ví dụ: giấy phép hoạt động, người chịu trách nhiệm chính."),
    )

    class Meta:
        verbose_name = _("thông tin cơ quan")
