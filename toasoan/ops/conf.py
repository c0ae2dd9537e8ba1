"""Defaults of TOASOAN_PAGECACHE; settings override them key by key."""

from django.conf import settings

DEFAULTS = {
    # Serve anonymous GETs from the shared cache.
    "ENABLED": True,
    # The CACHES alias holding pages and the content generation.
    "CACHE_ALIAS": "pagecache",
    # Seconds a page stays in the cache. Content changes never wait for this (the generation
    # changes); it bounds "3 giờ trước"-style relative times and memory use.
    "TIMEOUT": 300,
    # Seconds nginx may keep a shareable page (X-Accel-Expires); 0 turns the micro-cache off.
    # Must stay <= 1: no reader may see a page more than a second after a change.
    "PROXY_SECONDS": 1,
    # Bytes of page bodies each app process keeps in memory (toasoan.ops.wsgi.MemoryPages),
    # least recently used first out; every use is still checked against the generation.
    # Counts 1:1 in the process's RSS: 4 MB holds the hot set (home, sections, about a
    # hundred articles); the long tail is one shared-cache read (docs/decisions/app-server.md).
    "MEMORY_BYTES": 4 * 2**20,
    # Never cached, whoever asks.
    "BYPASS_PREFIXES": (
        "/quan-tri/",
        "/tai-lieu/",
        "/static/",
        "/media/",
        "/healthz",
        "/api/",
        "/binh-luan/",
    ),
    # Models whose save/delete changes what readers see: "app_label" or "app_label.Model".
    # Every Wagtail page type counts as well. Changes bump the site-wide content generation.
    "INVALIDATE_ON": (
        "wagtailcore.Site",
        "wagtailredirects",
        "comments.Comment",
        "sitesettings",
        "newsroom.MainMenu",
        "newsroom.MainMenuItem",
        "newsroom.FooterLinks",
        "newsroom.FooterLink",
        "core.NewsImage",
        "search.Synonym",
        "taggit.Tag",
    ),
}


def pagecache_setting(name):
    return getattr(settings, "TOASOAN_PAGECACHE", {}).get(name, DEFAULTS[name])
