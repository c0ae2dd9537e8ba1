"""What the importer remembers about every article it brought in from an old system."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One imported article: where it came from, what it looked like, which page it became.

    ``key`` makes re-imports idempotent: the old system's id when it had one
    ("jsonl:baomoi-123", "wxr:<guid>"), else the source file's path, else a hash of the content.
    ``old_url`` (a path, with its query string when it had one) is answered with a permanent
    redirect to the page, or with 410 Gone once the page has been deleted.
    """

    key = models.CharField(_("khóa nhập"), max_length=512, unique=True)
    source_format = models.CharField(_("định dạng"), max_length=16)
    source_path = models.CharField(_("tệp nguồn"), max_length=1024, blank=True)
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64, db_index=True)
    page = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_url = models.CharField(_("địa chỉ cũ"), max_length=1024, blank=True, db_index=True)
    imported_at = models.DateTimeField(_("thời gian nhập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bản ghi nhập dữ liệu")
        verbose_name_plural = _("bản ghi nhập dữ liệu")

    def __str__(self):
        return self.key
