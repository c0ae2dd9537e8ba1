"""/lien-he/: the agency's contact details, the map image and the contact form.

The page carries a CSRF token and a fresh bot-check question, so it is never cached; the
message and the email to the topic's department are stored in one transaction.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from toasoan.core.submissions import ReaderFormView
from toasoan.outbox import queue_template

from .forms import ContactForm
from .models import ContactDetails, ContactMessage

logger = logging.getLogger(__name__)

RATE_LIMIT = {"per_ip": 3, "per_email": 3, "window_seconds": 600}


def contact_limits():
    """``TOASOAN_CONTACT_RATE_LIMIT`` overrides any of per_ip, per_email, window_seconds."""
    return {**RATE_LIMIT, **(getattr(settings, "TOASOAN_CONTACT_RATE_LIMIT", None) or {})}


class ContactView(ReaderFormView):
    form_class = ContactForm
    template_name = "contact/contact.html"
    back_url_name = "contact:page"
    expired_message = _("Phiên gửi thư đã hết hạn. Vui lòng tải lại trang.")
    refused_message = _("Không gửi được thư.")
    rate_limited_message = _(
        "Bạn gửi quá nhiều thư trong thời gian ngắn. Vui lòng thử lại sau ít phút."
    )

    def get_context_data(self, form):
        site = Site.find_for_request(self.request)
        return {
            "form": form,
            "details": ContactDetails.for_site(site) if site else None,
            # Shown after the redirect that follows a stored message.
            "sent": self.request.method != "POST" and self.request.GET.get("da-gui") == "1",
        }

    def rate_limits(self):
        return contact_limits()

    def rate_limit_queryset(self):
        return ContactMessage.objects.all()

    def form_valid(self, form, ip_hash):
        data = form.cleaned_data
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


contact = ContactView.as_view()
