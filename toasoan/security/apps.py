from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "toasoan.security"
    label = "security"
    verbose_name = _("Bảo mật")

    def ready(self):
        from . import audit, document_review
        from .auth import connect_signals

        connect_signals()
        audit.connect()
        document_review.connect()
