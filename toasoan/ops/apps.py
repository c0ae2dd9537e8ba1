from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "toasoan.ops"
    label = "ops"
    verbose_name = _("Vận hành")

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 - checks register themselves

        signal_handlers.connect()
