from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "toasoan.comments"
    label = "comments"
    verbose_name = _("Ý kiến bạn đọc")

    def ready(self):
        from . import signal_handlers  # noqa: F401
