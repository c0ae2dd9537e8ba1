"""/lien-he/: the agency's contact details, the map image and the contact form.

The page carries a CSRF token and a fresh bot-check question, so it is never cached; the
message and the email to the topic's department are stored in one transaction.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from toasoan.outbox import queue_template
from toasoan.questions import submission

from .forms import ContactForm
from .models import ContactDetails, ContactMessage

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 64 * 1024
RATE_LIMIT = {"per_ip": 3, "per_email": 3, "window_seconds": 600}


def contact_limits():
    """``TOASOAN_CONTACT_RATE_LIMIT`` overrides any of per_ip, per_email, window_seconds."""
    return {**RATE_LIMIT, **(getattr(settings, "TOASOAN_CONTACT_RATE_LIMIT", None) or {})}


def _details(request):
    site = Site.find_for_request(request)
    return ContactDetails.for_site(site) if site else None


@never_cache
@csrf_exempt  # checked by hand after the size check
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    if request.method != "POST":
        return _render(request, ContactForm(), sent=request.GET.get("da-gui") == "1")
    refused = submission.refuse_body(request, MAX_REQUEST_BYTES)
    if refused:
        return _fail(request, *refused)
    if submission.csrf_failed(request):
        return _fail(request, 403, _("Phiên gửi thư đã hết hạn. Vui lòng tải lại trang."))
    form = ContactForm(request.POST)
    if not form.is_valid():
        if form.is_honeypot:
            return _fail(request, 400, _("Không gửi được thư."))
        return _render(request, form, status=400)
    data = form.cleaned_data
    ip_hash = submission.request_ip_hash(request)
    if submission.rate_limited(
        ContactMessage.objects.all(),
        ip_hash=ip_hash,
        email=data["email"],
        time_field="created_at",
        email_field="email",
        **contact_limits(),
    ):
        form.add_error(
            None, _("Bạn gửi quá nhiều thư trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
        )
        return _render(request, form, status=429)
    if not form.check_bot():
        return _render(request, form, status=400)
    with transaction.atomic():
        message = ContactMessage.objects.create(
            topic=data["topic"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            subject=data["subject"],
            body=data["body"],
            ip_hash=ip_hash,
        )
        queue_template(
            data["topic"].email,
            "contact/email/message",
            {"message": message},
            reply_to=message.email,
        )
    logger.info("Contact message %s stored for topic %s", message.pk, data["topic"].pk)
    return redirect(reverse("contact:page") + "?da-gui=1")


def _render(request, form, status=200, sent=False):
    context = {"form": form, "details": _details(request), "sent": sent}
    return render(request, "contact/contact.html", context, status=status)


def _fail(request, status, message):
    return render(
        request,
        "questions/error.html",
        {"message": message, "back_url": reverse("contact:page")},
        status=status,
    )
