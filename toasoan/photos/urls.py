"""Public URLs of the photos app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
