from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BotcheckConfig(AppConfig):
    name = "toasoan.botcheck"
    label = "botcheck"
    verbose_name = _("Kiểm tra chống máy tự động")

    def ready(self):
        from toasoan.ops.jobs import register_job

        from .challenge import purge_expired

        register_job(purge_expired, every_seconds=3600, name="botcheck.purge_expired")
