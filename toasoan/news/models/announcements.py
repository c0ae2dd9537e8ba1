from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class AnnouncementIndexPage(Page):
    """The "Thông báo" list: every current announcement, pinned first."""

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.AnnouncementPage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh sách thông báo")
        verbose_name_plural = _("danh sách thông báo")

    def get_context(self, request, *args, **kwargs):
        from ..queries import current_announcements
        from .sections import paginate

        context = super().get_context(request, *args, **kwargs)
        context["announcements_page"] = paginate(request, current_announcements(limit=None))
        return context


class AnnouncementPage(Page):
    """An announcement ("thông báo"), optionally pinned and with an expiry."""

    body = RichTextField(_("nội dung"), blank=True)
    pinned = models.BooleanField(
        _("ghim lên đầu"), default=False, help_text=_("Luôn hiện ở đầu khối Thông báo.")
    )
    # Wagtail's own expire_at (in the "Lên lịch" panel) unpublishes the page; this date only
    # hides it from lists, so an announcement can stay readable by direct link.
    display_until = models.DateTimeField(_("hiện trong danh sách đến"), null=True, blank=True)

    parent_page_types = ["news.AnnouncementIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("pinned"), FieldPanel("display_until")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-pinned", "-first_published_at"]

    def serve(self, request, *args, **kwargs):
        if self.expire_at and self.expire_at <= timezone.now():
            raise Http404
        return super().serve(request, *args, **kwargs)
