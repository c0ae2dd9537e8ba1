"""Public URLs of the statistics app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    # Behind an API key; never cached (the page cache bypasses /api/).
    path("api/thong-ke/", views.json_export, name="json_export"),
]
