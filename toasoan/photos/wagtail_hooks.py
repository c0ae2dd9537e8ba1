from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import views
from .models import Album


class AlbumEditView(EditView):
    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton(
                _("Tải nhiều ảnh lên"),
                url=reverse("photos_bulk_upload", args=[self.object.pk]),
                icon_name="upload",
            ),
        ]


class AlbumViewSet(SnippetViewSet):
    model = Album
    icon = "image"
    menu_label = _("Thư viện ảnh")
    menu_name = "thu-vien-anh"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "date", "event", "section", "live"]
    list_filter = ["live"]
    search_fields = ["title", "event"]
    edit_view_class = AlbumEditView


register_snippet(AlbumViewSet)


@hooks.register("register_admin_urls")
def register_photo_urls():
    return [path("thu-vien-anh/<int:pk>/tai-len/", views.bulk_upload, name="photos_bulk_upload")]
