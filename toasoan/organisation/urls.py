"""Public URLs of the organisation app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
