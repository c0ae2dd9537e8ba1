"""Legal and administrative documents (văn bản): types, issuing bodies, fields, the
documents themselves with their attachments and their relations to other documents."""

import datetime as dt
import os

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from toasoan.search.text import index_terms
from toasoan.search.text import key as search_key_tokens
from toasoan.vi.slugs import vietnamese_slugify as slugify_vi

from . import numbers
from .uploads import CONTENT_TYPES, SIGNATURES, check_attachment, extension


class _Named(models.Model):
    name = models.CharField(_("tên"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _unique_slug(type(self), self.name)
        super().save(*args, **kwargs)


def _unique_slug(model, name):
    base = (slugify_vi(name) or "muc")[:70]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class DocumentType(_Named):
    code = models.CharField(
        _("ký hiệu"),
        max_length=20,
        blank=True,
        help_text=_("Ký hiệu loại văn bản trong số hiệu, ví dụ NĐ, QĐ, TB; để trống nếu không có."),
    )

    class Meta(_Named.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class IssuingBody(_Named):
    code = models.CharField(
        _("ký hiệu"),
        max_length=40,
        blank=True,
        help_text=_("Ký hiệu cơ quan trong số hiệu, ví dụ CP, UBND, BQL."),
    )

    class Meta(_Named.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class DocumentField(_Named):
    class Meta(_Named.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


class Status(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")


class DocumentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)

    def with_replaced(self, today=None):
        """Annotate ``is_replaced``: a live document replacing this one is in force."""
        today = today or timezone.localdate()
        replacing = DocumentRelation.objects.filter(
            target=OuterRef("pk"), kind=DocumentRelation.Kind.REPLACES, source__live=True
        ).filter(
            Q(source__effective__lte=today)
            | Q(source__effective__isnull=True, source__issued__lte=today)
        )
        return self.annotate(is_replaced=Exists(replacing))

    def with_status(self, status, today=None):
        today = today or timezone.localdate()
        qs = self.with_replaced(today)
        expired = Q(expiry__lte=today) | Q(is_replaced=True)
        if status == Status.EXPIRED:
            return qs.filter(expired)
        if status == Status.NOT_YET:
            return qs.filter(effective__gt=today).exclude(expired)
        return qs.exclude(expired).exclude(effective__gt=today)


def mark_replaced(documents, today=None):
    """Give each of ``documents`` (a page of a list) its ``is_replaced`` in one query, so
    ``status`` on each costs none (it would otherwise ask once per document and call)."""
    documents = [d for d in documents if getattr(d, "is_replaced", None) is None]
    if not documents:
        return
    replaced = set(
        Document.objects.with_replaced(today)
        .filter(pk__in=[d.pk for d in documents], is_replaced=True)
        .values_list("pk", flat=True)
    )
    for document in documents:
        document.is_replaced = document.pk in replaced


class Document(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    number = models.CharField(
        _("số, ký hiệu"),
        max_length=100,
        help_text=_("Ví dụ: 42/2022/NĐ-CP, 1234/QĐ-UBND, 567/BQL-VP."),
    )
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        IssuingBody, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    issued = models.DateField(_("ngày ban hành"))
    effective = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    abstract = models.TextField(_("trích yếu"))
    fields = ParentalManyToManyField(
        DocumentField, verbose_name=_("lĩnh vực"), blank=True, related_name="documents"
    )
    external_id = models.CharField(
        _("mã nhập khẩu"), max_length=100, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Search index, rebuilt by refresh_index() on every save (see search.py).
    num_number = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    num_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    num_type = models.CharField(max_length=20, blank=True, editable=False)
    num_codes = models.CharField(max_length=200, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()
    search_fields = [
        index.SearchField("number"),
        index.SearchField("abstract"),
        index.AutocompleteField("number"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued", "-pk"]
        indexes = [
            # Read backwards: newest first with the id tie-break and no sort, stopping after
            # a page. No "live" prefix: SQLite filters a boolean as "WHERE live", which an
            # index prefix cannot serve; nearly every document is live anyway.
            models.Index(fields=["issued", "id"], name="documents_issued_id"),
            models.Index(fields=["effective", "issued", "id"], name="documents_effective"),
            models.Index(fields=["num_number", "num_year"], name="documents_number_year"),
            # A lone "2022" is the number or the year: OR of the two indexes, never a scan.
            models.Index(fields=["num_year"], name="documents_year"),
        ]

    def __str__(self):
        return f"{self.number} – {self.abstract[:80]}"

    def save(self, *args, **kwargs):
        for name, value in self.index_values().items():
            setattr(self, name, value)
        super().save(*args, **kwargs)
        # Attachments are saved after the document (ClusterableModel): index their text now.
        self.refresh_index()

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    def status_on(self, today=None):
        today = today or timezone.localdate()
        if self.expiry and self.expiry <= today:
            return Status.EXPIRED
        replaced = getattr(self, "is_replaced", None)
        if replaced is None:
            replaced = type(self).objects.with_replaced(today).filter(pk=self.pk, is_replaced=True)
            replaced = replaced.exists()
        if replaced:
            return Status.EXPIRED
        if self.effective and self.effective > today:
            return Status.NOT_YET
        return Status.IN_FORCE

    @property
    def status(self):
        return self.status_on()

    @property
    def status_label(self):
        return Status(self.status).label

    def outgoing(self):
        return self.relations.filter(target__live=True).select_related("target")

    def incoming(self):
        return DocumentRelation.objects.filter(target=self, source__live=True).select_related(
            "source"
        )

    def index_values(self):
        """The search columns for this document (without saving them)."""
        parts = numbers.parse_symbol(self.number)
        type_code = parts.type_code or numbers.type_code_for(self.doc_type)
        codes = list(parts.issuer_codes)
        codes.extend(search_key_tokens(self.issuer.code).split())
        texts = [
            self.number,
            self.doc_type.name,
            self.issuer.name,
            self.issuer.code,
            self.signer,
            self.abstract,
        ]
        if self.pk:
            texts.extend(self.attachments.values_list("text", flat=True))
        return {
            "num_number": parts.number,
            "num_year": parts.year or (self.issued.year if self.issued else None),
            "num_type": type_code,
            "num_codes": " " + " ".join(dict.fromkeys(codes)) + " ",
            "search_text": " " + search_key_tokens(" ".join(t for t in texts if t)) + " ",
        }

    def refresh_index(self):
        values = self.index_values()
        for name, value in values.items():
            setattr(self, name, value)
        if self.pk:
            type(self).objects.filter(pk=self.pk).update(**values)
            DocumentTerm.replace_for([self])


class DocumentTerm(models.Model):
    """One distinct index term of a document's ``search_text``: a folded word or a pair of
    adjacent words (``toasoan.search.text.index_terms``, the article index's terms). Word
    search starts from it (search.py), so a rare word or phrase reads its few documents
    instead of scanning every ``search_text``. Rewritten with the text by ``refresh_index``."""

    MAX_LENGTH = 64  # longer tokens are not indexed; search checks them in the text alone

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=MAX_LENGTH)

    class Meta:
        verbose_name = _("từ trong chỉ mục văn bản")
        verbose_name_plural = _("chỉ mục văn bản")
        constraints = [
            models.UniqueConstraint(fields=["term", "document"], name="documents_term_unique")
        ]

    def __str__(self):
        return self.term

    @classmethod
    def terms_of(cls, search_text):
        return [t for t in index_terms(search_text).split() if len(t) <= cls.MAX_LENGTH]

    @classmethod
    def replace_for(cls, documents, batch_size=5000):
        """Rewrite the terms of saved ``documents`` from their ``search_text``."""
        documents = [d for d in documents if d.pk]
        cls.objects.filter(document__in=[d.pk for d in documents]).delete()
        cls.objects.bulk_create(
            (cls(document_id=d.pk, term=t) for d in documents for t in cls.terms_of(d.search_text)),
            batch_size=batch_size,
        )


def _upload_to(instance, filename):
    today = dt.date.today()
    base, ext = os.path.splitext(filename)
    return f"van-ban/{today:%Y/%m}/{slugify_vi(base)[:80] or 'tep'}{ext.lower()}"


class DocumentAttachment(models.Model):
    document = ParentalKey(Document, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(_("tên tệp hiển thị"), max_length=255, blank=True)
    file = models.FileField(
        _("tệp"),
        upload_to=_upload_to,
        max_length=255,
        validators=[FileExtensionValidator(list(SIGNATURES)), check_attachment],
    )
    size = models.PositiveBigIntegerField(default=0, editable=False)
    text = models.TextField(blank=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        from .extract import extract_text

        # A new file (an editor replaced it) is measured and read again.
        stored = getattr(self, "_stored_file", None)
        changed = self.pk is None or not self.text or str(stored or "") != self.file.name
        if self.file and changed:
            try:
                self.size = self.file.size
                self.file.open("rb")
                self.text = extract_text(self.file, self.ext)
                self.file.seek(0)
            except OSError:
                self.text = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:attachment", args=[self.pk, os.path.basename(self.file.name)])

    def get_preview_url(self):
        return reverse("documents:preview", args=[self.pk, os.path.basename(self.file.name)])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_file = instance.__dict__.get("file")
        return instance

    @property
    def display_name(self):
        return self.title or os.path.basename(self.file.name)

    @property
    def ext(self):
        return extension(self.file.name)

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.ext, "application/octet-stream")

    @property
    def previewable(self):
        return self.ext == "pdf"


class DocumentRelation(models.Model):
    class Kind(models.TextChoices):
        REPLACES = "replaces", _("Thay thế")
        AMENDS = "amends", _("Sửa đổi, bổ sung")
        GUIDES = "guides", _("Hướng dẫn")

    INVERSE_LABELS = {
        Kind.REPLACES: _("Bị thay thế bởi"),
        Kind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
        Kind.GUIDES: _("Được hướng dẫn bởi"),
    }

    source = ParentalKey(Document, related_name="relations", on_delete=models.CASCADE)
    kind = models.CharField(_("quan hệ"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name=_("văn bản liên quan"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    class Meta:
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="documents_relation_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target.number}"

    @property
    def inverse_label(self):
        return self.INVERSE_LABELS[self.kind]
