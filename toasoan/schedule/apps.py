from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "toasoan.schedule"
    label = "schedule"
    verbose_name = _("Lịch công tác")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from . import demo, models

        watch_models("schedule")
        register_section("schedule", _("Lịch công tác"), "schedule:week", order=20)
        register_category(
            "schedule", _("Lịch công tác của lãnh đạo"), models.last_updated, "schedule:week", 70
        )
        # After the organisation's loader: the demo week names its leaders as hosts.
        register_demo_loader("schedule", demo.load, order=20)
