from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "toasoan.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from . import demo, roles
        from .search_provider import register as register_search_provider

        register_section("documents", _("Văn bản"), "documents:list", order=20)
        register_category(
            "documents",
            _("Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành"),
            last_updated,
            "documents:list",
            order=30,
        )
        register_demo_loader("documents", demo.load, order=30)
        watch_models("documents")
        post_migrate.connect(roles.grant_role_permissions, sender=self)
        register_search_provider()


def last_updated():
    from .models import Document

    latest = Document.objects.public().order_by("-updated_at").values_list("updated_at", flat=True)
    return latest.first()
