from django import forms
from django.test import SimpleTestCase

from toasoan.vi.forms import NFCFormMixin

HA_NOI_NFD = "Ha\u0300 No\u0323\u0302i"


class CommentLikeForm(NFCFormMixin, forms.Form):
    name = forms.CharField()
    body = forms.CharField(widget=forms.Textarea, strip=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False, strip=False)
    raw = forms.CharField(required=False, strip=False)
    count = forms.IntegerField(required=False)

    nfc_exclude_fields = ("raw",)


class ReturnsNoneForm(forms.Form):
    name = forms.CharField()

    def clean(self):
        # Django allows clean() to return None and keep self.cleaned_data.
        return None


class NoneReturningNFCForm(NFCFormMixin, ReturnsNoneForm):
    pass


def clean(form_class, **data):
    form = form_class(data=data)
    assert form.is_valid(), form.errors
    return form.cleaned_data


class TestNFCFormMixin(SimpleTestCase):
    def test_decomposed_text_is_saved_as_nfc(self):
        cleaned = clean(CommentLikeForm, name=HA_NOI_NFD, body=HA_NOI_NFD)
        self.assertEqual(cleaned["name"], "Hà Nội")
        self.assertEqual(cleaned["body"], "Hà Nội")

    def test_invisible_and_control_characters_are_removed(self):
        cleaned = clean(CommentLikeForm, name="\ufeffTòa\u200b soạn\x01", body="Hay\x1b quá\x7f")
        self.assertEqual(cleaned["name"], "Tòa soạn")
        self.assertEqual(cleaned["body"], "Hay quá")

    def test_line_breaks_and_tabs_survive(self):
        cleaned = clean(CommentLikeForm, name="An", body="Dòng 1\r\n\tDòng 2\rDòng 3")
        self.assertEqual(cleaned["body"], "Dòng 1\n\tDòng 2\nDòng 3")

    def test_password_fields_are_left_alone(self):
        password = "Mật\x01khẩu" + HA_NOI_NFD
        cleaned = clean(CommentLikeForm, name="An", body="x", password=password)
        self.assertEqual(cleaned["password"], password)

    def test_excluded_fields_are_left_alone(self):
        cleaned = clean(CommentLikeForm, name="An", body="x", raw=HA_NOI_NFD)
        self.assertEqual(cleaned["raw"], HA_NOI_NFD)

    def test_non_text_values_are_left_alone(self):
        cleaned = clean(CommentLikeForm, name="An", body="x", count="1718")
        self.assertEqual(cleaned["count"], 1718)

    def test_works_when_a_parent_clean_returns_none(self):
        self.assertEqual(clean(NoneReturningNFCForm, name=HA_NOI_NFD)["name"], "Hà Nội")

    def test_invalid_form_still_normalises_valid_fields(self):
        form = CommentLikeForm(data={"name": HA_NOI_NFD, "body": "x", "count": "abc"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.cleaned_data["name"], "Hà Nội")
