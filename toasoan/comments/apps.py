from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "toasoan.comments"
    label = "comments"
    verbose_name = _("Ý kiến bạn đọc")

    def ready(self):
        from toasoan.ops.jobs import register_job

        from . import signal_handlers  # noqa: F401
        from .jobs import purge_ip_hashes

        # The privacy promise: hashed reader IPs are erased after IP_RETENTION_DAYS.
        register_job(purge_ip_hashes, 3600, name="comments.purge_ip_hashes")
