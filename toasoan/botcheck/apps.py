from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BotcheckConfig(AppConfig):
    name = "toasoan.botcheck"
    label = "botcheck"
    verbose_name = _("Kiểm tra chống máy tự động")
