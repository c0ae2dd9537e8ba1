"""What every public write path of the portal does before it keeps what a reader sent.

The request helpers refuse a body that is too large or unreadable, check CSRF by hand (after
the size check, so a huge body is never parsed) and count recent submissions per hashed IP
and per email; questions, contact and polls use them. ``ReaderFormView`` runs them in order
for a form built on ``toasoan.core.reader_forms.ReaderFormMixin`` and the bot check.
"""

import datetime as dt

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from toasoan.core.clientip import client_ip, hash_ip

__all__ = [
    "ReaderFormView",
    "csrf_failed",
    "rate_limited",
    "refuse_body",
    "request_ip_hash",
]


def request_ip_hash(request):
    """The hashed client IP of ``request`` (what submissions store instead of the IP)."""
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
    """True when the request fails Django's CSRF check (run by hand, after ``refuse_body``)."""
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


def rate_limited(
    queryset,
    *,
    ip_hash,
    email,
    per_ip,
    per_email,
    window_seconds,
    time_field="created_at",
    email_field="email",
):
    """True when this IP or this email already sent the allowed number in the window
    (``queryset``: the stored submissions, with an ``ip_hash`` field; 0 turns a limit off)."""
    since = timezone.now() - dt.timedelta(seconds=window_seconds)
    recent = queryset.filter(**{f"{time_field}__gte": since})
    if per_ip and ip_hash and recent.filter(ip_hash=ip_hash).count() >= per_ip:
        return True
    return bool(per_email and email and recent.filter(**{email_field: email}).count() >= per_email)


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")  # checked by hand after the size check
class ReaderFormView(View):
    """GET shows the form; POST refuses an oversized or unreadable body, a stale CSRF token, a
    honeypot, invalid fields, a flood (429) and, last because a challenge is used only once,
    a failed bot check; then ``form_valid(form, ip_hash)`` stores and answers.

    A subclass sets ``form_class``, ``template_name``, the ``*_message`` texts and
    ``back_url_name``, and implements ``rate_limits()``, ``rate_limit_queryset()`` and
    ``form_valid()``. The stored model has ``ip_hash`` and ``created_at`` fields.
    """

    http_method_names = ["get", "head", "post"]
    form_class = None
    template_name = None
    error_template_name = "core/submission_error.html"
    back_url_name = None
    max_request_bytes = 64 * 1024
    email_field = "email"  # the model field the per-email limit counts
    expired_message = None  # CSRF token too old: "Phiên gửi ... đã hết hạn."
    refused_message = None  # the honeypot was filled in
    rate_limited_message = None
    retry_after = False  # whether a 429 says when to try again (Retry-After)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form_class())

    def post(self, request, *args, **kwargs):
        refused = refuse_body(request, self.max_request_bytes)
        if refused:
            return self.refuse(*refused)
        if csrf_failed(request):
            return self.refuse(403, self.expired_message)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            if form.is_honeypot:
                return self.refuse(400, self.refused_message)
            return self.render_form(form, status=400)
        ip_hash = request_ip_hash(request)
        if self.is_rate_limited(form.cleaned_data, ip_hash):
            form.add_error(None, self.rate_limited_message)
            return self.too_many(form)
        if not form.check_bot():  # last: a challenge is used only once
            return self.render_form(form, status=400)
        return self.form_valid(form, ip_hash)

    def rate_limits(self):
        """{"per_ip": n, "per_email": n, "window_seconds": s}; 0 turns a limit off."""
        raise NotImplementedError

    def rate_limit_queryset(self):
        """The stored submissions the limits count."""
        raise NotImplementedError

    def form_valid(self, form, ip_hash):
        """Store what the reader sent and return the response (usually a redirect)."""
        raise NotImplementedError

    def get_context_data(self, form):
        return {"form": form}

    def is_rate_limited(self, data, ip_hash):
        return rate_limited(
            self.rate_limit_queryset(),
            ip_hash=ip_hash,
            email=data["email"],
            email_field=self.email_field,
            **self.rate_limits(),
        )

    def render_form(self, form, status=200):
        context = self.get_context_data(form)
        return render(self.request, self.template_name, context, status=status)

    def too_many(self, form):
        response = self.render_form(form, status=429)
        if self.retry_after:
            response["Retry-After"] = str(self.rate_limits()["window_seconds"])
        return response

    def refuse(self, status, message):
        """The "could not send" page with ``message`` and a link back to the form."""
        context = {"message": message, "back_url": reverse(self.back_url_name)}
        return render(self.request, self.error_template_name, context, status=status)
