from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViConfig(AppConfig):
    name = "toasoan.vi"
    label = "vi"
    verbose_name = _("Tiếng Việt")
