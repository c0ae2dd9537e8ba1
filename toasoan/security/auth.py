"""Staff login protection: the client address axes counts failures against, and who may
read the login audit trail."""

from axes.backends import AxesStandaloneBackend
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.permission_policies import ModelPermissionPolicy

from toasoan.core.clientip import client_ip as _client_ip
from toasoan.newsroom.roles import ADMIN, ROLE_GROUP_NAMES

# The administrators' group: they (and superusers) read the login audit trail and unlock.
ADMIN_GROUP_NAME = ROLE_GROUP_NAMES[ADMIN]


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login that comes with a request (the admin login).

    Axes refuses ``authenticate()`` calls without a request; those come from code (management
    commands, scripts), not from a guesser on the network, so they are let through to the
    password check unthrottled instead of crashing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        from axes.exceptions import AxesBackendPermissionDenied

        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            # Already locked: refused before the password is checked. The audit trail tells
            # this apart from the failure that caused the lock (toasoan.security.audit).
            request.toasoan_login_refused = True
            raise


def client_ip(request):
    """The site's one rule (toasoan/core/clientip.py): REMOTE_ADDR, or X-Forwarded-For
    behind the trusted proxies, so a login guesser cannot pick a fresh address for every
    try by sending a forged header."""
    return _client_ip(request) or None


# Longer names are cut: axes stores 255 characters, and a name of 10,000 made the insert
# fail on PostgreSQL. Control characters are dropped so the logs and lists stay readable.
MAX_USERNAME_CHARS = 150


def axes_username(request, credentials=None):
    """The user name axes counts failures against (AXES_USERNAME_CALLABLE): what was typed,
    cleaned and cut, so made-up names are recorded sanely (they lock nothing by themselves:
    locks are per address and per address + name, never per name alone)."""
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "POST", {}).get("username")
    value = str(value or "")
    value = "".join(ch for ch in value if ch.isprintable())
    return value[:MAX_USERNAME_CHARS]


def is_site_admin(user):
    if not (user and user.is_active and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(name=ADMIN_GROUP_NAME).exists()


class AuditPermissionPolicy(ModelPermissionPolicy):
    """Administrators may view (and, where ``allow_delete``, delete); nobody adds or edits:
    the records are written by the login code only."""

    def __init__(self, model, allow_delete=False):
        super().__init__(model)
        self.allowed = {"view", "delete"} if allow_delete else {"view"}

    def user_has_permission(self, user, action):
        return action in self.allowed and is_site_admin(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        users = get_user_model().objects.filter(is_active=True)
        if not self.allowed.intersection(actions):
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP_NAME)).distinct()


def _log_failure(sender, instance, created, **kwargs):
    if created:
        import logging

        logging.getLogger("toasoan.security").warning(
            "Failed staff login for %r from %s%s",
            instance.username,
            instance.ip_address,
            " (locked out)" if instance.locked_out else "",
        )


def connect_signals():
    from axes.models import AccessFailureLog

    receiver(post_save, sender=AccessFailureLog, dispatch_uid="toasoan-login-failure-log")(
        _log_failure
    )


def lockout_response(request, original_response=None, credentials=None):
    """The Vietnamese "login locked" page (429), never cached, for AXES_LOCKOUT_CALLABLE."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.conf import settings
    from django.shortcuts import render
    from django.utils.cache import add_never_cache_headers

    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    response = render(
        request,
        "security/lockout.html",
        {"failure_limit": get_failure_limit(request, credentials), "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(response)
    return response
