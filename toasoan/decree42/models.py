"""The administrator's threshold for the Decree 42 checklist."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="tasks")
class ChecklistSettings(BaseGenericSetting):
    stale_after_days = models.PositiveIntegerField(
        _("cảnh báo khi không cập nhật quá (ngày)"),
        default=30,
        help_text=_("Một mục chưa được cập nhật lâu hơn số ngày này bị đánh dấu “Cũ”."),
    )

    class Meta:
        verbose_name = _("danh mục Nghị định 42")
