from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("binh-luan/thu-thach/", views.challenge, name="challenge"),
    path("binh-luan/<int:page_id>/", views.comment_page, name="form"),
    path("binh-luan/<int:page_id>/phien/", views.session, name="session"),
    path("binh-luan/xac-nhan/<str:token>/", views.confirm_email, name="confirm_email"),
]
