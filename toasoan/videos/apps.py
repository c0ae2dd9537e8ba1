from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideosConfig(AppConfig):
    name = "toasoan.videos"
    label = "videos"
    verbose_name = _("Thư viện video")

    def ready(self):
        from toasoan.core.portal import register_category, register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models
        from toasoan.statistics.content import Described, register_content_kind

        from .demo import load_demo
        from .models import Video

        watch_models("videos")
        register_section("videos", _("Thư viện video"), "videos:index", order=61)

        def last_updated():
            video = Video.objects.public().order_by("-updated_at").first()
            return video.updated_at if video else None

        register_category("videos", _("Thư viện video"), last_updated, "videos:index", order=81)
        register_demo_loader("videos", load_demo, order=61)

        def describe(match):
            video = Video.objects.public().filter(slug=match.kwargs.get("slug")).first()
            if video is None:
                return None
            section = video.section
            return Described(
                "video",
                video.pk,
                video.title,
                section.pk if section else None,
                section.title if section else "",
            )

        register_content_kind("video", _("Video"), ["videos:video"], describe)
