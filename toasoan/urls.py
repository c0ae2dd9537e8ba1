from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from toasoan.core import views as core_views

# Each newsroom concept owns its URLs; Wagtail's page tree takes whatever is left.
urlpatterns = [
    path("quan-tri/", include(wagtailadmin_urls)),
    # Before Wagtail's document URLs: throttled page/document password forms.
    path("", include("toasoan.security.urls")),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("", include("toasoan.search.urls")),
    path("", include("toasoan.botcheck.urls")),
    path("", include("toasoan.comments.urls")),
    path("", include("toasoan.distribution.urls")),
    path("", include("toasoan.legacy.urls")),
    path("", include("toasoan.newsroom.urls")),
    path("", include("toasoan.ops.urls")),
    # The state-agency portal; each app owns its prefixes (/van-ban/, /hoi-dap/, …).
    path("", include("toasoan.documents.urls")),
    path("", include("toasoan.consultations.urls")),
    path("", include("toasoan.questions.urls")),
    path("", include("toasoan.contact.urls")),
    path("", include("toasoan.polls.urls")),
    path("", include("toasoan.organisation.urls")),
    path("", include("toasoan.schedule.urls")),
    path("", include("toasoan.procedures.urls")),
    path("", include("toasoan.photos.urls")),
    path("", include("toasoan.videos.urls")),
    path("", include("toasoan.statistics.urls")),
    path("", include("toasoan.decree42.urls")),
    path("", include("toasoan.english.urls")),
]

if settings.DEBUG or getattr(settings, "TOASOAN_SERVE_MEDIA", False):
    # `make run` (DEBUG off, no web server in front) serves uploaded files itself, with the
    # shipped nginx site file's rules (toasoan/core/media.py); production leaves /media/ to nginx.
    from toasoan.core.media import serve_public_media

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_public_media)]

# Wagtail's pages: Vietnamese ones at their usual URLs, the English home's tree under /en/
# (its language is activated from the path: toasoan/english/middleware.py).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

handler404 = core_views.page_not_found
handler500 = core_views.server_error
