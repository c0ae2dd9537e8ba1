"""The reader's form for commenting on a draft (whole draft, one article or one clause)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck.forms import BotCheckForm
from toasoan.vi.forms import NFCFormMixin

from .models import ConsultationComment

BODY_MAX = 5000
WHOLE_DRAFT = ""


class DraftCommentForm(NFCFormMixin, BotCheckForm):
    kind = forms.ChoiceField(
        label=_("Bạn góp ý với tư cách"),
        choices=ConsultationComment.Kind.choices,
        initial=ConsultationComment.Kind.PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn cá nhân hoặc tổ chức.")},
    )
    name = forms.CharField(
        label=_("Họ tên"),
        min_length=2,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Vui lòng nhập họ tên.")},
    )
    organisation = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Không hiển thị công khai."),
        error_messages={
            "required": _("Vui lòng nhập email."),
            "invalid": _("Email chưa đúng, ví dụ đúng: ten@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    article = forms.ChoiceField(label=_("Góp ý cho"), required=False)
    body = forms.CharField(
        label=_("Nội dung góp ý"),
        min_length=5,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": BODY_MAX}),
        error_messages={
            "required": _("Vui lòng nhập nội dung góp ý."),
            "min_length": _("Nội dung góp ý cần ít nhất %(limit_value)d ký tự."),
            "max_length": _("Nội dung góp ý dài tối đa %(limit_value)d ký tự."),
        },
    )
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = {str(a.number): a for a in consultation.articles.all()}
        # "3" is Điều 3, "3.2" its Khoản 2 (the numbered clauses the article's text holds).
        self.targets = {WHOLE_DRAFT: (None, None)}
        choices = [(WHOLE_DRAFT, _("Toàn bộ dự thảo"))]
        for number, article in self.articles.items():
            self.targets[number] = (article, None)
            choices.append((number, str(article)))
            for clause, _text in article.clauses():
                if clause:
                    value = f"{number}.{clause}"
                    self.targets[value] = (article, clause)
                    label = _("%(article)s, khoản %(clause)d") % {
                        "article": article,
                        "clause": clause,
                    }
                    choices.append((value, label))
        self.fields["article"].choices = choices
        self.fields["article"].error_messages["invalid_choice"] = _(
            "Điều được chọn không có trong dự thảo."
        )

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Không gửi được góp ý."), code="honeypot")
        return ""

    def clean(self):
        data = super().clean()
        if data.get("kind") == ConsultationComment.Kind.ORGANISATION and not data.get(
            "organisation"
        ):
            self.add_error("organisation", _("Vui lòng nhập tên tổ chức."))
        return data

    def chosen_article(self):
        return self.targets.get(self.cleaned_data.get("article") or "", (None, None))[0]

    def chosen_clause(self):
        return self.targets.get(self.cleaned_data.get("article") or "", (None, None))[1]
