"""Public URLs of the procedures app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("thu-tuc-hanh-chinh/", views.index, name="index"),
    path("thu-tuc-hanh-chinh/<str:code>/", views.detail, name="detail"),
]
