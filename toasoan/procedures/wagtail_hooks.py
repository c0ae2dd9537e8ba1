"""Admin: procedures and fields under "Thủ tục hành chính", and the import page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Procedure, ProcedureField


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "doc-full"
    menu_label = _("Thủ tục")
    list_display = ["code", "name", "field", "updated_at"]
    list_filter = ["field"]
    search_fields = ["code", "name"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("field"), FieldPanel("level")]),
        FieldPanel("name"),
        FieldPanel("processing_time"),
        FieldPanel("fees"),
        FieldPanel("documents_required"),
        InlinePanel("forms", heading=_("Mẫu đơn, tờ khai"), label=_("Mẫu")),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("legal_basis_url")],
            heading=_("Căn cứ pháp lý"),
        ),
        FieldPanel("online_service_url"),
    ]


class ProcedureFieldViewSet(SnippetViewSet):
    model = ProcedureField
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực")
    list_display = ["name", "sort_order"]


class ProceduresGroup(SnippetViewSetGroup):
    menu_label = _("Thủ tục hành chính")
    menu_icon = "doc-full"
    menu_order = 270
    items = (ProcedureViewSet, ProcedureFieldViewSet)


register_snippet(ProceduresGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("thu-tuc-hanh-chinh/nhap/", admin_views.import_view, name="procedures_import")]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("procedures.add_procedure")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Nhập thủ tục hành chính"), reverse("procedures_import"), icon_name="upload", order=271
    )
