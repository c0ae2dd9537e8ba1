"""Admin: schedule items under "Lịch công tác", and the XLSX import page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import ScheduleItem


class ScheduleItemViewSet(SnippetViewSet):
    model = ScheduleItem
    icon = "date"
    menu_label = _("Lịch công tác")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["date", "time_label", "content", "host_label", "adjusted_at"]
    list_filter = ["date"]
    search_fields = ["content", "place", "host_name"]
    ordering = ["-date", "start_time"]
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("time_note")]),
        FieldPanel("content"),
        FieldPanel("participants"),
        FieldPanel("place"),
        MultiFieldPanel([FieldPanel("host"), FieldPanel("host_name")], heading=_("Chủ trì")),
        FieldPanel("preparing_unit"),
    ]


register_snippet(ScheduleItemViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("lich-cong-tac/nhap/", admin_views.import_view, name="schedule_import")]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("schedule.add_scheduleitem")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Nhập lịch công tác"), reverse("schedule_import"), icon_name="upload", order=261
    )
