from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "toasoan.search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from . import signal_handlers  # noqa: F401
