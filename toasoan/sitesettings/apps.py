from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSettingsConfig(AppConfig):
    name = "toasoan.sitesettings"
    label = "sitesettings"
    verbose_name = _("Cài đặt trang")
