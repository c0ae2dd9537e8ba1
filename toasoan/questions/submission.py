"""What every public write path of the portal does before it reads a form: refuse a body that
is too large or unreadable, check CSRF by hand (after the size check, so a huge body is never
parsed), and count recent submissions per hashed IP and per email. Contact and polls use
these too."""

import datetime as dt

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.translation import gettext as _

# The comments app owns the client-IP helpers for now; they move to a neutral module later.
from toasoan.core.clientip import client_ip, hash_ip

__all__ = ["client_ip", "hash_ip", "refuse_body", "csrf_failed", "rate_limited", "request_ip_hash"]


def request_ip_hash(request):
    return hash_ip(client_ip(request))


def refuse_body(request, max_bytes):
    """(status, message) when the body is too large or cannot be parsed, else None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_bytes:
        return 413, _("Nội dung gửi lên quá lớn.")
    try:
        request.POST  # noqa: B018 - forces parsing
        request.FILES  # noqa: B018
    except (MultiPartParserError, SuspiciousOperation, ValueError):
        return 400, _("Dữ liệu gửi lên không hợp lệ.")
    return None


def csrf_failed(request):
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


def rate_limited(
    queryset, *, ip_hash, email, per_ip, per_email, window_seconds, time_field, email_field
):
    """True when this IP or this email already sent the allowed number in the window."""
    since = timezone.now() - dt.timedelta(seconds=window_seconds)
    recent = queryset.filter(**{f"{time_field}__gte": since})
    if per_ip and ip_hash and recent.filter(ip_hash=ip_hash).count() >= per_ip:
        return True
    return bool(per_email and email and recent.filter(**{email_field: email}).count() >= per_email)
