"""Photo albums: event photos with caption, credit and required alt text, in editor order."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from toasoan.vi.slugs import unique_slug, vietnamese_slugify


class AlbumQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class Album(index.Indexed, ClusterableModel):
    title = models.CharField(_("tên album"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"), max_length=255, unique=True, blank=True, allow_unicode=False
    )
    date = models.DateField(_("ngày"), default=timezone.localdate)
    event = models.CharField(_("sự kiện"), max_length=255, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    live = models.BooleanField(_("công khai"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlbumQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("slug"), FieldPanel("date"), FieldPanel("event")],
            heading=_("Album"),
        ),
        FieldPanel("description"),
        FieldPanel("section"),
        FieldPanel("live"),
        InlinePanel("photos", label=_("Ảnh (kéo để sắp xếp)"), heading=_("Ảnh trong album")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("event"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("album ảnh")
        verbose_name_plural = _("album ảnh")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = vietnamese_slugify(self.title, max_length=200) or "album"
            self.slug = unique_slug(Album.objects.exclude(pk=self.pk), base)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("photos:album", kwargs={"slug": self.slug})

    @property
    def cover(self):
        first = self.photos.select_related("image").first()
        return first.image if first else None


class AlbumPhoto(Orderable):
    album = ParentalKey(Album, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "core.NewsImage", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("văn bản thay thế"),
        max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị (bắt buộc)."),
    )
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    credit = models.CharField(_("tác giả / nguồn ảnh"), max_length=255, blank=True)

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldPanel("credit"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ảnh trong album")
        verbose_name_plural = _("ảnh trong album")

    def __str__(self):
        return self.caption or self.alt_text
