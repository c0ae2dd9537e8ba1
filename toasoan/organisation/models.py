"""The agency's organisation: its functions, the tree of units and the people who hold posts.

A person's posts are ``Position`` rows with start and end dates, so moving someone to another
unit ends one position and opens another: the history stays and the public pages show only
the current posts.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable


@register_setting(icon="group")
class AgencyProfile(BaseSiteSetting):
    """What /gioi-thieu/ says about the agency itself (Decree 42: functions and duties)."""

    functions = RichTextField(_("chức năng"), blank=True)
    duties = RichTextField(_("nhiệm vụ, quyền hạn"), blank=True)
    # The English version (Decree 42 asks for one of the organisation and contacts).
    name_en = models.CharField(_("tên cơ quan (tiếng Anh)"), max_length=255, blank=True)
    functions_en = RichTextField(_("chức năng (tiếng Anh)"), blank=True)
    duties_en = RichTextField(_("nhiệm vụ, quyền hạn (tiếng Anh)"), blank=True)

    class Meta:
        verbose_name = _("giới thiệu cơ quan")

    @property
    def functions_text(self):
        return self.functions_en if is_english() else self.functions

    @property
    def duties_text(self):
        return self.duties_en if is_english() else self.duties


def is_english():
    """True while an English page is rendered (its view runs under translation.override)."""
    return (get_language() or "").startswith("en")


def _public_url(name, slug):
    prefix = "organisation:en_" if is_english() else "organisation:"
    return reverse(prefix + name, args=[slug])


class Unit(models.Model):
    """One unit of the organisation chart; units without a parent are the chart's roots (the
    agency's leadership is usually the single root)."""

    name = models.CharField(_("tên đơn vị"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, allow_unicode=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    duties = RichTextField(_("chức năng, nhiệm vụ"), blank=True)
    name_en = models.CharField(
        _("tên đơn vị (tiếng Anh)"),
        max_length=255,
        blank=True,
        help_text=_("Để trống: đơn vị không có trang tiếng Anh."),
    )
    duties_en = RichTextField(_("chức năng, nhiệm vụ (tiếng Anh)"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation:unit", args=[self.slug])

    @property
    def has_english(self):
        return bool(self.name_en.strip())

    @property
    def label(self):
        """The name in the page's language (the Vietnamese one when there is no English)."""
        return self.name_en if is_english() and self.has_english else self.name

    @property
    def label_lang(self):
        """The language of ``label`` when it differs from the page's, for a lang attribute."""
        return "vi" if is_english() and not self.has_english else ""

    @property
    def duties_text(self):
        return self.duties_en if is_english() else self.duties

    @property
    def public_url(self):
        """This unit's page in the page's language; None on the English side when the unit
        has no English version (such pages are not linked from English pages)."""
        if is_english() and not self.has_english:
            return None
        return _public_url("unit", self.slug)

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị con.")}
                )
            ancestor = ancestor.parent

    def current_positions(self):
        return (
            self.positions.filter(current_q())
            .select_related("person", "person__photo")
            .order_by("role", "sort_order", "person__full_name")
        )


class Person(ClusterableModel):
    """A leader or official; their posts (and past posts) are ``positions``."""

    full_name = models.CharField(_("họ và tên"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    photo = models.ForeignKey(
        "core.NewsImage",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("tóm tắt tiểu sử"), blank=True)
    bio_en = models.TextField(_("tóm tắt tiểu sử (tiếng Anh)"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ, lãnh đạo")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("organisation:person", args=[self.slug])

    @property
    def bio_text(self):
        return self.bio_en if is_english() else self.bio

    @property
    def public_url(self):
        # A name reads the same in both languages: every profile has an English page, whose
        # untranslated parts say so.
        return _public_url("person", self.slug)

    def current_positions(self):
        return self.positions.filter(current_q()).select_related("unit")

    def past_positions(self):
        today = timezone.localdate()
        return self.positions.filter(end_date__lt=today).select_related("unit")


def current_q(day=None):
    """Positions held on ``day`` (today by default)."""
    day = day or timezone.localdate()
    return (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )


class Position(Orderable):
    class Role(models.IntegerChoices):
        # The order is the order of the unit page: the head first, then the deputies.
        HEAD = 1, _("Người đứng đầu")
        DEPUTY = 2, _("Cấp phó")
        OFFICIAL = 3, _("Cán bộ, đầu mối liên hệ")

    person = ParentalKey(Person, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("chức vụ"), max_length=255, help_text=_("Ví dụ: Trưởng ban."))
    title_en = models.CharField(
        _("chức vụ (tiếng Anh)"), max_length=255, blank=True, help_text=_("Ví dụ: Director.")
    )
    role = models.PositiveSmallIntegerField(_("vai trò"), choices=Role.choices, default=Role.HEAD)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Để trống khi đang giữ chức vụ.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")

    def __str__(self):
        return f"{self.title}, {self.unit}"

    @property
    def label(self):
        return self.title_en if is_english() and self.title_en else self.title

    @property
    def label_lang(self):
        return "vi" if is_english() and not self.title_en else ""

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})


def last_updated():
    """When the organisation was last changed (Decree 42 checklist), or None when empty."""
    stamps = [
        Unit.objects.aggregate(m=models.Max("updated_at"))["m"],
        Person.objects.aggregate(m=models.Max("updated_at"))["m"],
    ]
    stamps = [s for s in stamps if s]
    return max(stamps) if stamps else None


def contacts_last_updated():
    """Contacts are people with a current post and a phone or an email."""
    people = Person.objects.filter(positions__in=Position.objects.filter(current_q())).filter(
        ~Q(phone="") | ~Q(email="")
    )
    return people.aggregate(m=models.Max("updated_at"))["m"]


def english_last_updated():
    """The English version (Decree 42 checklist): the newest change to a unit with an English
    name or to the agency's English profile; None while nothing is translated."""
    stamps = [
        Unit.objects.exclude(name_en="").aggregate(m=models.Max("updated_at"))["m"],
        Person.objects.exclude(bio_en="").aggregate(m=models.Max("updated_at"))["m"],
    ]
    stamps = [s for s in stamps if s]
    return max(stamps) if stamps else None
