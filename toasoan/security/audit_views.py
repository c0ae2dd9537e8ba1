""" "Nhật ký quản trị": Wagtail's Site history report for administrators, with every log entry
(not only the content types they hold permissions on), a free-text search over the object
name, the user name and the client address, and an address column.

Only superusers and the "Quản trị" group open it (others are sent back to the dashboard by
Wagtail's admin with "no permission"). Wagtail's own "Lịch sử trang web" stays as it is for
the editors, limited to what their permissions cover.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry

from .auth import is_site_admin
from .spreadsheets import SafeCsvExportMixin


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm kiếm"),
        method="filter_search",
        help_text=_("Tên đối tượng, tên đăng nhập (người thực hiện hoặc đã gõ) hoặc địa chỉ IP"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The text search first: it is what an administrator reaches for.
        self.filters = {"q": self.filters["q"], **self.filters}

    def filter_search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(label__icontains=value)
            | Q(user__username__icontains=value)
            | Q(data__ip__icontains=value)
            | Q(data__username__icontains=value)
        )

    class Meta(SiteHistoryReportFilterSet.Meta):
        fields = []


class AuditLogView(SafeCsvExportMixin, LogEntriesView):
    page_title = _("Nhật ký quản trị")
    header_icon = "history"
    results_template_name = "security/audit_log_results.html"
    filterset_class = AuditLogFilterSet
    index_url_name = "toasoan_audit_log"
    index_results_url_name = "toasoan_audit_log_results"
    export_headings = {
        **LogEntriesView.export_headings,
        "ip": _("Địa chỉ IP"),
        "label": _("Đối tượng"),
        "action": _("Hành động"),
        "user_display_name": _("Người thực hiện"),
        "timestamp": _("Thời điểm"),
        "content_type": _("Loại"),
    }
    list_export = [*LogEntriesView.list_export, "ip"]

    def dispatch(self, request, *args, **kwargs):
        if not is_site_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return super().get_filename().replace("audit-log", "nhat-ky-quan-tri")

    def get_filtered_queryset(self):
        # As Wagtail's, but administrators see every entry, whatever the content type.
        queryset = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for index, log_model in enumerate(self.log_models):
            sub = (
                log_model.objects.all()
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.ip = entry.data.get("ip", "") if isinstance(entry.data, dict) else ""
        return entries


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return is_site_admin(request.user)
