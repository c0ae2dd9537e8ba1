"""Reader comments ("Ý kiến bạn đọc") on articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")
        SPAM = "spam", _("Thư rác")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trả lời cho"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("họ tên"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    body = models.TextField(_("nội dung"), max_length=3000)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    is_official = models.BooleanField(_("Ban biên tập trả lời"), default=False)
    created_at = models.DateTimeField(_("thời gian gửi"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status"], name="comments_page_status")]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"


def approved_count(page):
    """ "Tổng lượt bình luận": how many approved comments the page has."""
    return Comment.objects.approved().filter(page_id=page.pk).count()
