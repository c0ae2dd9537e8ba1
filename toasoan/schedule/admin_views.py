"""The admin page that imports a week of the schedule from an XLSX sheet."""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import permission_required

from .importer import import_sheet

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ScheduleImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp lịch công tác (.xlsx)"),
        help_text=gettext_lazy(
            "Các cột: Thứ/Ngày, Thời gian, Nội dung, Thành phần, Địa điểm, Chủ trì, Đơn vị "
            "chuẩn bị. Ô ngày gộp nhiều dòng được hiểu đúng."
        ),
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Thay lịch đã có của những ngày trong tệp"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 5 MB."))
        return upload


@permission_required("schedule.add_scheduleitem")
def import_view(request):
    errors = []
    form = ScheduleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = import_sheet(form.cleaned_data["file"].read(), form.cleaned_data["replace"])
        if result.ok:
            messages.success(
                request,
                _("Đã nhập %(created)s mục lịch công tác (thay %(replaced)s mục cũ).")
                % {"created": result.created, "replaced": result.replaced},
            )
            return redirect(reverse("wagtailsnippets_schedule_scheduleitem:list"))
        errors = result.errors
    return render(
        request,
        "schedule/admin/import.html",
        {"form": form, "errors": errors, "page_title": _("Nhập lịch công tác từ Excel")},
    )
