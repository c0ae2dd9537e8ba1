from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "toasoan.outbox"
    label = "outbox"
    verbose_name = _("Hàng đợi thư điện tử")

    def ready(self):
        from toasoan.ops.jobs import register_job

        register_job("toasoan.outbox.sending.send_due", every_seconds=30, name="outbox.send_due")
