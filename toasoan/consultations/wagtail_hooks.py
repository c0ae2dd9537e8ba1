"""The "Góp ý dự thảo" admin menu: drafts, the comment moderation queue, summary exports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import export_summary
from .models import Consultation, ConsultationComment


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "doc-full-inverse"
    menu_label = _("Dự thảo")
    url_prefix = "du-thao/du-thao"
    list_display = ["title", "opens", "closes", "live"]
    ordering = ["-opens"]
    panels = [
        FieldPanel("title"),
        FieldPanel("drafting_body"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
                FieldPanel("comments_public"),
            ],
            heading=_("Lấy ý kiến"),
        ),
        FieldPanel("source_docx"),
        FieldPanel("text"),
    ]


class ConsultationCommentViewSet(SnippetViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = _("Ý kiến góp ý")
    url_prefix = "du-thao/y-kien"
    list_display = [
        "commenter",
        "consultation",
        "target_label",
        "status",
        "response_kind",
        "created_at",
    ]
    list_filter = ["status", "consultation", "response_kind"]
    search_fields = ["name", "organisation", "body"]
    ordering = ["status", "-created_at"]
    panels = [
        FieldPanel("consultation", read_only=True),
        FieldRowPanel([FieldPanel("article"), FieldPanel("clause")]),
        FieldRowPanel([FieldPanel("kind", read_only=True), FieldPanel("name", read_only=True)]),
        FieldPanel("organisation", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("response_kind"), FieldPanel("response")],
            heading=_("Ý kiến của cơ quan soạn thảo"),
        ),
    ]


class ConsultationsGroup(SnippetViewSetGroup):
    menu_label = _("Góp ý dự thảo")
    menu_icon = "doc-full-inverse"
    menu_order = 270
    items = (ConsultationViewSet, ConsultationCommentViewSet)


register_snippet(ConsultationsGroup)


@hooks.register("register_admin_urls")
def _export_urls():
    return [
        path(
            "du-thao/tong-hop/<int:pk>.<str:fmt>",
            export_summary,
            name="consultations_export",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def _export_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Consultation) and user.has_perm("consultations.change_consultation"):
        for fmt, label in (
            ("docx", _("Bảng tổng hợp (Word)")),
            ("xlsx", _("Bảng tổng hợp (Excel)")),
        ):
            yield ListingButton(
                label,
                reverse("consultations_export", args=[snippet.pk, fmt]),
                icon_name="download",
                priority=50,
            )
