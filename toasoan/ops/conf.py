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
    # "tags": a change retires only the pages showing what it touched (cachetags.py);
    # "site": every change retires every page (the site-wide generation before issue #20).
    "INVALIDATION": "tags",
    # Page types whose pages are served with the generic tags of a Wagtail page (itself, the
    # lists of its subtree and of its parent, its comments, the announcements): pages of
    # these types show nothing else but what ALL covers (menus, settings, images). Other page
    # types carry ANY unless they define cache_tags() (docs/decisions/page-cache.md).
    "TAGGED_PAGE_TYPES": (
        "news.HomePage",
        "news.SectionPage",
        "news.ArticlePage",
        "news.StandardPage",
        "news.AnnouncementPage",
        "news.AnnouncementIndexPage",
    ),
    # Page types that are *listed* content: a change to one retires its own page and the
    # lists of every page above it (and of the whole site), not everything.
    "CONTENT_PAGE_TYPES": ("news.ArticlePage", "news.AnnouncementPage"),
    # Of those, the ones the "Thông báo" box shows.
    "ANNOUNCEMENT_PAGE_TYPES": ("news.AnnouncementPage",),
    # Django views (URL names) and the complete tags of what they show.
    "VIEW_TAGS": {
        "search:search": ("list:site",),
        "distribution_feed": ("list:site",),
        "distribution_section_feed": ("list:site",),
        "distribution_feed_list": ("list:site",),
        "distribution_sitemap_index": ("list:site",),
        "distribution_news_sitemap": ("list:site",),
        "distribution_sitemap": ("list:site",),
        "distribution_site_map": ("list:site",),
    },
    # Models whose save/delete changes what readers see: "app_label" or "app_label.Model".
    # Every Wagtail page type counts as well. Without tag knowledge (toasoan/ops/
    # signal_handlers.py, watch_models(tags=…)) a change retires every page.
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
