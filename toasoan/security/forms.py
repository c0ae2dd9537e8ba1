"""The admin login form, with the password label Wagtail writes without gettext."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Nhập mật khẩu")}),
        strip=False,
    )
