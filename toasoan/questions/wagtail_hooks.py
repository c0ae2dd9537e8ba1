from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Department, Field, Question


class FieldViewSet(SnippetViewSet):
    model = Field
    icon = "tag"
    url_prefix = "hoi-dap/linh-vuc"
    url_namespace = "questions_fields"
    list_display = ["name", "slug", "default_department"]
    ordering = ["order", "name"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    url_prefix = "hoi-dap/don-vi"
    url_namespace = "questions_departments"
    list_display = ["name", "email"]
    ordering = ["order", "name"]


register_snippet(FieldViewSet)
register_snippet(DepartmentViewSet)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.is_staff_user(request.user)


class ModelMenuItem(MenuItem):
    def __init__(self, *args, perm, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


class OpenCountMenuItem(StaffMenuItem):
    """ "Câu hỏi (5)": the number of open questions this user can see."""

    def render_component(self, request):
        component = super().render_component(request)
        count = Question.objects.visible_to(request.user).open().distinct().count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


@hooks.register("register_admin_urls")
def _urls():
    patterns = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/tep-dinh-kem/", admin_views.attachment, name="attachment"),
        path("thong-ke/", admin_views.dashboard, name="dashboard"),
        path("xuat-excel/", admin_views.export, name="export"),
    ]
    return [path("hoi-dap/", include((patterns, "questions_admin"), namespace="questions_admin"))]


@hooks.register("register_admin_menu_item")
def _menu():
    items = [
        OpenCountMenuItem(
            _("Câu hỏi"), reverse("questions_admin:queue"), icon_name="help", order=10
        ),
        StaffMenuItem(
            _("Thống kê, xuất Excel"),
            reverse("questions_admin:dashboard"),
            icon_name="table",
            order=20,
        ),
        ModelMenuItem(
            _("Lĩnh vực"),
            reverse("questions_fields:list"),
            icon_name="tag",
            order=30,
            perm="questions.change_field",
        ),
        ModelMenuItem(
            _("Đơn vị trả lời"),
            reverse("questions_departments:list"),
            icon_name="group",
            order=40,
            perm="questions.change_department",
        ),
    ]
    return SubmenuMenuItem(_("Hỏi đáp"), Menu(items=items), icon_name="help", order=260)


class QuestionsPanel(Component):
    name = "questions"
    order = 150
    template_name = "questions/admin/panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return admin_views.dashboard_figures(self.user)


@hooks.register("construct_homepage_panels")
def _panel(request, panels):
    if admin_views.is_staff_user(request.user):
        panels.append(QuestionsPanel(request.user))
