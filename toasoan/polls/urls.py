"""Public URLs of the polls app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("binh-chon/", views.poll_list, name="list"),
    path("binh-chon/<int:pk>/", views.detail, name="detail"),
    path("binh-chon/<int:pk>/bo-phieu/", views.vote, name="vote"),
    path("binh-chon/<int:pk>/thu-thach/", views.challenge, name="challenge"),
]
