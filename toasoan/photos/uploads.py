"""Adding many photos to an album at once, each file checked by its content.

Wagtail's WagtailImageField reads the file (Willow/Pillow), so a renamed PDF or a truncated
file is refused whatever its name says; WAGTAILIMAGES_MAX_UPLOAD_SIZE and
WAGTAILIMAGES_MAX_IMAGE_PIXELS bound size and pixels. Every refusal gets a Vietnamese
message naming the file; a refused file never leaves half an image behind (one transaction
per file).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

from .models import AlbumPhoto


def _message(upload, error):
    codes = {e.code for e in getattr(error, "error_list", [error])}
    name = upload.name
    if "file_too_large" in codes:
        limit = filesizeformat(getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 2**20))
        return _("Tệp “%(name)s” quá lớn (tối đa %(limit)s).") % {"name": name, "limit": limit}
    if "file_too_many_pixels" in codes:
        return _("Ảnh “%(name)s” có quá nhiều điểm ảnh; hãy thu nhỏ rồi tải lại.") % {"name": name}
    return _("Tệp “%(name)s” không phải là ảnh hợp lệ (nhận JPEG, PNG, GIF, WebP, AVIF).") % {
        "name": name
    }


def add_photo(album, upload, alt_text, credit="", caption="", user=None):
    """Check ``upload`` by content and append it to ``album``; returns (photo, error message)."""
    field = WagtailImageField()
    try:
        checked = field.clean(upload)
    except ValidationError as error:
        return None, _message(upload, error)
    title = upload.name.rsplit(".", 1)[0][:255] or album.title
    with transaction.atomic():
        image = get_image_model()(
            title=title,
            file=checked,
            alt_text=alt_text[:255],
            caption=caption[:500],
            credit=credit[:255],
            collection=Collection.get_first_root_node(),
            uploaded_by_user=user if user and user.is_authenticated else None,
        )
        image.save()
        order = album.photos.aggregate(m=Max("sort_order"))["m"]
        photo = AlbumPhoto.objects.create(
            album=album,
            image=image,
            alt_text=alt_text[:255],
            caption=caption[:500],
            credit=credit[:255],
            sort_order=(order if order is not None else -1) + 1,
        )
    return photo, ""
