"""Editors write the English news under "Tin tiếng Anh" in the admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EnglishArticle


class EnglishArticleViewSet(SnippetViewSet):
    model = EnglishArticle
    icon = "doc-full"
    menu_label = _("Tin tiếng Anh")
    add_to_admin_menu = True
    menu_order = 290
    list_display = ["title", "published_at", "live", "updated_at"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        PageChooserPanel("original", "news.ArticlePage"),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("live")]),
    ]


register_snippet(EnglishArticleViewSet)
