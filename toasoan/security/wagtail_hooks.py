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
    ]


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
