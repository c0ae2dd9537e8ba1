from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "toasoan.organisation"
    label = "organisation"
    verbose_name = _("Cơ cấu tổ chức")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from . import demo, models

        watch_models("organisation")
        register_section("organisation", _("Giới thiệu"), "organisation:index", order=10)
        register_category(
            "organisation", _("Cơ cấu tổ chức"), models.last_updated, "organisation:index", 10
        )
        register_category(
            "contacts",
            _("Thông tin liên hệ"),
            models.contacts_last_updated,
            "organisation:contacts",
            20,
        )
        register_category(
            "english",
            _("Thông tin tiếng Anh"),
            models.english_last_updated,
            "organisation:en_index",
            110,
        )
        register_demo_loader("organisation", demo.load, order=10)
