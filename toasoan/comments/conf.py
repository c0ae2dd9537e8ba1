"""Defaults for the ``TOASOAN_COMMENTS`` settings dict.

Override any key in settings: ``TOASOAN_COMMENTS = {"CLOSE_AFTER_DAYS": 14}``. Unknown keys
are an error at first use, so a typo never silently keeps the default.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    # Comment forms close this many days after the article's date (0: never).
    "CLOSE_AFTER_DAYS": 30,
    "NAME_MAX_LENGTH": 100,
    "BODY_MIN_LENGTH": 2,
    "BODY_MAX_LENGTH": 3000,
    # Requests larger than this are refused before Django parses them (413).
    "MAX_REQUEST_BYTES": 64 * 1024,
    # Posts allowed per minute from one IP and from one email address (0: no limit).
    "RATE_LIMIT_PER_IP": 2,
    "RATE_LIMIT_PER_EMAIL": 2,
    "RATE_LIMIT_WINDOW_SECONDS": 60,
    # The same text on the same article within this window is a duplicate.
    "DUPLICATE_WINDOW_HOURS": 24,
    # Hashed IP addresses are erased after this many days (comments_purge_ips).
    "IP_RETENTION_DAYS": 30,
    # How many reverse proxies (nginx) sit in front of the app: the client IP is then
    # taken from X-Forwarded-For at that depth. 0 trusts only REMOTE_ADDR.
    "TRUSTED_PROXY_COUNT": 0,
    # Approved top-level comments shown under an article.
    "LIST_LIMIT": 100,
    # The bot check (ALTCHA, the no-JS question) is configured in TOASOAN_BOTCHECK.
    # Spam check plug-in (see comments/backends/base.py).
    "SPAM_BACKEND": "toasoan.comments.backends.dummy.DummyBackend",
    # Extra moderator addresses; users with the "change comment" permission also get mail.
    "MODERATOR_EMAILS": [],
    # At most one "comments are waiting" email per interval (0: one per comment).
    "MODERATOR_EMAIL_INTERVAL_SECONDS": 300,
    "OFFICIAL_NAME": "Ban biên tập",
}


def comments_setting(name):
    """Return one ``TOASOAN_COMMENTS`` value, falling back to the default above."""
    configured = getattr(settings, "TOASOAN_COMMENTS", {}) or {}
    unknown = set(configured) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(f"Unknown TOASOAN_COMMENTS keys: {', '.join(sorted(unknown))}")
    return configured.get(name, DEFAULTS[name])


def comment_rate_limits():
    """The flood limits of reader comments, as ``toasoan.core.submissions.rate_limited``
    takes them ({"per_ip": 2, "per_email": 2, "window_seconds": 60} by default); the
    consultations' draft comments share them."""
    return {
        "per_ip": comments_setting("RATE_LIMIT_PER_IP"),
        "per_email": comments_setting("RATE_LIMIT_PER_EMAIL"),
        "window_seconds": comments_setting("RATE_LIMIT_WINDOW_SECONDS"),
    }
