from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "toasoan.procedures"
    label = "procedures"
    verbose_name = _("Thủ tục hành chính")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from . import demo, models

        watch_models("procedures")
        register_section("procedures", _("Thủ tục hành chính"), "procedures:index", order=30)
        register_category(
            "procedures", _("Thủ tục hành chính"), models.last_updated, "procedures:index", 40
        )
        register_demo_loader("procedures", demo.load, order=30)
