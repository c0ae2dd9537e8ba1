"""Public URLs of the contact app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [path("lien-he/", views.contact, name="page")]
