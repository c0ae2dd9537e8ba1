"""Form helpers that keep saved text NFC."""

from django import forms

from toasoan.vi.text import nfc, strip_controls


class NFCFormMixin:
    """Normalise every text value in ``cleaned_data`` to NFC without control characters.

    All text saved by any form or command is NFC, so "Hà Nội" typed on a phone keyboard that
    sends decomposed accents matches "Hà Nội" typed anywhere else. Newlines and tabs stay;
    CRLF becomes LF. Password fields are skipped because changing a password's characters
    would lock its owner out; list more field names in ``nfc_exclude_fields``.

    Put it before the form class: ``class CommentForm(NFCFormMixin, forms.ModelForm)``.
    """

    nfc_exclude_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned_data = super().clean()
        # clean() may return None, meaning "self.cleaned_data unchanged".
        data = self.cleaned_data if cleaned_data is None else cleaned_data
        for name, value in data.items():
            if isinstance(value, str) and self._nfc_applies(name):
                data[name] = strip_controls(nfc(value))
        return data

    def _nfc_applies(self, name):
        if name in self.nfc_exclude_fields:
            return False
        field = self.fields.get(name)
        return field is None or not isinstance(field.widget, forms.PasswordInput)
