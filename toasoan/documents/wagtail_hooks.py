"""The "Văn bản" admin menu: documents (draft/publish like the newsroom), types, issuing
bodies and fields."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Document, DocumentField, DocumentType, IssuingBody


class DocumentViewSet(SnippetViewSet):
    model = Document
    icon = "doc-full"
    menu_label = _("Văn bản")
    url_prefix = "van-ban/van-ban"
    list_display = ["number", "doc_type", "issuer", "issued", "live"]
    list_filter = ["doc_type", "issuer", "live"]
    search_fields = ["number", "abstract"]
    ordering = ["-issued"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                FieldRowPanel(
                    [FieldPanel("issued"), FieldPanel("effective"), FieldPanel("expiry")]
                ),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("abstract"),
        FieldPanel("fields"),
        InlinePanel("attachments", heading=_("Tệp đính kèm"), label=_("Tệp")),
        InlinePanel("relations", heading=_("Văn bản liên quan"), label=_("Quan hệ")),
    ]


class _NamedViewSet(SnippetViewSet):
    list_display = ["name", "code", "order"]
    ordering = ["order", "name"]
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("slug"), FieldPanel("order")]


class DocumentTypeViewSet(_NamedViewSet):
    model = DocumentType
    icon = "tag"
    menu_label = _("Loại văn bản")
    url_prefix = "van-ban/loai"


class IssuingBodyViewSet(_NamedViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("Cơ quan ban hành")
    url_prefix = "van-ban/co-quan"


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực")
    url_prefix = "van-ban/linh-vuc"
    list_display = ["name", "order"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("order")]


class DocumentsGroup(SnippetViewSetGroup):
    menu_label = _("Văn bản")
    menu_icon = "doc-full"
    menu_order = 260
    items = (DocumentViewSet, DocumentTypeViewSet, IssuingBodyViewSet, DocumentFieldViewSet)


register_snippet(DocumentsGroup)
