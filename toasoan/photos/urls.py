"""Public URLs of the photo library (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "photos"
urlpatterns = [
    path("thu-vien-anh/", views.album_index, name="index"),
    path("thu-vien-anh/<slug:slug>/", views.album_detail, name="album"),
]
