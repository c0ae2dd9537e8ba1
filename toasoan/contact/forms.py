from django import forms
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck.forms import BotCheckForm
from toasoan.questions.forms import CitizenFormMixin, clean_phone
from toasoan.vi.forms import NFCFormMixin

from .models import ContactTopic


class ContactForm(CitizenFormMixin, NFCFormMixin, BotCheckForm):
    topic = forms.ModelChoiceField(
        label=_("Chủ đề"),
        queryset=ContactTopic.objects.all(),
        empty_label=_("— Chọn chủ đề —"),
        error_messages={
            "required": _("Vui lòng chọn chủ đề."),
            "invalid_choice": _("Chủ đề không hợp lệ; vui lòng chọn trong danh sách."),
        },
    )
    name = forms.CharField(
        label=_("Họ tên"),
        error_messages={"required": _("Vui lòng nhập họ tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
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
    subject = forms.CharField(
        label=_("Tiêu đề"),
        error_messages={"required": _("Vui lòng nhập tiêu đề.")},
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        error_messages={"required": _("Vui lòng nhập nội dung.")},
    )
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    length_limits = {"name": (2, 100), "subject": (3, 200), "body": (10, 5000)}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_body(self):
        return self.cleaned_data["body"].strip()
