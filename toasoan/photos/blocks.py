"""The StreamField block that embeds an album in an article (used by toasoan/news/blocks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class AlbumBlock(blocks.StructBlock):
    album = SnippetChooserBlock("photos.Album", label=_("Album ảnh"))

    class Meta:
        icon = "image"
        label = _("Album ảnh")
        template = "photos/album_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        album = value.get("album")
        if album is not None and not album.live:
            album = None
        context["album"] = album
        context["photos"] = list(album.photos.select_related("image")) if album else []
        return context
