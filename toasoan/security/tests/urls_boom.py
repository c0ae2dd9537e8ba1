"""The site's URLs plus a view that fails, for the 500-page test."""

from django.urls import path

from toasoan import urls as site_urls


def boom(request):
    secret = "chuoi-bi-mat-trong-loi"  # must never reach the reader
    raise RuntimeError(f"database password is {secret} in /srv/toasoan/settings.py")


urlpatterns = [path("loi-thu/", boom), *site_urls.urlpatterns]
handler404 = site_urls.handler404
handler500 = site_urls.handler500
