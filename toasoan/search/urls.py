from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("tim-kiem/", views.search_page, name="search"),
    path("api/search/", views.search_api, name="api"),
]
