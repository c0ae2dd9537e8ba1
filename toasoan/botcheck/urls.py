from django.urls import path

from . import views

app_name = "botcheck"

urlpatterns = [
    path("kiem-tra/thu-thach/", views.challenge, name="challenge"),
    path("kiem-tra/anh/<str:question_id>.png", views.question_image, name="image"),
]
