from django.urls import path
from wagtail import hooks

from . import twofactor
from .views import SecurityViewSetGroup


@hooks.register("register_admin_viewset")
def register_login_audit():
    return SecurityViewSetGroup()


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("xac-thuc-hai-buoc/", twofactor.verify, name="toasoan_2fa_verify"),
        path("xac-thuc-hai-buoc/bat/", twofactor.setup, name="toasoan_2fa_setup"),
        path("xac-thuc-hai-buoc/go/<int:user_id>/", twofactor.reset, name="toasoan_2fa_reset"),
    ]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    return twofactor.reset_button(user, request_user)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """A link on "Tài khoản" so any staff member can turn two-factor on by themselves."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django_otp import user_has_device

    if user_has_device(request.user):
        return None
    return {
        "url": reverse("toasoan_2fa_setup"),
        "label": _("Bật xác thực hai bước"),
        "help_text": _("Đăng nhập cần thêm mã 6 chữ số từ ứng dụng trên điện thoại."),
    }


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    from .audit import register_actions

    register_actions(actions)


@hooks.register("after_bulk_action")
def log_bulk_action(request, action_type, objects, action_class_instance):
    from .audit import after_bulk_action

    after_bulk_action(request, action_type, objects, action_class_instance)


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    from .audit_views import AuditLogView

    return [
        path("bao-cao/nhat-ky-quan-tri/", AuditLogView.as_view(), name="toasoan_audit_log"),
        path(
            "bao-cao/nhat-ky-quan-tri/ket-qua/",
            AuditLogView.as_view(results_only=True),
            name="toasoan_audit_log_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from .audit_views import AuditLogMenuItem

    return AuditLogMenuItem(
        _("Nhật ký quản trị"),
        reverse("toasoan_audit_log"),
        name="toasoan-audit-log",
        icon_name="history",
        order=1001,  # right after Wagtail's "Lịch sử trang web"
    )
