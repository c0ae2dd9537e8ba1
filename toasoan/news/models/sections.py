from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SectionPage(Page):
    """A section ("chuyên mục") that holds articles and sub-sections."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    comments_enabled = models.BooleanField(
        _("cho phép bình luận"),
        default=True,
        help_text=_("Tắt để ẩn bình luận của mọi bài trong chuyên mục này."),
    )
    show_on_home = models.BooleanField(
        _("hiện trên trang chủ"), default=True, help_text=_("Một khối tin mới trên trang chủ.")
    )

    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + [
        FieldPanel("show_on_home"),
        FieldPanel("comments_enabled"),
    ]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def section_ids(self):
        """This section and every sub-section below it (one indexed query)."""
        ids = list(
            SectionPage.objects.descendant_of(self, inclusive=True).values_list("id", flat=True)
        )
        return ids

    def articles(self):
        from .articles import ArticlePage

        return ArticlePage.objects.visible().filter(section_id__in=self.section_ids())

    def get_context(self, request, *args, **kwargs):
        from ..queries import current_announcements

        context = super().get_context(request, *args, **kwargs)
        context["articles_page"] = paginate(request, self.articles().for_listing())
        context["subsections"] = self.get_children().live().in_menu().specific()
        context["announcements"] = current_announcements()
        return context


def paginate(request, queryset, per_page=None):
    """Return a page of results; a bad or out-of-range ?page= gives the first/last page."""
    per_page = per_page or settings.TOASOAN_NEWS["SECTION_PAGE_SIZE"]
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
