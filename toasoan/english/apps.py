from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnglishConfig(AppConfig):
    """The English side of the site: /en/ from the path (middleware.py), the English news list
    (/en/news/) and the demo's English translations (docs/decisions/english.md)."""

    name = "toasoan.english"
    label = "english"
    verbose_name = _("Tin tiếng Anh")

    def ready(self):
        from toasoan.core.portal import register_demo_loader

        from . import demo

        register_demo_loader("english", demo.load, order=90)
