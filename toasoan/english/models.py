"""Selected news in English: an editor writes the English version of a few articles; each
may point to its Vietnamese original, which the language switcher and hreflang then use."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField


class EnglishArticleQuerySet(models.QuerySet):
    def published(self):
        # No future publication: the full-page cache is retired by saves, not by the clock,
        # so an item dated ahead would appear only at the next unrelated change.
        return self.filter(live=True)


class EnglishArticle(models.Model):
    title = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    summary = models.TextField(_("tóm tắt (tiếng Anh)"), blank=True)
    body = RichTextField(_("nội dung (tiếng Anh)"))
    original = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bài gốc tiếng Việt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("ngày đăng"), default=timezone.now)
    live = models.BooleanField(_("đăng trên trang tiếng Anh"), default=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = EnglishArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("tin tiếng Anh")
        verbose_name_plural = _("tin tiếng Anh")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("english:article", args=[self.slug])

    def original_url(self):
        """The Vietnamese original's URL while it is live, else None."""
        page = self.original
        if page is None or not page.live:
            return None
        return page.url
