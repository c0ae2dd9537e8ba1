from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Video


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Thư viện video")
    menu_name = "thu-vien-video"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "date", "section", "live"]
    list_filter = ["live"]
    search_fields = ["title"]


register_snippet(VideoViewSet)
