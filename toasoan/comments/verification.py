"""Proof that a commenter owns their email address.

The first time an address is used (and again at most once a week until it is confirmed),
the portal mails it a signed link. Following the link (and pressing "Xác nhận") records the
address as verified and gives that browser a signed cookie naming it, sent only to
``/binh-luan/``. Then:

* reply notifications go only to verified addresses (nobody can make the portal mail a
  third party more than that one confirmation);
* trust ("approve automatically after N approved comments") needs the cookie of the same
  address in the request: something the poster cannot type. Knowing a regular's address no
  longer publishes straight to the page.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import CommenterEmail

COOKIE_NAME = "toasoan_ban_doc"
COOKIE_PATH = "/binh-luan/"
COOKIE_MAX_AGE = 365 * 24 * 3600
LINK_MAX_AGE = 7 * 24 * 3600
CONFIRMATION_INTERVAL = dt.timedelta(days=7)
_LINK_SALT = "toasoan.comments.confirm-email"
_COOKIE_SALT = "toasoan.comments.trusted-email"


def is_verified(email):
    if not email:
        return False
    return CommenterEmail.objects.filter(email=email.lower(), verified_at__isnull=False).exists()


def confirmation_token(email):
    return signing.dumps(email.lower(), salt=_LINK_SALT, compress=True)


def email_from_token(token):
    """The address a confirmation link names, or None (forged, mangled or too old)."""
    try:
        value = signing.loads(token, salt=_LINK_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return value if isinstance(value, str) else None


def send_confirmation_if_needed(email, request):
    """Mail a confirmation link to an unverified ``email`` unless one went out lately.
    Returns True when a mail was sent."""
    from .notifications import _send

    if not email:
        return False
    email = email.lower()
    now = timezone.now()
    record, _created = CommenterEmail.objects.get_or_create(email=email)
    if record.verified_at is not None:
        return False
    # Claim the sending with a conditional UPDATE: two posts at once send one mail.
    recent = now - CONFIRMATION_INTERVAL
    claimed = (
        CommenterEmail.objects.filter(email=email, verified_at__isnull=True)
        .exclude(confirmation_sent_at__gt=recent)
        .update(confirmation_sent_at=now)
    )
    if not claimed:
        return False
    link = request.build_absolute_uri(
        reverse("comments:confirm_email", args=[confirmation_token(email)])
    )
    context = {"link": link, "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "")}
    subject = render_to_string("comments/email/confirm_subject.txt", context).strip()
    _send(subject, render_to_string("comments/email/confirm.txt", context), [email])
    return True


def mark_verified(email):
    CommenterEmail.objects.update_or_create(
        email=email.lower(), defaults={"verified_at": timezone.now()}
    )


def remember_in_browser(response, email, request):
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(email.lower(), salt=_COOKIE_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        path=COOKIE_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def browser_proves(request, email):
    """Whether ``request`` carries this browser's proof of owning ``email``."""
    if request is None or not email:
        return False
    value = request.COOKIES.get(COOKIE_NAME, "")
    try:
        proved = signing.loads(value, salt=_COOKIE_SALT, max_age=COOKIE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return isinstance(proved, str) and proved == email.lower() and is_verified(email)
