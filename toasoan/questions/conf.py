"""Defaults for the ``TOASOAN_QUESTIONS`` settings dict (contact and polls reuse the limits)."""

from django.conf import settings

DEFAULTS = {
    "NAME_MAX_LENGTH": 100,
    "TITLE_MAX_LENGTH": 200,
    "BODY_MIN_LENGTH": 10,
    "BODY_MAX_LENGTH": 5000,
    "ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    # Requests larger than this are refused (413) before Django parses them.
    "MAX_REQUEST_BYTES": 6 * 1024 * 1024,
    # Questions allowed per window from one IP and from one email (0: no limit).
    "RATE_LIMIT_PER_IP": 3,
    "RATE_LIMIT_PER_EMAIL": 3,
    "RATE_LIMIT_WINDOW_SECONDS": 600,
    "LIST_PER_PAGE": 20,
}


def questions_setting(name):
    configured = getattr(settings, "TOASOAN_QUESTIONS", {}) or {}
    return configured.get(name, DEFAULTS[name])
