"""Admin forms for the media library: alt text on images, size and type limits on documents."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from . import conf

# The first bytes of each accepted document type: a renamed .exe stays out.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


class NewsImageForm(BaseImageForm):
    """The image form with alt text required (WAGTAILIMAGES_IMAGE_FORM_BASE).

    Wagtail's multiple upload first posts only the file and title, then shows this form to
    complete; the alt text is required whenever the field is part of the submission.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("alt_text")
        if field is None:
            return
        submitted = not self.is_bound or any(
            name.endswith("alt_text") for name in (self.data or {})
        )
        if submitted:
            field.required = True
            field.error_messages["required"] = _(
                "Hãy nhập văn bản thay thế: mô tả ngắn nội dung ảnh cho người khiếm thị."
            )


class NewsDocumentForm(BaseDocumentForm):
    """The document form with a size limit and a check of the file's real type."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "size") or uploaded is self.instance.file:
            return uploaded
        limit = conf.get("DOCUMENT_MAX_SIZE")
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
            )
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        signatures = _SIGNATURES.get(extension)
        if signatures is not None:
            position = uploaded.tell() if hasattr(uploaded, "tell") else 0
            uploaded.seek(0)
            head = uploaded.read(8)
            uploaded.seek(position)
            if not head.startswith(signatures):
                raise forms.ValidationError(
                    _("Nội dung tệp không phải định dạng .%(ext)s như tên tệp.")
                    % {"ext": extension}
                )
        return uploaded
