"""Uploaded videos and captions are checked by their content, not their names."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def max_video_bytes():
    return getattr(settings, "TOASOAN_VIDEO_MAX_BYTES", 500 * 2**20)


def sniff_video(head):
    """'video/mp4', 'video/webm' or '' from the first bytes of a file."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "video/webm"
    return ""


def validate_video_file(upload):
    if upload.size > max_video_bytes():
        raise ValidationError(
            _("Tệp video quá lớn (tối đa %(limit)s).")
            % {"limit": filesizeformat(max_video_bytes())},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not sniff_video(head):
        raise ValidationError(
            _("Tệp “%(name)s” không phải là video MP4 hoặc WebM.") % {"name": upload.name},
            code="not_video",
        )


def validate_captions_file(upload):
    if upload.size > 2 * 2**20:
        raise ValidationError(_("Tệp phụ đề quá lớn (tối đa 2 MB)."), code="too_large")
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.startswith("WEBVTT"):
        raise ValidationError(
            _("Tệp phụ đề phải là WebVTT (UTF-8, bắt đầu bằng “WEBVTT”)."), code="not_vtt"
        )
