from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "toasoan.contact"
    label = "contact"
    verbose_name = _("Liên hệ")

    def ready(self):
        from toasoan.core.portal import register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from .demo import load_demo

        register_section("contact", _("Liên hệ"), "contact:page", order=90)
        register_demo_loader("contact", load_demo, order=90)
        # Messages are private; only what readers see invalidates cached pages.
        watch_models("contact.ContactDetails", "contact.ContactTopic")
