"""The StreamField block that links a legal document from an article body (used by
toasoan/news/blocks.py): "Văn bản liên quan"."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class LegalDocumentBlock(blocks.StructBlock):
    document = SnippetChooserBlock("documents.Document", label=_("Văn bản"))
    note = blocks.CharBlock(
        label=_("Ghi chú"),
        required=False,
        max_length=255,
        help_text=_("Để trống để hiện trích yếu của văn bản."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Văn bản liên quan")
        template = "documents/document_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = value.get("document")
        # A draft or unpublished document has no public page: nothing to link to.
        context["document"] = document if document is not None and document.live else None
        return context
