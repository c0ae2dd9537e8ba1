"""Project-wide models that every app builds on: the user and the image.

Both are custom from the first migration so fields can be added later without the painful
switch Django documents for swapping them on a live site. No news concepts live here.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class User(AbstractUser):
    """A newsroom staff account (readers do not have accounts)."""

    display_name = models.CharField(
        _("tên hiển thị"),
        max_length=120,
        blank=True,
        help_text=_("Tên in trên bài viết, ví dụ: Huyền Thanh."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username


class NewsImage(AbstractImage):
    """An image with the alt text and caption a news article needs."""

    alt_text = models.CharField(
        _("văn bản thay thế"),
        max_length=255,
        blank=True,
        help_text=_("Mô tả ảnh cho người khiếm thị; bắt buộc với ảnh dùng trong bài viết."),
    )
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    credit = models.CharField(_("nguồn ảnh"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("alt_text", "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    @property
    def default_alt_text(self):
        return self.alt_text or self.caption or self.title

    def generate_rendition_file(self, filter, *, source=None):
        """Refuse to decode an image over WAGTAILIMAGES_MAX_IMAGE_PIXELS (one stored before
        the cap, or imported around the upload form): decoding an 11000×11000 PNG of 15 KB
        grew a worker from 168 to 596 MB (#23). Wagtail's image tags then show their
        "not found" stand-in instead of a 500 or a worker killed for its memory."""
        from django.conf import settings
        from wagtail.images.models import SourceImageIOError

        cap = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 0)
        if cap and (self.width or 0) * (self.height or 0) > cap:
            raise SourceImageIOError(
                f"image {self.pk} is {self.width}x{self.height}, over the {cap}-pixel cap"
            )
        return super().generate_rendition_file(filter, source=source)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
