from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .mixins import ViewRestrictionsMixin


class SectionPage(ViewRestrictionsMixin, Page):
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
        """This section and every sub-section below it (from the cached section tree)."""
        from ..queries import section_tree

        tree = section_tree()
        if self.pk in tree.by_id and tree.by_id[self.pk].path == self.path:
            return tree.ids_below(self)
        return list(
            SectionPage.objects.descendant_of(self, inclusive=True).values_list("id", flat=True)
        )

    def articles(self, section_ids=None):
        from .articles import ArticlePage

        ids = self.section_ids() if section_ids is None else section_ids
        return ArticlePage.objects.visible(any_locale=True).filter(section_id__in=ids)

    def subsections(self):
        """Live children shown in menus (sub-sections, normally), cached per generation."""
        from .. import fragments

        def compute():
            return list(self.get_children().live().in_menu().specific()), None

        return fragments.cached(f"subsections:{self.pk}", compute, site_wide=False)

    def get_template(self, request, *args, **kwargs):
        from ..translations import is_english_request

        if is_english_request():
            # An English section (under /en/): English chrome, no Vietnamese-only blocks.
            return "news/section_page_en.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..queries import current_announcements, visible_count

        context = super().get_context(request, *args, **kwargs)
        ids = self.section_ids()
        # The count comes from the generation cache (fragments.py): counting every article
        # of a big section on each request is what made this page grow with the site.
        context["articles_page"] = paginate(
            request, self.articles(ids).for_listing(), count=visible_count(ids)
        )
        context["subsections"] = self.subsections()
        context["announcements"] = current_announcements()
        return context


class _CountedPaginator(Paginator):
    """A Paginator told its count instead of running COUNT(*)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def paginate(request, queryset, per_page=None, count=None):
    """Return a page of results; a bad or out-of-range ?page= gives the first/last page.

    ``count``, when known, saves the COUNT(*) query.
    """
    per_page = per_page or settings.TOASOAN_NEWS["SECTION_PAGE_SIZE"]
    if count is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = _CountedPaginator(queryset, per_page, count)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
