"""``BotCheckForm``: the bot-check fields and their verification, for any public form.

A public form inherits from it (``class QuestionForm(NFCFormMixin, BotCheckForm)``) and calls
``form.check_bot()`` after ``is_valid()``, once every other field is valid, so a challenge is
never used up by a submission that fails for another reason. Either an ALTCHA payload (the
widget, with JavaScript) or the answer to the no-JS question must pass. In the template,
``{% botcheck_fields form %}`` (``botcheck_tags``) renders the widget and the question.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import challenge
from .conf import botcheck_setting

BOT_ERRORS = {
    "required": _("Vui lòng xác minh bạn không phải người máy (đánh dấu ô xác minh)."),
    "expired": _("Bước xác minh đã hết hạn. Vui lòng xác minh lại."),
    "replayed": _("Bước xác minh này đã được dùng. Vui lòng xác minh lại."),
}
BOT_ERROR_DEFAULT = _("Xác minh không thành công. Vui lòng thử lại.")


class BotCheckForm(forms.Form):
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)
    question_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Mã kiểm tra"),
        required=False,
        max_length=20,
        help_text=_("Nhập các chữ số bạn thấy trong hình, ví dụ: 84464."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def new_question(self):
        """Give an unbound form a fresh no-JS question; returns its text for the label."""
        question_id, text = challenge.new_question()
        if self.is_bound:
            # Re-rendered after an error: the old question is used up; what the reader typed
            # in the other fields is kept.
            self.data = self.data.copy()
            self.data["question_id"], self.data["answer"] = question_id, ""
        else:
            self.initial["question_id"] = question_id
        self.question_text = text
        return text

    def check_bot(self):
        """Run the single-use bot check once every other field is valid; False on failure
        (the error is attached next to the check)."""
        payload = self.cleaned_data.get("altcha") or ""
        if payload and botcheck_setting("ALTCHA_ENABLED"):
            code = challenge.verify_altcha(payload)
            if code is None:
                return True
            self.add_error("altcha", BOT_ERRORS.get(code, BOT_ERROR_DEFAULT))
            return False
        question_id = self.cleaned_data.get("question_id")
        answer = self.cleaned_data.get("answer")
        if question_id and answer:
            if challenge.check_question(question_id, answer):
                return True
            self.add_error(
                "answer",
                _("Mã chưa đúng hoặc đã hết hạn. Vui lòng nhập mã trong hình mới."),
            )
            return False
        if question_id:
            self.add_error("answer", _("Vui lòng nhập mã trong hình."))
        else:
            self.add_error("altcha", BOT_ERRORS["required"])
        return False
