import json

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from ..blocks import ArticleBodyBlock
from ..queries import ArticleQuerySet
from ..translations import is_english_request, translation_urls
from .mixins import ViewRestrictionsMixin


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(ViewRestrictionsMixin, Page):
    """A news article ("bài viết"): title, sapo, body and the byline "Author - Source"."""

    sapo = models.TextField(
        _("sapo"), blank=True, help_text=_("Đoạn dẫn in đậm dưới tiêu đề, 1–3 câu.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)
    author_name = models.CharField(
        _("tác giả"), max_length=255, blank=True, help_text=_("Ví dụ: Huyền Thanh.")
    )
    source_name = models.CharField(
        _("nguồn"),
        max_length=255,
        blank=True,
        help_text=_("Đơn vị đưa tin, ví dụ: PBN. In sau tên tác giả: “Huyền Thanh - PBN”."),
    )
    published_at = models.DateTimeField(
        _("thời gian đăng"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Để trống để dùng thời điểm xuất bản đầu tiên."),
    )
    featured_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("thẻ"))
    is_featured = models.BooleanField(
        _("tin nổi bật"), default=False, help_text=_("Hiện ở vị trí tiêu điểm trên trang chủ.")
    )
    comments_enabled = models.BooleanField(
        _("cho phép bình luận"),
        default=True,
        help_text=_("Tắt để ẩn biểu mẫu ý kiến bạn đọc của bài này."),
    )
    # Denormalised parent section: list pages filter on an indexed column instead of a
    # tree-path LIKE, which keeps section pages fast at 100,000 articles.
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="section_articles",
    )
    # The id an article had in the system it was imported from (see the legacy app).
    external_id = models.CharField(
        _("mã bài gốc"), max_length=255, null=True, blank=True, unique=True, editable=False
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("sapo"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author_name"), FieldPanel("source_name")], heading=_("Tác giả")
        ),
        FieldPanel("tags"),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("is_featured"),
        FieldPanel("published_at"),
        FieldPanel("comments_enabled"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("sapo"),
        index.SearchField("body"),
        index.SearchField("author_name"),
        index.FilterField("published_at"),
        index.FilterField("section"),
    ]

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [
            # "Tin khác", section pages and home blocks: one section, newest first, ties by id.
            models.Index(
                fields=["section", "-published_at", "-page_ptr"], name="news_article_sec_pub_id"
            ),
            # "Tin mới" on the home page.
            models.Index(fields=["-published_at", "-page_ptr"], name="news_article_pub_id"),
            # "Tiêu điểm": the featured few, without walking every article to find them.
            models.Index(
                fields=["-published_at", "-page_ptr"],
                condition=models.Q(is_featured=True),
                name="news_article_featured",
            ),
        ]

    @property
    def byline(self):
        """ "Huyền Thanh - PBN", or whichever of the two is set."""
        return " - ".join(part for part in (self.author_name, self.source_name) if part)

    @property
    def tag_names(self):
        """The tags' names, in the order they were added. The article route reads them in
        its own query (``article_route.with_tag_names``); otherwise (previews, other callers) from
        the tags themselves, which in a preview may be unsaved."""
        stored = getattr(self, "tag_names_json", None)
        if stored is not None:
            return json.loads(stored)
        return [tag.name for tag in self.tags.all()]

    @property
    def display_date(self):
        return self.published_at or self.first_published_at or self.latest_revision_created_at

    def is_visible_now(self, now=None):
        now = now or timezone.now()
        if self.published_at and self.published_at > now:
            return False
        return not (self.expire_at and self.expire_at <= now)

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.section_id = parent.id if parent.specific_class.__name__ == "SectionPage" else None
        if self.live and not self.published_at:
            self.published_at = self.first_published_at or timezone.now()
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        # live() alone lets a page through between its expiry and the scheduler's next run,
        # and an imported article may carry a future date: readers see neither.
        if not self.is_visible_now():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..queries import current_announcements, other_news, section_tree

        context = super().get_context(request, *args, **kwargs)
        # {{ page.full_url }} asks Wagtail for the site root paths without the request (one
        # cache round trip); the request already holds them (news/middleware.py).
        root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
        if root_paths is not None:
            self._wagtail_cached_site_root_paths = root_paths
        if self.section_id is not None and not ArticlePage.section.is_cached(self):
            # The breadcrumb's section from the cached section tree, not one more query.
            section = section_tree().get(self.section_id)
            if section is not None:
                ArticlePage.section.field.set_cached_value(self, section)
        context["other_news"] = other_news(self)
        # The language switcher and hreflang links (english_tags): the live translations came
        # with the route's query (news/translations.py).
        context["alternates"] = translation_urls(self)
        if is_english_request():
            # The English page: its own template, no Vietnamese-only blocks (comments, polls,
            # "Thông báo"), English dates.
            return context
        context["announcements"] = current_announcements()
        return context

    def get_template(self, request, *args, **kwargs):
        if is_english_request():
            return "news/article_page_en.html"
        return super().get_template(request, *args, **kwargs)
