"""The site's URLs plus /__boom__/, which raises, so a test can see the 500 page as served."""

from django.urls import path

from toasoan.urls import handler404, handler500  # noqa: F401
from toasoan.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("__boom__/", boom), *site_urlpatterns]
