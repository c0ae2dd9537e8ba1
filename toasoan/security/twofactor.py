"""Optional TOTP two-factor authentication for the Wagtail admin (django-otp).

Any staff member may enrol an authenticator app; from then on every admin session must pass
a 6-digit code after the password. With ``TOASOAN_REQUIRE_2FA_FOR_ADMINS = True``
superusers and the "Quản trị" group must enrol before they can use the admin at all.
"""

import io
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .auth import is_site_admin

logger = logging.getLogger("toasoan.security")

# Paths that stay reachable before the second step (logging in or out, the step itself).
_OPEN_SUFFIXES = ("login/", "logout/", "xac-thuc-hai-buoc/", "password_reset/", "jsi18n/")


def two_factor_required(user):
    return bool(getattr(settings, "TOASOAN_REQUIRE_2FA_FOR_ADMINS", False)) and is_site_admin(user)


class TwoFactorMiddleware:
    """After AuthenticationMiddleware and django_otp's OTPMiddleware: sends a staff member
    with an enrolled device (or one who must enrol) to the second step before the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self._second_step(request)
        return redirect(redirect_to) if redirect_to else self.get_response(request)

    @staticmethod
    def _second_step(request):
        # The path first: public pages never touch the session (they are cached and shared).
        prefixes = tuple(getattr(settings, "TOASOAN_ADMIN_URL_PREFIXES", ("/quan-tri/",)))
        path = request.path_info
        prefix = next((p for p in prefixes if path.startswith(p)), None)
        if prefix is None or path[len(prefix) :].startswith(_OPEN_SUFFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if user_has_device(user):
            name = "toasoan_2fa_verify"
        elif two_factor_required(user):
            name = "toasoan_2fa_setup"
        else:
            return None
        return f"{reverse(name)}?next={request.get_full_path()}"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực 6 chữ số"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Vui lòng nhập mã trong ứng dụng xác thực.")},
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _check(request, device, form):
    """True when the form's code matches the device (which throttles repeated failures)."""
    if not form.is_valid():
        return False
    if device.verify_token(form.cleaned_data["token"].strip()):
        return True
    logger.warning("Wrong two-factor code for user %s", request.user.pk)
    form.add_error("token", _("Mã không đúng hoặc đã hết hạn. Vui lòng nhập mã mới nhất."))
    return False


@never_cache
def verify(request):
    devices = TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
    device = devices.first()
    if device is None:
        return redirect("toasoan_2fa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and _check(request, device, form):
        otp_login(request, device)
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "security/2fa_verify.html", context)


def _qr_svg(device):
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]  # drop the XML declaration to inline it


@never_cache
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm one code."""
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect("toasoan_2fa_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Ứng dụng xác thực"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and _check(request, device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        otp_login(request, device)
        logger.info("User %s enrolled a two-factor device", request.user.pk)
        return redirect(_next_url(request))
    from base64 import b32encode

    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": _qr_svg(device),
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "required": two_factor_required(request.user),
    }
    return render(request, "security/2fa_setup.html", context)


def remove_devices(user):
    """Remove every two-factor device of ``user`` (a lost or replaced phone); returns how many.

    One by one, so each removal sends ``post_delete`` and reaches the audit log
    ("toasoan.2fa.disable"). The next login asks the user to enrol again when 2FA is required.
    """
    with transaction.atomic():
        devices = list(TOTPDevice.objects.select_for_update().filter(user=user))
        for device in devices:
            device.delete()
    return len(devices)


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request, user_id):
    """An administrator removes a staff member's devices from the admin (users list → "…")."""
    if not is_site_admin(request.user):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        count = remove_devices(user)
        logger.info(
            "User %s removed %d two-factor device(s) of user %s", request.user.pk, count, user.pk
        )
        if count:
            messages.success(
                request,
                _("Đã gỡ xác thực hai bước của %(name)s. Lần đăng nhập sau họ cần đăng ký lại.")
                % {"name": user.get_username()},
            )
        else:
            messages.info(
                request, _("%(name)s chưa bật xác thực hai bước.") % {"name": user.get_username()}
            )
        return redirect("wagtailusers_users:index")
    context = {"target": user, "has_device": user_has_device(user, confirmed=None)}
    return render(request, "security/2fa_reset.html", context)


def reset_button(user, request_user):
    """The "…" menu entry on the users list, for administrators, on users with a device."""
    from wagtail.admin.widgets import Button

    if not is_site_admin(request_user) or not user_has_device(user, confirmed=None):
        return []
    return [
        Button(
            _("Gỡ xác thực hai bước"),
            reverse("toasoan_2fa_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
    ]
