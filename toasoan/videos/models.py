"""The video library: uploaded videos (served with HTTP ranges) and YouTube links."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from toasoan.news.blocks import youtube_embed_url
from toasoan.vi.slugs import unique_slug, vietnamese_slugify

from .validators import validate_captions_file, validate_video_file


class VideoQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)


class Video(models.Model):
    title = models.CharField(_("tên video"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True, blank=True)
    date = models.DateField(_("ngày"), default=timezone.localdate)
    description = models.TextField(_("mô tả"), blank=True)
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(
        _("tệp video (MP4/WebM)"),
        upload_to="videos/",
        blank=True,
        validators=[validate_video_file],
    )
    youtube_url = models.URLField(
        _("hoặc địa chỉ YouTube"),
        blank=True,
        help_text=_("Trình duyệt của người đọc chỉ tải từ YouTube khi họ bấm xem."),
    )
    poster = models.ForeignKey(
        "core.NewsImage",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Không có ảnh đại diện: trang video hiện ảnh thay thế chung."),
    )
    captions = models.FileField(
        _("phụ đề (WebVTT)"),
        upload_to="videos/captions/",
        blank=True,
        validators=[validate_captions_file],
    )
    captions_language = models.CharField(_("ngôn ngữ phụ đề"), max_length=10, default="vi")
    live = models.BooleanField(_("công khai"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VideoQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("slug"), FieldPanel("date")], heading=_("Video")
        ),
        FieldPanel("description"),
        FieldPanel("section"),
        FieldPanel("file"),
        FieldPanel("youtube_url"),
        FieldPanel("poster"),
        MultiFieldPanel(
            [FieldPanel("captions"), FieldPanel("captions_language")], heading=_("Phụ đề")
        ),
        FieldPanel("live"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("video")
        verbose_name_plural = _("video")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = vietnamese_slugify(self.title, max_length=200) or "video"
            self.slug = unique_slug(Video.objects.exclude(pk=self.pk), base)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("videos:video", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not self.file and not self.youtube_url:
            raise ValidationError(_("Hãy tải lên một tệp video hoặc nhập địa chỉ YouTube."))
        if self.youtube_url and not youtube_embed_url(self.youtube_url):
            raise ValidationError({"youtube_url": _("Địa chỉ này không phải là video YouTube.")})

    @property
    def embed_url(self):
        return youtube_embed_url(self.youtube_url) if self.youtube_url else ""

    @property
    def mime_type(self):
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"
