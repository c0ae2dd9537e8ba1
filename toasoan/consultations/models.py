"""Consultation on draft regulations (góp ý dự thảo): the draft, its articles, comments."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from toasoan.vi.slugs import unique_slug, vietnamese_slugify

from . import drafts


def _docx_only(uploaded):
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    if head != b"PK\x03\x04":
        raise ValidationError(_("Tệp không phải là tệp Word .docx thật."), code="content")


class Phase(models.TextChoices):
    UPCOMING = "sap-mo", _("Sắp lấy ý kiến")
    OPEN = "dang-lay-y-kien", _("Đang lấy ý kiến")
    CLOSED = "da-ket-thuc", _("Đã kết thúc")


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)

    def in_phase(self, phase, now=None):
        now = now or timezone.now()
        if phase == Phase.UPCOMING:
            return self.filter(opens__gt=now)
        if phase == Phase.CLOSED:
            return self.filter(closes__lte=now)
        return self.filter(opens__lte=now, closes__gt=now)


class Consultation(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    title = models.CharField(_("tên dự thảo"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    drafting_body = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=200, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    audience = models.CharField(
        _("đối tượng lấy ý kiến"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: doanh nghiệp trong các khu chế xuất, khu công nghiệp."),
    )
    opens = models.DateTimeField(_("bắt đầu lấy ý kiến"))
    closes = models.DateTimeField(_("hết hạn lấy ý kiến"))
    comments_public = models.BooleanField(
        _("công khai ý kiến đã duyệt"),
        default=False,
        help_text=_("Khi bật, các ý kiến đã được duyệt hiển thị dưới từng điều của dự thảo."),
    )
    source_docx = models.FileField(
        _("tệp dự thảo (.docx)"),
        upload_to="du-thao/",
        blank=True,
        validators=[FileExtensionValidator(["docx"]), _docx_only],
        help_text=_("Khi tải tệp lên, nội dung dự thảo bên dưới được lấy từ tệp."),
    )
    text = models.TextField(
        _("nội dung dự thảo"),
        blank=True,
        help_text=_("Mỗi điều bắt đầu bằng một dòng “Điều 1. Tên điều”; khoản đánh số “1.”, “2.”."),
    )
    preamble = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()
    search_fields = [index.SearchField("title"), index.FilterField("live")]

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")
        ordering = ["-opens"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _unique_slug(self.title)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.sync_articles()

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug])

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Hạn góp ý phải sau thời điểm bắt đầu.")})
        if self.source_docx and not getattr(self.source_docx, "_committed", True):
            try:
                self.text = drafts.docx_text(self.source_docx)
            except Exception as error:  # noqa: BLE001 - any unreadable file is the editor's
                raise ValidationError(
                    {"source_docx": _("Không đọc được tệp Word này; hãy lưu lại dạng .docx.")}
                ) from error
        if self.text and not drafts.split_articles(self.text)[1]:
            raise ValidationError(
                {"text": _("Không tìm thấy điều nào: mỗi điều cần một dòng “Điều 1. …”.")}
            )

    def phase(self, now=None):
        now = now or timezone.now()
        if now < self.opens:
            return Phase.UPCOMING
        if now >= self.closes:
            return Phase.CLOSED
        return Phase.OPEN

    @property
    def is_open(self):
        return self.phase() == Phase.OPEN

    def phase_label(self):
        return Phase(self.phase()).label

    def sync_articles(self):
        """Articles follow the text; an article that has comments is never deleted."""
        preamble, parsed = drafts.split_articles(self.text)
        if self.preamble != preamble:
            self.preamble = preamble
            type(self).objects.filter(pk=self.pk).update(preamble=preamble)
        existing = {a.number: a for a in self.articles.all()}
        seen = set()
        for order, item in enumerate(parsed):
            if item.number in seen:
                continue
            seen.add(item.number)
            article = existing.get(item.number) or DraftArticle(
                consultation=self, number=item.number
            )
            article.heading, article.body = item.heading[:300], item.body
            article.chapter, article.sort_order = item.chapter[:300], order
            article.save()
        for number, article in existing.items():
            if number in seen:
                continue
            if article.comments.exists():
                # Gone from the text but commented on: kept (the summary table needs it), last.
                DraftArticle.objects.filter(pk=article.pk).update(sort_order=1000 + number)
            else:
                article.delete()


def _unique_slug(title):
    return unique_slug(Consultation.objects.all(), (vietnamese_slugify(title) or "du-thao")[:100])


class DraftArticle(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveSmallIntegerField(_("điều"))
    heading = models.CharField(_("tên điều"), max_length=300, blank=True)
    chapter = models.CharField(_("chương"), max_length=300, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("điều của dự thảo")
        verbose_name_plural = _("điều của dự thảo")
        ordering = ["sort_order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultations_article_unique"
            )
        ]

    def __str__(self):
        label = _("Điều %(number)s") % {"number": self.number}
        return f"{label}. {self.heading}" if self.heading else str(label)

    @property
    def anchor(self):
        return f"dieu-{self.number}"

    def clauses(self):
        return drafts.clauses(self.body)


class ConsultationComment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")

    class Kind(models.TextChoices):
        PERSON = "person", _("Cá nhân")
        ORGANISATION = "organisation", _("Tổ chức")

    class Response(models.TextChoices):
        ACCEPTED = "tiep-thu", _("Tiếp thu")
        EXPLAINED = "giai-trinh", _("Giải trình")
        NOTED = "ghi-nhan", _("Ghi nhận")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("dự thảo"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    article = models.ForeignKey(
        DraftArticle,
        verbose_name=_("điều góp ý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("Để trống khi góp ý chung cho toàn bộ dự thảo."),
    )
    clause = models.PositiveSmallIntegerField(
        _("khoản góp ý"),
        null=True,
        blank=True,
        help_text=_("Số khoản trong điều; để trống khi góp ý cho cả điều."),
    )
    kind = models.CharField(_("người góp ý là"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("họ tên"), max_length=100)
    organisation = models.CharField(_("tổ chức"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    body = models.TextField(_("nội dung góp ý"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    response_kind = models.CharField(
        _("hình thức xử lý"), max_length=20, choices=Response.choices, blank=True
    )
    response = models.TextField(_("ý kiến tiếp thu, giải trình"), blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("ý kiến góp ý dự thảo")
        verbose_name_plural = _("ý kiến góp ý dự thảo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at", "ip_hash"], name="consult_comment_rate")]

    def __str__(self):
        return f"{self.commenter} – {self.body[:60]}"

    @property
    def commenter(self):
        if self.kind == self.Kind.ORGANISATION and self.organisation:
            return f"{self.organisation} ({self.name})"
        return self.name

    @property
    def target_label(self):
        if not self.article_id:
            return str(_("Toàn bộ dự thảo"))
        if self.clause:
            return _("%(article)s, khoản %(clause)d") % {
                "article": self.article,
                "clause": self.clause,
            }
        return str(self.article)
