"""The search form: lenient by design, a bad filter is reported and ignored, never a 500."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .backends.base import NEWEST, RELEVANCE

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
# The dates a filter may name. Beyond them the day after (or the UTC time of) a date
# overflows Python's datetime, and the search rank key (seconds << 30) overflows 64 bits.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2200, 12, 31)


def _in_range(day):
    if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
        raise forms.ValidationError(
            _("Ngày phải nằm trong khoảng từ %(start)s đến %(end)s."),
            code="out_of_range",
            params={"start": EARLIEST_DAY.strftime("%d/%m/%Y"), "end": "31/12/2200"},
        )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, strip=True)
    chuyen_muc = forms.TypedChoiceField(
        label=_("Chuyên mục"), required=False, coerce=int, empty_value=None
    )
    tu_ngay = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Ngày bắt đầu không hợp lệ (ví dụ: 2020-07-04).")},
        validators=[_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Ngày kết thúc không hợp lệ (ví dụ: 2020-07-04).")},
        validators=[_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sap_xep = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[(RELEVANCE, _("Phù hợp nhất")), (NEWEST, _("Mới nhất"))],
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chuyen_muc"].choices = [("", _("Tất cả chuyên mục"))] + [
            (section.pk, section.title) for section in sections
        ]
        self.fields["chuyen_muc"].error_messages["invalid_choice"] = _(
            "Chuyên mục đã chọn không tồn tại."
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def value(self, name):
        """The cleaned value, or None when the field was invalid (the error is shown)."""
        if not self.is_bound or name in self.errors:
            return None
        return getattr(self, "cleaned_data", {}).get(name)


def day_start(day):
    """Midnight of ``day`` in the site's time zone, as an aware datetime."""
    if day is None:
        return None
    day = min(max(day, EARLIEST_DAY), LATEST_DAY + dt.timedelta(days=1))
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
