from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from .mixins import ViewRestrictionsMixin


class HomePage(ViewRestrictionsMixin, Page):
    """The front page: featured articles, the latest news, one block per main section."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.AnnouncementIndexPage", "news.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    @property
    def localized(self):
        # Routing asks the site's root page for its translation in the active language on
        # every request; the site lookup (news/middleware.py) found them with the site.
        by_language = getattr(self, "translations_by_language", None)
        if by_language is None:
            return super().localized
        return by_language.get(get_language(), self)

    def get_context(self, request, *args, **kwargs):
        from ..queries import current_announcements, home_blocks

        context = super().get_context(request, *args, **kwargs)
        context.update(home_blocks(self, settings.TOASOAN_NEWS))
        context["announcements"] = current_announcements()
        return context

    def route(self, request, path_components):
        # Articles (two or more path segments below the home page) are found in one indexed
        # query on (slug, url_path) instead of Wagtail's walk, which costs two queries per
        # level (the child, then its specific row). Anything else walks as usual.
        # The comment count comes with it (article_route.article_at), one query less.
        if len(path_components) >= 2:
            from ..article_route import article_at

            page = article_at(self, path_components)
            if page is not None:
                if not page.live:
                    raise Http404
                return RouteResult(page)
        return super().route(request, path_components)
