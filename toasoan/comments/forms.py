"""The reader's comment form and the moderator's official-reply form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck.forms import BotCheckForm
from toasoan.vi.forms import NFCFormMixin

from .conf import comments_setting
from .textnorm import without_format_chars

_REPLACEMENT_CHAR = "\ufffd"  # what undecodable bytes (bad UTF-8) become when Django decodes


def _no_bad_bytes(value):
    if _REPLACEMENT_CHAR in value:
        raise ValidationError(
            _("Nội dung có ký tự không đọc được (sai bảng mã). Vui lòng gõ lại."),
            code="encoding",
        )


class CommentForm(NFCFormMixin, BotCheckForm):
    """Name, email, comment and the bot check; either an ALTCHA payload (JS) or the
    answer to a question (no JS) must pass."""

    name = forms.CharField(
        label=_("Họ tên"),
        validators=[_no_bad_bytes],
        error_messages={
            "required": _("Vui lòng nhập họ tên."),
            "min_length": _("Họ tên cần ít nhất %(limit_value)d ký tự."),
            "max_length": _("Họ tên dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        validators=[_no_bad_bytes],
        help_text=_("Không hiển thị công khai; chỉ dùng để báo khi có người trả lời."),
        error_messages={
            "required": _("Vui lòng nhập email."),
            "invalid": _("Email chưa đúng, ví dụ đúng: ten@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Ý kiến của bạn"),
        validators=[_no_bad_bytes],
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Vui lòng nhập nội dung ý kiến."),
            "min_length": _("Ý kiến cần ít nhất %(limit_value)d ký tự."),
            "max_length": _(
                "Ý kiến dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d ký tự)."
            ),
        },
    )
    notify = forms.BooleanField(
        label=_("Gửi email cho tôi khi có người trả lời ý kiến này"), required=False
    )
    parent = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Ý kiến được trả lời không hợp lệ.")},
    )
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["maxlength"] = comments_setting("NAME_MAX_LENGTH")
        self.fields["body"].widget.attrs["maxlength"] = comments_setting("BODY_MAX_LENGTH")

    def _check_length(self, name, value, low, high):
        messages = self.fields[name].error_messages
        if len(value) < low:
            raise ValidationError(messages["min_length"] % {"limit_value": low})
        if len(value) > high:
            raise ValidationError(
                messages["max_length"] % {"limit_value": high, "show_value": len(value)}
            )
        return value

    def clean_name(self):
        # No invisible format characters in a name: a right-to-left override (U+202E)
        # flipped the comment header on screen (#23). Display isolates names too (<bdi>).
        name = " ".join(without_format_chars(self.cleaned_data["name"]).split())
        return self._check_length("name", name, 2, comments_setting("NAME_MAX_LENGTH"))

    def clean_email(self):
        # Lower case: rate limits, duplicates and auto-approval compare addresses exactly
        # (an indexed equality instead of a case-insensitive scan).
        return self.cleaned_data["email"].lower()

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n").strip()
        low, high = comments_setting("BODY_MIN_LENGTH"), comments_setting("BODY_MAX_LENGTH")
        return self._check_length("body", body, max(low, 1), high)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Không gửi được ý kiến."), code="honeypot")
        return ""

    @property
    def is_honeypot(self):
        return any(e.code == "honeypot" for e in self.errors.as_data().get("website", []))


class OfficialReplyForm(NFCFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Nội dung trả lời"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        error_messages={"required": _("Vui lòng nhập nội dung trả lời.")},
    )
