from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "toasoan.ops"
    label = "ops"
    verbose_name = _("Vận hành")

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
