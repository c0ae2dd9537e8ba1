from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "toasoan.consultations"
    label = "consultations"
    verbose_name = _("Góp ý dự thảo")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from . import demo, roles

        register_section("consultations", _("Góp ý dự thảo"), "consultations:list", order=25)
        register_category(
            "consultations",
            _("Lấy ý kiến dự thảo văn bản"),
            last_updated,
            "consultations:list",
            order=35,
        )
        # After the documents demo (order 30), so a draft can link the documents it cites.
        register_demo_loader("consultations", demo.load, order=35)
        watch_models("consultations")
        post_migrate.connect(roles.grant_role_permissions, sender=self)


def last_updated():
    from .models import Consultation

    latest = Consultation.objects.public().order_by("-created_at")
    return latest.values_list("created_at", flat=True).first()
