from django.urls import path

from . import page_passwords

app_name = "security"

# Wagtail's own routes for page and document passwords, answered first by the throttled
# views (page_passwords.py); Wagtail reverses its URL names to these same paths.
urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.authenticate_page_password,
        name="page_password",
    ),
    path(
        "tai-lieu/authenticate_with_password/<int:restriction_id>/",
        page_passwords.authenticate_document_password,
        name="document_password",
    ),
]
