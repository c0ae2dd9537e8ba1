"""The public question form and the forms of the questions workflow."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck.forms import BotCheckForm
from toasoan.core.reader_forms import (
    ReaderFormMixin,
    email_field,
    honeypot_field,
    name_field,
    one_line,
    phone_field,
)
from toasoan.vi.forms import NFCFormMixin

from .conf import questions_setting
from .models import Department, Field
from .uploads import validate_attachment


class QuestionForm(ReaderFormMixin, NFCFormMixin, BotCheckForm):
    name = name_field()
    email = email_field(
        help_text=_("Mã tra cứu và câu trả lời được gửi về địa chỉ này; không công khai.")
    )
    phone = phone_field()
    organisation = forms.CharField(
        label=_("Cơ quan, doanh nghiệp (không bắt buộc)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Field.objects.all(),
        empty_label=_("— Chọn lĩnh vực —"),
        error_messages={
            "required": _("Vui lòng chọn lĩnh vực."),
            "invalid_choice": _("Lĩnh vực không hợp lệ; vui lòng chọn trong danh sách."),
        },
    )
    title = forms.CharField(
        label=_("Tiêu đề câu hỏi"), error_messages={"required": _("Vui lòng nhập tiêu đề.")}
    )
    body = forms.CharField(
        label=_("Nội dung câu hỏi"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Vui lòng nhập nội dung câu hỏi.")},
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Một tệp PDF, Word (.docx), Excel (.xlsx), JPG hoặc PNG, tối đa 5 MB."),
        error_messages={"invalid": _("Tệp đính kèm không đọc được.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/*"}
        ),
    )
    website = honeypot_field()

    def get_length_limits(self):
        return {
            "name": (2, questions_setting("NAME_MAX_LENGTH")),
            "organisation": (0, 255),
            "title": (5, questions_setting("TITLE_MAX_LENGTH")),
            "body": (questions_setting("BODY_MIN_LENGTH"), questions_setting("BODY_MAX_LENGTH")),
        }

    def clean_title(self):
        return one_line(self.cleaned_data["title"])

    def clean_organisation(self):
        return one_line(self.cleaned_data["organisation"])

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return validate_attachment(upload, questions_setting("ATTACHMENT_MAX_BYTES"))


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Đơn vị trả lời"),
        queryset=Department.objects.all(),
        error_messages={"required": _("Vui lòng chọn đơn vị trả lời.")},
    )


class EditForm(NFCFormMixin, forms.Form):
    title = forms.CharField(label=_("Tiêu đề đăng"), max_length=255)
    body = forms.CharField(label=_("Câu hỏi (bản đăng)"), widget=forms.Textarea(attrs={"rows": 6}))
    answer = forms.CharField(
        label=_("Nội dung trả lời"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )


class NoteForm(NFCFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    linh_vuc = forms.SlugField(required=False)
    nam = forms.IntegerField(required=False, min_value=2000, max_value=2100)


class ExportForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data
