"""RSS 2.0 feeds: the whole site at /rss/ and one per section at /rss/<section path>/.

Built on Django's syndication framework. Dates are given in Vietnam time (+0700), the sapo is
the description and the featured image travels as an enclosure.
"""

import mimetypes

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from toasoan.news.models import ArticlePage, SectionPage

from . import conf
from .links import SiteLinks

FEED_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "sapo",
    "author_name",
    "source_name",
    "published_at",
    "first_published_at",
    "last_published_at",
    "featured_image",
    "content_type_id",
)


class VietnameseRssFeed(Rss201rev2Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        # Most feed readers use this to know how often to come back.
        handler.addQuickElement("ttl", "15")


def section_for_path(links, section_path):
    """The live section at ``/<section_path>/`` on this site, or 404."""
    url_path = f"{links.root_url_path}{section_path.strip('/')}/"
    section = SectionPage.objects.live().exclude(links.private_q).filter(url_path=url_path).first()
    if section is None:
        raise Http404(_("Không có chuyên mục này."))
    return section


def feed_articles(links, section=None, limit=None):
    """The newest visible articles of the site (or of a section and its sub-sections)."""
    queryset = (
        ArticlePage.objects.visible()
        .exclude(links.private_q)
        .filter(section_id__in=links.section_ids)
    )
    if section is not None:
        queryset = queryset.filter(section_id__in=section.section_ids())
    return (
        queryset.order_by("-published_at", "-id")
        .only(*FEED_FIELDS)
        .select_related("featured_image")
        .prefetch_related("featured_image__renditions")[: limit or conf.get("FEED_ITEMS")]
    )


class ArticlesFeed(Feed):
    feed_type = VietnameseRssFeed
    language = "vi"

    def get_object(self, request, section_path=None):
        self.links = SiteLinks(request)
        if self.links.root is None:
            raise Http404(_("Chưa có trang chủ."))
        return section_for_path(self.links, section_path) if section_path else None

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/rss+xml; charset=utf-8"
        return response

    def _site_name(self):
        from toasoan.sitesettings.models import SiteIdentity

        return SiteIdentity.for_site(self.links.site).agency_name

    def title(self, obj):
        if obj is None:
            return self._site_name()
        return f"{obj.title} – {self._site_name()}"

    def description(self, obj):
        if obj is None:
            return _("Tin mới nhất của %(site)s") % {"site": self._site_name()}
        return obj.intro or _("Tin mới nhất chuyên mục %(section)s") % {"section": obj.title}

    def link(self, obj):
        return self.links.path(obj) if obj is not None else "/"

    def feed_url(self, obj):
        return self.links.request.path

    def items(self, obj):
        return feed_articles(self.links, obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers treat <description> as HTML; the sapo is plain text, so "<" stays text.
        return escape(item.sapo)

    def item_link(self, item):
        return self.links.path(item)

    def item_guid(self, item):
        return self.links.full_url(item)

    def item_author_name(self, item):
        return " - ".join(part for part in (item.author_name, item.source_name) if part) or None

    def item_pubdate(self, item):
        date = item.published_at or item.first_published_at
        return timezone.localtime(date) if date else None

    def item_updateddate(self, item):
        date = item.last_published_at
        return timezone.localtime(date) if date else None

    def item_enclosures(self, item):
        if item.featured_image is None:
            return []
        try:
            rendition = item.featured_image.get_rendition(conf.get("FEED_IMAGE_FILTER"))
            length = rendition.file.size
        except (OSError, ValueError):
            # A missing source file must not take the whole feed down.
            return []
        mime = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(self.links.absolute(rendition.url), str(length), mime)]
