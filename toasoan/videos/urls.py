"""Public URLs of the video library (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "videos"
urlpatterns = [
    path("thu-vien-video/", views.video_index, name="index"),
    path("thu-vien-video/tep/<int:pk>/", views.video_file, name="file"),
    path("thu-vien-video/phu-de/<int:pk>.vtt", views.captions_file, name="captions"),
    path("thu-vien-video/<slug:slug>/", views.video_detail, name="video"),
]
