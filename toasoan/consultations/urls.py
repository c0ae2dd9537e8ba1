"""Public URLs of the consultations app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("du-thao/", views.consultation_list, name="list"),
    path("du-thao/<slug:slug>/", views.consultation_detail, name="detail"),
    path("du-thao/<slug:slug>/gop-y/", views.comment_form, name="comment"),
]
