"""Questions from citizens and companies, and the agency's official answers.

What the asker sent (``received_*``) is kept untouched; staff edit ``title`` and ``body``
for publication separately. The answer moves through an explicit state machine
(``workflow.py``): assigned → drafted by a "Cán bộ trả lời" of the department → checked by an
editor → approved by a leader → published.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toasoan.vi.text import search_key

# Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code():
    return "HD-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def private_storage():
    """Attachments are the asker's private papers: stored outside MEDIA_ROOT, downloaded only
    through the admin (``TOASOAN_PRIVATE_MEDIA_ROOT``, default: MEDIA_ROOT + "-private")."""
    root = getattr(settings, "TOASOAN_PRIVATE_MEDIA_ROOT", None)
    if root is None:
        media = Path(settings.MEDIA_ROOT)
        root = media.with_name(media.name + "-private")
    return FileSystemStorage(location=root, base_url=None)


class Department(models.Model):
    name = models.CharField(_("tên đơn vị"), max_length=255, unique=True)
    email = models.EmailField(_("email nhận thông báo"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="answer_departments",
        verbose_name=_("cán bộ trả lời"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đơn vị trả lời")
        verbose_name_plural = _("đơn vị trả lời")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Field(models.Model):
    """Lĩnh vực: what a question is about (investment, labour, environment…)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    default_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("đơn vị trả lời mặc định"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def open(self):
        return self.exclude(status__in=[Question.Status.PUBLISHED, Question.Status.CLOSED])

    def visible_to(self, user):
        """Everything for managers; only their departments' questions for answerers."""
        if user.is_superuser or user.has_perm("questions.manage_questions"):
            return self
        if user.has_perm("questions.review_answer") or user.has_perm("questions.approve_answer"):
            return self.exclude(status=Question.Status.NEW)
        return self.filter(department__members=user)


class Question(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Mới nhận")
        ASSIGNED = "assigned", _("Đã phân công, đang soạn trả lời")
        REVIEW = "review", _("Chờ biên tập duyệt")
        APPROVAL = "approval", _("Chờ lãnh đạo phê duyệt")
        PUBLISHED = "published", _("Đã trả lời")
        CLOSED = "closed", _("Không đăng")

    tracking_code = models.CharField(
        _("mã tra cứu"), max_length=16, unique=True, default=new_tracking_code, editable=False
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="questions", verbose_name=_("lĩnh vực")
    )
    # What was received, kept as sent.
    asker_name = models.CharField(_("họ tên người hỏi"), max_length=100)
    asker_email = models.EmailField(_("email người hỏi"))
    asker_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    asker_organisation = models.CharField(_("cơ quan, doanh nghiệp"), max_length=255, blank=True)
    received_title = models.CharField(_("tiêu đề nhận được"), max_length=255)
    received_body = models.TextField(_("nội dung nhận được"))
    attachment = models.FileField(
        _("tệp đính kèm"), upload_to="hoi-dap/%Y/%m/", storage=private_storage, blank=True
    )
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    # What is published, edited by staff.
    title = models.CharField(_("tiêu đề đăng"), max_length=255)
    body = models.TextField(_("nội dung câu hỏi đăng"))
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("đơn vị trả lời"),
    )
    assigned_at = models.DateTimeField(_("ngày phân công"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người soạn"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )
    published_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, db_index=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["-created_at"]
        permissions = [
            ("manage_questions", _("Tiếp nhận, phân công mọi câu hỏi")),
            ("answer_question", _("Soạn câu trả lời cho đơn vị mình")),
            ("review_answer", _("Biên tập câu trả lời")),
            ("approve_answer", _("Phê duyệt và đăng câu trả lời")),
        ]

    def __str__(self):
        return f"{self.tracking_code}: {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.title}\n{self.body}\n{self.answer}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status not in (self.Status.PUBLISHED, self.Status.CLOSED)


class QuestionEvent(models.Model):
    """The history of a question: who moved it, when, with which note."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=40)
    note = models.TextField(_("ghi chú"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.question_id}: {self.action}"
