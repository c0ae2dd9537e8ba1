from django.urls import path

from . import views

app_name = "english"

urlpatterns = [
    path("en/news/", views.news_list, name="news"),
]
