"""Public URLs of the documents app (included at the site root by toasoan/urls.py)."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/<int:pk>/", views.document_detail, name="detail"),
    path("van-ban/tep/<int:pk>/<str:filename>", views.attachment_download, name="attachment"),
    path("van-ban/xem/<int:pk>/<str:filename>", views.attachment_preview, name="preview"),
    path("api/documents/", views.document_api, name="api"),
]
