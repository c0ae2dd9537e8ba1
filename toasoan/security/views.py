"""Read-only admin listings of failed staff logins (django-axes records), under Cài đặt."""

from axes.models import AccessAttempt, AccessFailureLog
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .auth import AuditPermissionPolicy

# Read-only for administrators; deleting a lockout counter unlocks that account/address.
register_permission_policy(AccessFailureLog, AuditPermissionPolicy(AccessFailureLog), True)
register_permission_policy(AccessAttempt, AuditPermissionPolicy(AccessAttempt, True), True)


class FailureFilterSet(WagtailFilterSet):
    class Meta:
        model = AccessFailureLog
        fields = ["locked_out"]


class LoginFailureViewSet(ModelViewSet):
    """Every failed or refused staff login: who, from where, when, and whether it locked."""

    model = AccessFailureLog
    icon = "warning"
    menu_label = _("Đăng nhập thất bại")
    name = "login_failures"
    url_prefix = "bao-mat/dang-nhap-that-bai"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["username"]  # no add/edit view is reachable (AuditPermissionPolicy)
    inspect_view_enabled = True
    search_fields = ["username", "ip_address", "user_agent"]
    search_backend_name = None  # plain database lookups: the log is not in the search index
    filterset_class = FailureFilterSet
    list_per_page = 50
    ordering = ["-attempt_time"]
    list_display = [
        DateColumn("attempt_time", label=_("Thời điểm")),
        Column("username", label=_("Tên đăng nhập")),
        Column("ip_address", label=_("Địa chỉ IP")),
        BooleanColumn("locked_out", label=_("Bị khóa")),
        Column("user_agent", label=_("Trình duyệt")),
    ]
    inspect_view_fields = [
        "attempt_time",
        "username",
        "ip_address",
        "locked_out",
        "user_agent",
        "path_info",
    ]


class LockoutViewSet(ModelViewSet):
    """Current failure counters; deleting one unlocks that account/address at once."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Tài khoản đang bị khóa")
    name = "login_lockouts"
    url_prefix = "bao-mat/tai-khoan-bi-khoa"
    copy_view_enabled = False
    form_fields = ["username"]  # no add/edit view is reachable (AuditPermissionPolicy)
    search_fields = ["username", "ip_address"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-attempt_time"]
    list_display = [
        Column("username", label=_("Tên đăng nhập")),
        Column("ip_address", label=_("Địa chỉ IP")),
        Column("failures_since_start", label=_("Số lần sai")),
        DateColumn("attempt_time", label=_("Lần sai gần nhất")),
    ]


class SecurityViewSetGroup(ModelViewSetGroup):
    items = (LoginFailureViewSet, LockoutViewSet)
    menu_label = _("Bảo mật đăng nhập")
    menu_icon = "lock"
    add_to_settings_menu = True
