import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .content import KIND_LABELS
from .report import MAX_DAYS, PERIODS


class ReportForm(forms.Form):
    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period = forms.ChoiceField(label=_("Gộp theo"), choices=list(PERIODS.items()), required=False)
    kind = forms.ChoiceField(label=_("Loại nội dung"), required=False)
    section = forms.IntegerField(label=_("Chuyên mục"), required=False, widget=forms.Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tất cả"))] + [(k, v) for k, v in KIND_LABELS.items()]
        from .models import PageViewDay

        sections = (
            PageViewDay.objects.exclude(section_id=None)
            .values_list("section_id", "section_title")
            .distinct()
            .order_by("section_title")
        )
        seen = {}
        for pk, title in sections:
            seen.setdefault(pk, title)
        self.fields["section"].widget.choices = [("", _("Tất cả"))] + list(seen.items())

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or end - dt.timedelta(days=29)
        if start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Khoảng thời gian quá dài (tối đa 10 năm)."))
        data.update(start=start, end=end, period=data.get("period") or "day")
        return data
