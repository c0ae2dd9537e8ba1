from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "toasoan.news"
    label = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        from . import fragments, signal_handlers  # noqa: F401

        fragments.connect()
