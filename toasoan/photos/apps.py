from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "toasoan.photos"
    label = "photos"
    verbose_name = _("Thư viện ảnh")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models
        from toasoan.statistics.content import Described, register_content_kind

        from .demo import load_demo
        from .models import Album

        watch_models("photos")
        register_section("photos", _("Thư viện ảnh"), "photos:index", order=60)

        def last_updated():
            album = Album.objects.public().order_by("-updated_at").first()
            return album.updated_at if album else None

        register_category("photos", _("Thư viện ảnh"), last_updated, "photos:index", order=80)
        register_demo_loader("photos", load_demo, order=60)

        def describe(match):
            album = Album.objects.public().filter(slug=match.kwargs.get("slug")).first()
            if album is None:
                return None
            section = album.section
            return Described(
                "album",
                album.pk,
                album.title,
                section.pk if section else None,
                section.title if section else "",
            )

        register_content_kind("album", _("Album ảnh"), ["photos:album"], describe)
