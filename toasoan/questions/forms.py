"""The public question form, and the text checks the contact form shares with it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck.forms import BotCheckForm
from toasoan.vi.forms import NFCFormMixin

from .conf import questions_setting
from .models import Department, Field
from .uploads import validate_attachment

_REPLACEMENT_CHAR = "\ufffd"  # what undecodable bytes become when Django decodes
_PHONE_RE = re.compile(r"^(?:\+84|0084|0)\d{8,10}$")


def clean_phone(value):
    """A Vietnamese phone number, spaces, dots and dashes allowed: "0274 3822 118"."""
    value = " ".join(value.split())
    if not value:
        return ""
    compact = re.sub(r"[\s.\-()]", "", value)
    if not _PHONE_RE.match(compact):
        raise ValidationError(
            _("Số điện thoại chưa đúng, ví dụ đúng: 0912 345 678 hoặc (0274) 3822 118."),
            code="phone",
        )
    return value


class CitizenFormMixin:
    """Checks every public write path shares: readable text, length limits with the count
    in the message, one-line names, a honeypot. Fields listed in ``length_limits``:
    {name: (min, max)}."""

    length_limits: dict = {}

    def full_clean(self):
        super().full_clean()
        if not hasattr(self, "cleaned_data"):
            return
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str) and _REPLACEMENT_CHAR in value:
                self.add_error(
                    name, _("Nội dung có ký tự không đọc được (sai bảng mã). Vui lòng gõ lại.")
                )

    def clean(self):
        data = super().clean()
        for name, (low, high) in self.length_limits.items():
            value = data.get(name)
            if not isinstance(value, str) or name in self.errors:
                continue
            if len(value) > high:
                self.add_error(
                    name,
                    _("Tối đa %(max)d ký tự (hiện có %(count)d).")
                    % {"max": high, "count": len(value)},
                )
            elif len(value) < low and (value or self.fields[name].required):
                self.add_error(name, _("Cần ít nhất %(min)d ký tự.") % {"min": low})
        return data

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Không gửi được."), code="honeypot")
        return ""

    @property
    def is_honeypot(self):
        return any(e.code == "honeypot" for e in self.errors.as_data().get("website", []))


def _one_line(value):
    return " ".join((value or "").split())


class QuestionForm(CitizenFormMixin, NFCFormMixin, BotCheckForm):
    name = forms.CharField(
        label=_("Họ tên"),
        error_messages={"required": _("Vui lòng nhập họ tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Mã tra cứu và câu trả lời được gửi về địa chỉ này; không công khai."),
        error_messages={
            "required": _("Vui lòng nhập email."),
            "invalid": _("Email chưa đúng, ví dụ đúng: ten@example.com."),
            "max_length": _("Email quá dài."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Điện thoại (không bắt buộc)"),
        required=False,
        max_length=30,
        error_messages={"max_length": _("Số điện thoại quá dài.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
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
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.length_limits = {
            "name": (2, questions_setting("NAME_MAX_LENGTH")),
            "organisation": (0, 255),
            "title": (5, questions_setting("TITLE_MAX_LENGTH")),
            "body": (questions_setting("BODY_MIN_LENGTH"), questions_setting("BODY_MAX_LENGTH")),
        }
        for name, (_low, high) in self.length_limits.items():
            self.fields[name].widget.attrs["maxlength"] = high

    def clean_name(self):
        return _one_line(self.cleaned_data["name"])

    def clean_title(self):
        return _one_line(self.cleaned_data["title"])

    def clean_organisation(self):
        return _one_line(self.cleaned_data["organisation"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_body(self):
        return self.cleaned_data["body"].strip()

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
