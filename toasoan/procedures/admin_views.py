"""The admin page that imports procedures from JSON Lines or XLSX."""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.auth import permission_required

from .importer import import_file

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ProcedureImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp thủ tục (.jsonl hoặc .xlsx)"),
        help_text=gettext_lazy(
            "Cần ít nhất: Mã thủ tục, Tên thủ tục, Lĩnh vực. Có thể thêm: Cấp thực hiện, Thời "
            "hạn giải quyết, Phí, lệ phí, Thành phần hồ sơ, Căn cứ pháp lý, Dịch vụ công trực "
            "tuyến."
        ),
    )
    update = forms.BooleanField(
        label=gettext_lazy("Cập nhật thủ tục đã có (cùng mã)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 10 MB."))
        if not upload.name.lower().endswith((".jsonl", ".json", ".ndjson", ".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .jsonl hoặc .xlsx."))
        return upload


@permission_required("procedures.add_procedure")
def import_view(request):
    errors = []
    form = ProcedureImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_file(upload.read(), upload.name, update=form.cleaned_data["update"])
        if result.ok:
            messages.success(
                request,
                _("Đã nhập %(created)s thủ tục mới, cập nhật %(updated)s thủ tục.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect(reverse("wagtailsnippets_procedures_procedure:list"))
        errors = result.errors
    return render(
        request,
        "procedures/admin/import.html",
        {"form": form, "errors": errors, "page_title": _("Nhập thủ tục hành chính")},
    )
