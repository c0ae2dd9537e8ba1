"""Newsroom options: ``TOASOAN_NEWSROOM = {...}`` in settings overrides these defaults."""

from django.conf import settings

DEFAULTS = {
    # Largest document an editor may attach (bytes).
    "DOCUMENT_MAX_SIZE": 20 * 1024 * 1024,
    # How many items the dashboard lists per block.
    "DASHBOARD_LIST_SIZE": 8,
    # A scheduled item this late (seconds) counts as overdue on the dashboard.
    "OVERDUE_GRACE_SECONDS": 120,
}


def get(name):
    return {**DEFAULTS, **getattr(settings, "TOASOAN_NEWSROOM", {})}[name]
