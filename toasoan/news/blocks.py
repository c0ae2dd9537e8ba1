"""StreamField blocks for an article body."""

from urllib.parse import parse_qs, urlparse

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from toasoan.documents.blocks import LegalDocumentBlock
from toasoan.photos.blocks import AlbumBlock
from toasoan.polls.blocks import PollBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Cấp"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "news/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(
        label=_("Chú thích"), required=False, help_text=_("Để trống để dùng chú thích của ảnh.")
    )

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "news/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A third-party video that loads nothing from its host until the reader clicks.

    Rendering a Wagtail EmbedBlock would call the provider's oEmbed endpoint from the server
    and put its iframe in the page, so every reader would be tracked; a click-to-load facade
    keeps the page private and light.
    """

    url = blocks.URLBlock(label=_("Địa chỉ video (YouTube)"))
    title = blocks.CharBlock(label=_("Tên video"), max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "news/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = youtube_embed_url(value["url"])
        return context


def youtube_embed_url(url):
    """Return the privacy-enhanced embed URL of a YouTube link, or "" for other links."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    video_id = ""
    if host in {"youtu.be"}:
        video_id = parsed.path.lstrip("/")
    elif host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        if parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
    if not video_id or not video_id.replace("-", "").replace("_", "").isalnum():
        return ""
    return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "news/blocks/document.html"


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text rendered straight to HTML (page links and embeds expanded).

    Wagtail's RichTextBlock renders every paragraph through a template
    (``wagtailcore/shared/richtext.html``, ``{{ html|safe }}``): an article has dozens of
    paragraphs, and those renders were a tenth of an uncached article page's CPU time."""

    def render(self, value, context=None):
        return mark_safe(expand_db_html(value.source))  # noqa: S308  # nosec B308 B703 - as Wagtail's RichText


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(
        label=_("Đoạn văn"),
        features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"],
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Bảng"), template="news/blocks/table.html")
    video = VideoBlock()
    document = DocumentBlock()
    poll = PollBlock()
    album = AlbumBlock()
    legal_document = LegalDocumentBlock()
