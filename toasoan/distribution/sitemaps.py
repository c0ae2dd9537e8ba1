"""XML sitemaps: an index with one sitemap per section, one for the other pages and a Google
News sitemap of the last two days.

Each section's sitemap lists the articles filed directly in it (sub-sections have their own),
so every live article appears exactly once. Locations come from ``url_path`` (see links.py),
never from ``page.url``, so a 50,000-URL page is one query.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.utils import timezone

from toasoan.news.models import AnnouncementPage, ArticlePage, SectionPage

from . import conf

SITEMAP_FIELDS = ("id", "url_path", "published_at", "last_published_at")


def _seconds(value):
    return value.replace(microsecond=0) if value else None


class _LinksSitemap(Sitemap):
    def __init__(self, links):
        self.links = links
        self.limit = conf.get("SITEMAP_LIMIT")

    def location(self, item):
        return self.links.path(item)

    def lastmod(self, item):
        return _seconds(item.last_published_at or getattr(item, "published_at", None))

    def get_latest_lastmod(self):
        # Django's default loads every item to find the newest; one aggregate is enough.
        return _seconds(self.items().aggregate(latest=Max("last_published_at"))["latest"])


class SectionArticlesSitemap(_LinksSitemap):
    """The visible articles filed directly in one section, oldest first.

    Oldest first keeps the URLs of page 1, 2… stable as news is published: a crawler only
    needs to re-read the last page.
    """

    def __init__(self, links, section_id, count=None, latest=None):
        super().__init__(links)
        self.section_id = section_id
        # Known from one GROUP BY over all sections (build_sitemaps), so the index does not
        # run a COUNT and a MAX per section.
        self.known_count, self.known_latest = count, latest

    @property
    def paginator(self):
        paginator = Paginator(self._items(), self.limit)
        if self.known_count is not None:
            paginator.__dict__["count"] = self.known_count
        return paginator

    def get_latest_lastmod(self):
        if self.known_count is not None:
            return _seconds(self.known_latest)
        return super().get_latest_lastmod()

    def items(self):
        return (
            ArticlePage.objects.visible()
            .exclude(self.links.private_q)
            .filter(section_id=self.section_id)
            .order_by("published_at", "id")
            .only(*SITEMAP_FIELDS)
        )


class PagesSitemap(_LinksSitemap):
    """Home, sections, announcements and standard pages: everything that is not an article."""

    def items(self):
        from wagtail.models import Page

        now = timezone.now()
        hidden_announcements = AnnouncementPage.objects.filter(expire_at__lte=now).values("pk")
        return (
            Page.objects.live()
            .exclude(self.links.private_q)
            .descendant_of(self.links.root, inclusive=True)
            .not_type(ArticlePage)
            .exclude(pk__in=hidden_announcements)
            .order_by("path")
            .only("id", "url_path", "last_published_at")
        )

    def lastmod(self, item):
        return _seconds(item.last_published_at)


class NewsSitemap(_LinksSitemap):
    """Articles published in the last NEWS_SITEMAP_DAYS days, newest first (Google News)."""

    def __init__(self, links, now=None):
        super().__init__(links)
        self.now = now or timezone.now()
        self.limit = conf.get("NEWS_SITEMAP_LIMIT")

    def items(self):
        since = self.now - timedelta(days=conf.get("NEWS_SITEMAP_DAYS"))
        return (
            ArticlePage.objects.visible(now=self.now)
            .exclude(self.links.private_q)
            .filter(section_id__in=self.links.section_ids, published_at__gte=since)
            .order_by("-published_at", "-id")
            .only(*SITEMAP_FIELDS, "title")
        )

    @property
    def paginator(self):
        # One file of at most NEWS_SITEMAP_LIMIT URLs: Google reads no further, so the index
        # must not announce a page 2.
        return Paginator(self._items()[: self.limit], self.limit)


def build_sitemaps(links):
    """{name: sitemap} for the index: "trang", "tin-moi" and one "chuyen-muc-<id>" per section."""
    sitemaps = {"trang": PagesSitemap(links), "tin-moi": NewsSitemap(links)}
    sections = (
        SectionPage.objects.live()
        .exclude(links.private_q)
        .descendant_of(links.root)
        .order_by("path")
        .values_list("id", flat=True)
    )
    stats = {
        row["section_id"]: row
        for row in ArticlePage.objects.visible()
        .exclude(links.private_q)
        .filter(section_id__in=links.section_ids)
        .order_by()
        .values("section_id")
        .annotate(count=Count("id"), latest=Max("last_published_at"))
    }
    for section_id in sections:
        row = stats.get(section_id, {"count": 0, "latest": None})
        sitemaps[f"chuyen-muc-{section_id}"] = SectionArticlesSitemap(
            links, section_id, count=row["count"], latest=row["latest"]
        )
    return sitemaps
