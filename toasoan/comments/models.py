"""Reader comments ("Ý kiến bạn đọc") on articles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .conf import comments_setting


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
    notify_on_reply = models.BooleanField(_("báo qua email khi có trả lời"), default=False)
    # HMAC of the client IP (never the IP itself); erased after IP_RETENTION_DAYS.
    ip_hash = models.CharField(_("mã IP"), max_length=64, blank=True, editable=False)
    # Hash of the normalised text: duplicate detection without a full-text comparison.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    held_reason = models.CharField(_("lý do giữ lại"), max_length=255, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("biên tập viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("thời gian duyệt"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()
    # A comment's only reference is its page; indexing it would cost four queries a post.
    wagtail_reference_index_ignore = True

    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("body"),
        FieldPanel("notify_on_reply"),
    ]

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["page", "status"], name="comments_page_status"),
            models.Index(fields=["status", "-created_at"], name="comments_status_created"),
            models.Index(fields=["ip_hash", "created_at"], name="comments_ip_created"),
            models.Index(fields=["email", "created_at"], name="comments_email_created"),
            models.Index(fields=["page", "fingerprint"], name="comments_page_fingerprint"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"

    @property
    def display_name(self):
        return comments_setting("OFFICIAL_NAME") if self.is_official else self.name

    def _excerpt(self):
        text = " ".join(self.body.split())
        return text if len(text) <= 120 else text[:119] + "…"

    _excerpt.short_description = _("Nội dung")
    excerpt = property(_excerpt)


def approved_count(page):
    """ "Tổng lượt bình luận": how many approved comments the page has."""
    return Comment.objects.approved().filter(page_id=page.pk).count()


def _default_held_words():
    from .moderation import shipped_held_words

    return "\n".join(shipped_held_words())


@register_setting(icon="comment")
class CommentModerationSettings(BaseGenericSetting):
    """Rules that decide whether a new comment is published at once or held for review."""

    auto_approve_after = models.PositiveSmallIntegerField(
        _("tự duyệt sau số bình luận đã duyệt"),
        default=3,
        help_text=_(
            "Bạn đọc (theo email) đã có ít nhất chừng này bình luận được duyệt thì bình luận "
            "mới được đăng ngay. 0 = luôn chờ duyệt."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("số liên kết tối đa"),
        default=2,
        help_text=_("Bình luận có nhiều liên kết hơn số này luôn bị giữ lại để duyệt."),
    )
    held_words = models.TextField(
        _("từ ngữ cần giữ lại"),
        blank=True,
        default=_default_held_words,
        help_text=_(
            "Mỗi dòng một từ hoặc cụm từ; không phân biệt hoa thường, khớp nguyên từ (giữ "
            "nguyên dấu). Bình luận chứa một trong các từ này luôn chờ duyệt."
        ),
    )

    panels = [FieldPanel("auto_approve_after"), FieldPanel("max_links"), FieldPanel("held_words")]

    class Meta:
        verbose_name = _("quy tắc duyệt bình luận")
        verbose_name_plural = _("quy tắc duyệt bình luận")


class CommenterEmail(models.Model):
    """An address a reader has proved to own by following the link mailed to it.

    Only a proved address gets reply notifications, and trust ("đăng ngay") needs the proof
    in the poster's own browser as well (verification.py): an address typed into the form
    proves nothing, anyone can type a regular commenter's address (issue #23).
    """

    email = models.EmailField(_("email"), max_length=254, primary_key=True)
    verified_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    # The last confirmation mail: at most one per CONFIRMATION_INTERVAL, so the form cannot
    # be used to flood somebody else's mailbox.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("email bạn đọc")
        verbose_name_plural = _("email bạn đọc")

    def __str__(self):
        return self.email
