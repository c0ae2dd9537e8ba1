"""The shared fields and checks of the readers' public forms (questions, contact)."""

from django import forms
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from toasoan.core.reader_forms import (
    ReaderFormMixin,
    clean_phone,
    email_field,
    honeypot_field,
    name_field,
    one_line,
    phone_field,
)


class _LetterForm(ReaderFormMixin, forms.Form):
    name = name_field()
    email = email_field()
    phone = phone_field()
    body = forms.CharField(widget=forms.Textarea)
    website = honeypot_field()

    length_limits = {"name": (2, 10), "body": (5, 20)}


def _letter(**overrides):
    data = {"name": "Lê Văn Tám", "email": " Tam@Example.VN ", "body": "Xin hỏi lịch tiếp."}
    return _LetterForm({**data, **overrides})


class TestPhone(SimpleTestCase):
    def test_spaces_dots_and_brackets_are_allowed(self):
        self.assertEqual(clean_phone(" (0274)  3822.118 "), "(0274) 3822.118")
        self.assertEqual(clean_phone("+84 912 345 678"), "+84 912 345 678")

    def test_empty_is_empty(self):
        self.assertEqual(clean_phone("  "), "")

    def test_too_short_or_foreign_is_refused(self):
        for value in ("123", "1-800-555-0199", "0912 345 678 999 1"):
            with self.assertRaises(ValidationError):
                clean_phone(value)


class TestOneLine(SimpleTestCase):
    def test_runs_of_white_space_become_one_space(self):
        self.assertEqual(one_line("  Nguyễn \n Văn\tAn "), "Nguyễn Văn An")
        self.assertEqual(one_line(None), "")


class TestReaderFormMixin(SimpleTestCase):
    def test_clean_values(self):
        form = _letter(name=" Lê  Văn\nTám ")
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["name"], "Lê Văn Tám")
        self.assertEqual(form.cleaned_data["email"], "tam@example.vn")

    def test_length_limits_are_the_inputs_maxlength_and_say_the_count(self):
        self.assertIn('maxlength="20"', str(_letter()["body"]))
        form = _letter(body="x" * 21, name="A")
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["body"], ["Tối đa 20 ký tự (hiện có 21)."])
        self.assertEqual(form.errors["name"], ["Cần ít nhất 2 ký tự."])

    def test_undecodable_bytes_are_refused(self):
        form = _letter(body="Xin h\ufffdi lịch")
        self.assertFalse(form.is_valid())
        self.assertIn("sai bảng mã", form.errors["body"][0])

    def test_honeypot(self):
        form = _letter(website="http://spam.example")
        self.assertFalse(form.is_valid())
        self.assertTrue(form.is_honeypot)
        self.assertFalse(_letter(body="x").is_honeypot)
