"""Defaults of TOASOAN_STATISTICS; settings override them key by key."""

import os

from django.conf import settings

DEFAULTS = {
    # Record page views where pages are served (toasoan.ops.served). Off: nothing is counted.
    "ENABLED": os.environ.get("TOASOAN_STATISTICS", "1") == "1",
    # Where views are counted from: "app" (the page-cache front and PageCacheMiddleware, the
    # embedded `make run` mode) or "nginx" (production: nginx's access log, which also sees
    # the micro-cache hits; the app then records nothing so no view is counted twice).
    "SOURCE": os.environ.get("TOASOAN_STATISTICS_SOURCE", "app"),
    # Append-only spool of recorded views (one file per process and 10-second segment),
    # the daily salt and the reader figures snapshot. Default: var/statistics.
    "SPOOL_DIR": None,
    # Seconds a worker keeps views in memory before appending them to the spool: the most a
    # SIGKILLed worker can lose.
    "FLUSH_SECONDS": 1.0,
    # nginx access log written with the "toasoan_stats" log_format (deploy/nginx/toasoan.conf).
    "NGINX_LOG": "/var/log/nginx/toasoan-stats.log",
    # One (visitor, page) pair is counted at most once per window; one visitor at most
    # MAX_VIEWS_PER_WINDOW views per window (a forged flood from one address counts once).
    "WINDOW_SECONDS": 300,
    "MAX_VIEWS_PER_WINDOW": 30,
    # "Online now": distinct visitors seen during the last ONLINE_SECONDS.
    "ONLINE_SECONDS": 300,
    # Key for the JSON export (?key=… or the X-Api-Key header); empty: the export is off.
    "API_KEY": os.environ.get("TOASOAN_STATISTICS_API_KEY", ""),
    # Path prefixes that are never reader page views.
    "IGNORE_PREFIXES": (
        "/quan-tri/",
        "/tai-lieu/",
        "/static/",
        "/media/",
        "/healthz",
        "/api/",
        "/binh-luan/",
        "/thong-ke/",
        "/favicon",
        "/robots.txt",
        "/sitemap",
    ),
}


def statistics_setting(name):
    overrides = getattr(settings, "TOASOAN_STATISTICS", {}) or {}
    return overrides.get(name, DEFAULTS[name])


def spool_dir():
    from pathlib import Path

    configured = statistics_setting("SPOOL_DIR")
    if configured:
        return Path(configured)
    return Path(getattr(settings, "VAR_DIR", settings.BASE_DIR / "var")) / "statistics"
