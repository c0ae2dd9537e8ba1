"""The reader-facing queries: which articles and announcements a reader may see, and in
what order. Every list page builds on these so "visible" means the same everywhere, and each
runs as a fixed number of SQL queries however much content there is.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import PageQuerySet

LISTING_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "live",
    "content_type_id",
    "locale_id",
    "sapo",
    "published_at",
    "first_published_at",
    "featured_image",
    "section",
    "author_name",
    "source_name",
)


class ArticleQuerySet(PageQuerySet):
    def visible(self, now=None):
        """Published, not expired, and not dated in the future."""
        now = now or timezone.now()
        return (
            self.live()
            .filter(Q(published_at__isnull=True) | Q(published_at__lte=now))
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        )

    def for_listing(self):
        """Newest first, with only the columns a list needs and the image joined in."""
        return (
            self.order_by("-published_at", "-id")
            .only(*LISTING_FIELDS)
            .select_related("featured_image", "section")
            # One query for every card's thumbnail instead of one per card.
            .prefetch_related("featured_image__renditions")
        )


def other_news(article, count=None):
    """ "Tin khác": the newest other visible articles of the article's section."""
    from django.conf import settings

    from .models import ArticlePage

    count = count or settings.TOASOAN_NEWS["OTHER_NEWS_COUNT"]
    if article.section_id is None:
        return ArticlePage.objects.none()
    return list(
        ArticlePage.objects.visible()
        .filter(section_id=article.section_id)
        .exclude(pk=article.pk)
        .for_listing()[:count]
    )


def current_announcements(limit=None, now=None):
    """ "Thông báo": live announcements whose display period has not ended, pinned first."""
    from django.conf import settings

    from .models import AnnouncementPage

    now = now or timezone.now()
    queryset = (
        AnnouncementPage.objects.live()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(display_until__isnull=True) | Q(display_until__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .order_by("-pinned", "-first_published_at", "-id")
    )
    if limit is None:
        limit = settings.TOASOAN_NEWS["ANNOUNCEMENT_COUNT"]
    if limit:
        return list(queryset[:limit])
    return queryset


def home_blocks(home, options):
    """Featured, latest and one block per main section for the home page."""
    from .models import ArticlePage, SectionPage

    articles = ArticlePage.objects.visible().for_listing()
    featured = list(articles.filter(is_featured=True)[:3])
    if not featured:
        featured = list(articles[:1])
    featured_ids = [a.pk for a in featured]
    latest = list(articles.exclude(pk__in=featured_ids)[: options["HOME_LATEST_COUNT"]])
    sections = list(
        SectionPage.objects.child_of(home).live().filter(show_on_home=True).order_by("path")
    )
    blocks = []
    for section in sections:
        # One query per main section; the number of main sections is small and fixed by the
        # editors, not by the amount of content.
        items = list(
            articles.filter(section_id__in=section.section_ids())[: options["HOME_SECTION_COUNT"]]
        )
        if items:
            blocks.append((section, items))
    return {"featured": featured, "latest": latest, "section_blocks": blocks}
