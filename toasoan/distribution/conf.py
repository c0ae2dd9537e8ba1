"""Settings of the distribution app, with their defaults.

Override any key in ``TOASOAN_DISTRIBUTION = {...}``; ``TOASOAN_API_CORS_ORIGINS`` is a list of
origins (``["https://app.example.vn"]`` or ``["*"]``) allowed to read ``/api/v2/`` from a browser.
"""

from django.conf import settings

DEFAULTS = {
    "FEED_ITEMS": 50,
    "SITEMAP_LIMIT": 50_000,  # the sitemaps.org maximum per file
    "NEWS_SITEMAP_DAYS": 2,
    "NEWS_SITEMAP_LIMIT": 1_000,  # Google News reads at most 1,000 URLs per news sitemap
    "SOCIAL_IMAGE_FILTER": "fill-1200x630|format-jpeg",
    "FEED_IMAGE_FILTER": "width-800|format-jpeg",
    "PRINT_IMAGE_FILTER": "width-800|format-jpeg",
    # Zalo's share plugin page, opened in a new tab on click: no Zalo SDK is loaded.
    "ZALO_SHARE_URL": (
        "https://sp.zalo.me/plugins/share?dev=null&color=blue&oaid=&href={url}&layout=1"
        "&customize=false"
    ),
    "FACEBOOK_SHARE_URL": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "API_IMAGE_FILTERS": {"thumbnail": "fill-400x240|format-webp", "large": "width-1200"},
}


def get(key):
    return {**DEFAULTS, **getattr(settings, "TOASOAN_DISTRIBUTION", {})}[key]


def cors_origins():
    return list(getattr(settings, "TOASOAN_API_CORS_ORIGINS", []))
