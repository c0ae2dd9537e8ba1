from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class HomePage(Page):
    """The front page: featured articles, the latest news, one block per main section."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.AnnouncementIndexPage", "news.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from ..queries import current_announcements, home_blocks

        context = super().get_context(request, *args, **kwargs)
        context.update(home_blocks(self, settings.TOASOAN_NEWS))
        context["announcements"] = current_announcements()
        return context
