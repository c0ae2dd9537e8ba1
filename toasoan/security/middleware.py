"""Security headers: a strict Content Security Policy for public pages, a looser one for the
Wagtail admin, and the headers Django's SecurityMiddleware does not send."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def _admin_prefixes():
    return tuple(getattr(settings, "TOASOAN_ADMIN_URL_PREFIXES", ("/quan-tri/",)))


class ToasoanCSPMiddleware(CSPMiddleware):
    """CONTENT_SECURITY_POLICY everywhere except the admin, which gets TOASOAN_ADMIN_CSP.

    Public pages are cached and shared between readers, so their policy uses no nonces:
    every script is an external file from 'self'. Wagtail's admin still ships inline
    scripts and styles, so it gets its own, wider policy (staff only, never cached).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(_admin_prefixes()):
            admin_policy = getattr(settings, "TOASOAN_ADMIN_CSP", None)
            if admin_policy and parts.config is None:
                return PolicyParts(
                    config=admin_policy, update=parts.update, replace=parts.replace, nonce=None
                )
        return parts


class SecurityHeadersMiddleware:
    """Permissions-Policy and cross-origin isolation headers for every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for header, value in getattr(settings, "TOASOAN_SECURITY_HEADERS", {}).items():
            response.headers.setdefault(header, value)
        return response


class RejectNullBytesMiddleware:
    """400 for a NUL byte in the URL path.

    PostgreSQL refuses NUL in text ("text fields cannot contain NUL"), so a ``%00`` in the
    path reaching page routing or Wagtail's redirect lookup would otherwise become a 500.
    Query parameters are each view's business (search and the API answer them with their
    own messages; the hostile-input suite checks every one); form fields refuse NUL through
    Django's ProhibitNullCharactersValidator.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                _("Địa chỉ có ký tự không hợp lệ."), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
