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


def _is_utf8(charset):
    import codecs

    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


class RequireUtf8BodyMiddleware:
    """400 for a request body declared in a charset other than UTF-8.

    Django decodes a form body with the charset its Content-Type names: a comment sent as
    ``charset=windows-1258`` or ``latin-1`` was stored as mojibake, and an unknown charset
    name raised LookupError (a 500). Every page of the site sends UTF-8, so another charset
    comes only from a script; it is refused with a clear message before any view reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type = request.META.get("CONTENT_TYPE", "")
        if ";" in content_type and request.method not in ("GET", "HEAD", "OPTIONS"):
            from django.utils.http import parse_header_parameters

            _main, params = parse_header_parameters(content_type)
            if not _is_utf8(params.get("charset", "utf-8").strip()):
                return HttpResponseBadRequest(
                    _("Dữ liệu gửi lên phải dùng bảng mã UTF-8 (Unicode). Vui lòng gửi lại."),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
