from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Decree42Config(AppConfig):
    name = "toasoan.decree42"
    label = "decree42"
    verbose_name = _("Danh mục thông tin theo Nghị định 42")

    def ready(self):
        from toasoan.core.portal import register_category

        from . import news_category

        register_category("news", _("Tin tức, sự kiện"), news_category.last_updated, "", 30)
