"""Administrative procedures (thủ tục hành chính) the agency handles, grouped by field.

``search_text`` holds the name, code and field folded to plain letters (toasoan.vi.text), so
"cap giay chung nhan dau tu" finds "Cấp Giấy chứng nhận đăng ký đầu tư".
"""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from toasoan.vi.text import search_key

# The code is the last part of the procedure's URL; national codes look like 1.009763 or
# 2.000205.000.00.00.H12.
code_validator = RegexValidator(
    r"^[0-9A-Za-z._-]+$",
    _("Mã thủ tục chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang; không có khoảng trắng."),
)


class ProcedureField(models.Model):
    """A field (lĩnh vực) such as "Đầu tư" or "Lao động"."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực thủ tục")

    def __str__(self):
        return self.name


class Procedure(ClusterableModel):
    code = models.CharField(
        _("mã thủ tục"),
        max_length=64,
        unique=True,
        validators=[code_validator],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.009763."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT,
        related_name="procedures",
    )  # fmt: skip
    level = models.CharField(
        _("cấp thực hiện"), max_length=100, blank=True, help_text=_("Ví dụ: Cấp tỉnh.")
    )
    processing_time = models.CharField(_("thời hạn giải quyết"), max_length=500, blank=True)
    fees = models.TextField(_("phí, lệ phí"), blank=True)
    documents_required = models.TextField(_("thành phần hồ sơ"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    legal_basis_url = models.URLField(
        _("liên kết căn cứ pháp lý"), blank=True, max_length=500,
        help_text=_("Liên kết đến văn bản trong cơ sở dữ liệu văn bản (nếu có)."),
    )  # fmt: skip
    online_service_url = models.URLField(
        _("dịch vụ công trực tuyến"), blank=True, max_length=500,
        help_text=_("Liên kết nộp hồ sơ trực tuyến trên Cổng dịch vụ công."),
    )  # fmt: skip
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        ordering = ["field__sort_order", "field__name", "name"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        # Leading space: a query word matches the start of a word, not the middle of one.
        self.search_text = " " + search_key(f"{self.name} {self.code} {self.field.name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("procedures:detail", args=[self.code])

    def documents_list(self):
        """The documents required, one per line, for a list on the page."""
        return [
            line.strip(" -•\t") for line in self.documents_required.splitlines() if line.strip()
        ]


class ProcedureFormFile(Orderable):
    """A form (mẫu đơn, tờ khai) readers download, stored in Wagtail's documents."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField(_("tên mẫu"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("mẫu đơn, tờ khai")
        verbose_name_plural = _("mẫu đơn, tờ khai")


def search(query, queryset=None):
    """Procedures whose name, code or field holds every word of ``query``, accents optional.

    >>> [p.code for p in search("dang ky dau tu")]  # doctest: +SKIP
    ['1.009763']
    """
    queryset = queryset if queryset is not None else Procedure.objects.all()
    for word in search_key(query).split()[:12]:
        queryset = queryset.filter(search_text__contains=" " + word)
    return queryset


def last_updated():
    return Procedure.objects.aggregate(m=models.Max("updated_at"))["m"]
