"""What every public form a reader fills in shares (questions, contact): the name, email,
phone and honeypot fields, and the checks on readable text and length.

A form combines ``ReaderFormMixin`` with the bot check and NFC text::

    class ContactForm(ReaderFormMixin, NFCFormMixin, BotCheckForm):
        name = name_field()
        email = email_field()
        phone = phone_field()
        website = honeypot_field()
        length_limits = {"name": (2, 100)}

The views that receive these forms are in ``toasoan.core.submissions``.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck.forms import BotCheckForm

_REPLACEMENT_CHAR = "\ufffd"  # what undecodable bytes become when Django decodes
_PHONE_RE = re.compile(r"^(?:\+84|0084|0)\d{8,10}$")


def one_line(value):
    """Text on one line with single spaces: "  Nguyễn \\n Văn  An " -> "Nguyễn Văn An"."""
    return " ".join((value or "").split())


def clean_phone(value):
    """A Vietnamese phone number, spaces, dots and dashes allowed: "0274 3822 118"."""
    value = one_line(value)
    if not value:
        return ""
    compact = re.sub(r"[\s.\-()]", "", value)
    if not _PHONE_RE.match(compact):
        raise ValidationError(
            _("Số điện thoại chưa đúng, ví dụ đúng: 0912 345 678 hoặc (0274) 3822 118."),
            code="phone",
        )
    return value


def name_field():
    """The reader's full name ("Họ tên"), required."""
    return forms.CharField(
        label=_("Họ tên"),
        error_messages={"required": _("Vui lòng nhập họ tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def email_field(help_text=""):
    """The reader's email, required; ``help_text`` says what it is used for."""
    return forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": _("Vui lòng nhập email."),
            "invalid": _("Email chưa đúng, ví dụ đúng: ten@example.com."),
            "max_length": _("Email quá dài."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def phone_field():
    """An optional Vietnamese phone number, checked by ``clean_phone``."""
    return forms.CharField(
        label=_("Điện thoại (không bắt buộc)"),
        required=False,
        max_length=30,
        error_messages={"max_length": _("Số điện thoại quá dài.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


def honeypot_field():
    """The ``website`` field, hidden from people by CSS; a bot that fills it is refused."""
    return forms.CharField(label=_("Để trống ô này"), required=False)


class ReaderFormMixin:
    """Checks every public write path shares: readable text, length limits with the count
    in the message (and as the input's ``maxlength``), one-line names, a lower-case email,
    a honeypot. Fields listed in ``length_limits``: {name: (min, max)}."""

    length_limits: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (_low, high) in self.get_length_limits().items():
            self.fields[name].widget.attrs["maxlength"] = high

    def get_length_limits(self):
        """{field name: (min, max)}; override to read the limits from settings."""
        return self.length_limits

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
        for name, (low, high) in self.get_length_limits().items():
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

    def clean_name(self):
        return one_line(self.cleaned_data["name"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_body(self):
        return self.cleaned_data["body"].strip()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Không gửi được."), code="honeypot")
        return ""

    def reader_fields(self):
        """The bound fields the reader fills in, in order: not the honeypot nor the bot
        check (``citizens/_reader_form.html`` renders those itself)."""
        skip = {"website", *BotCheckForm.base_fields}
        return [self[name] for name in self.fields if name not in skip]

    @property
    def is_honeypot(self):
        """Whether the form failed only because a bot filled in the honeypot."""
        return any(e.code == "honeypot" for e in self.errors.as_data().get("website", []))
