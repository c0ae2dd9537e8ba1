"""Checking an attachment by what it contains, not by what it is called.

A file named "hop-dong.pdf" that is really an executable, or a PNG renamed .pdf, is refused:
the extension must be allowed AND the content must be of that kind. Office files are ZIP
archives; they are opened to check for the part that makes them a document or a workbook.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def detect_kind(upload):
    """The kind of file by content: "pdf", "png", "jpg", "docx", "xlsx" or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        for kind, marker in _ZIP_MARKERS.items():
            if marker in names:
                return kind
    return None


_EXTENSIONS = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg", "jpeg"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
}


def validate_attachment(upload, max_bytes):
    if upload.size > max_bytes:
        raise ValidationError(
            _("Tệp đính kèm quá lớn (%(size)s); tối đa %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp đính kèm rỗng."), code="empty")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    kind = detect_kind(upload)
    if kind is None or extension not in _EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "Tệp đính kèm không đúng định dạng. Chỉ nhận tệp PDF, Word (.docx), Excel "
                "(.xlsx), ảnh JPG hoặc PNG, và nội dung tệp phải đúng với phần đuôi tên tệp."
            ),
            code="bad_type",
        )
    if kind in ("png", "jpg"):
        from PIL import Image

        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken images
            raise ValidationError(_("Ảnh đính kèm bị hỏng."), code="bad_image") from None
        finally:
            upload.seek(0)
    return upload
