"""Defaults for the ``TOASOAN_BOTCHECK`` settings dict (the bot check of every public form).

Override any key in settings: ``TOASOAN_BOTCHECK = {"CHALLENGE_TTL_SECONDS": 300}``. Unknown
keys are an error at first use, so a typo never silently keeps the default.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    # ALTCHA proof of work solved in the reader's browser; the no-JS question is the fallback.
    "ALTCHA_ENABLED": True,
    "ALTCHA_CHALLENGE": {"algorithm": "PBKDF2/SHA-256", "cost": 5000, "key_prefix": "00"},
    # Challenges and questions expire after this many seconds; both are single-use.
    "CHALLENGE_TTL_SECONDS": 600,
}


def botcheck_setting(name):
    """Return one ``TOASOAN_BOTCHECK`` value, falling back to the default above."""
    configured = getattr(settings, "TOASOAN_BOTCHECK", {}) or {}
    unknown = set(configured) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(f"Unknown TOASOAN_BOTCHECK keys: {', '.join(sorted(unknown))}")
    return configured.get(name, DEFAULTS[name])
