from django import forms
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

from .models import ContactTopic


class ContactForm(ReaderFormMixin, NFCFormMixin, BotCheckForm):
    topic = forms.ModelChoiceField(
        label=_("Chủ đề"),
        queryset=ContactTopic.objects.all(),
        empty_label=_("— Chọn chủ đề —"),
        error_messages={
            "required": _("Vui lòng chọn chủ đề."),
            "invalid_choice": _("Chủ đề không hợp lệ; vui lòng chọn trong danh sách."),
        },
    )
    name = name_field()
    email = email_field()
    phone = phone_field()
    subject = forms.CharField(
        label=_("Tiêu đề"), error_messages={"required": _("Vui lòng nhập tiêu đề.")}
    )
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Vui lòng nhập nội dung.")},
    )
    website = honeypot_field()

    length_limits = {"name": (2, 100), "subject": (3, 200), "body": (10, 5000)}

    def clean_subject(self):
        return one_line(self.cleaned_data["subject"])
