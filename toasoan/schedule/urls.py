"""Public URLs of the schedule app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", views.week, name="week"),
    path("lich-cong-tac/lich.ics", views.feed, name="feed"),
]
