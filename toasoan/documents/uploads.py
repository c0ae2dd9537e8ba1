"""Attachment checks: allowed extensions, the real file type by its first bytes, the size.

The same signatures as the media library (toasoan/newsroom/forms.py): a renamed .exe or an
HTML page called ``.pdf`` is refused before it is stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc, .xls)
ZIP = b"PK\x03\x04"
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": (OLE,),
    "docx": (ZIP,),
    "xls": (OLE,),
    "xlsx": (ZIP,),
    "zip": (ZIP, b"PK\x05\x06"),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
DEFAULT_MAX_SIZE = 20 * 1024 * 1024


def max_size():
    return getattr(settings, "TOASOAN_DOCUMENTS", {}).get("ATTACHMENT_MAX_SIZE", DEFAULT_MAX_SIZE)


def extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def check_attachment(uploaded):
    """Raise ValidationError (Vietnamese) unless ``uploaded`` is an allowed, genuine file."""
    name = getattr(uploaded, "name", "") or ""
    ext = extension(name)
    if ext not in SIGNATURES:
        raise ValidationError(
            _("Chỉ nhận tệp %(types)s; tệp “%(name)s” không thuộc các loại này.")
            % {"types": ", ".join(t.upper() for t in SIGNATURES), "name": name.rsplit("/", 1)[-1]},
            code="type",
        )
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_size():
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_size())},
            code="size",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(position)
    if not head.startswith(SIGNATURES[ext]):
        raise ValidationError(
            _("Nội dung tệp không phải định dạng .%(ext)s như tên tệp.") % {"ext": ext},
            code="content",
        )
