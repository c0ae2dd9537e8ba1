from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    name = "toasoan.legacy"
    label = "legacy"
    verbose_name = _("Nhập dữ liệu cũ")
