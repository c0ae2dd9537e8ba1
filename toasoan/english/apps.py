from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnglishConfig(AppConfig):
    """Selected news in English, under /en/news/ (docs/agency.md, "English version")."""

    name = "toasoan.english"
    label = "english"
    verbose_name = _("Tin tiếng Anh")

    def ready(self):
        from toasoan.core.portal import register_demo_loader
        from toasoan.ops.invalidation import watch_models

        from . import demo

        watch_models("english")
        register_demo_loader("english", demo.load, order=90)
