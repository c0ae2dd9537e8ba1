"""Public URLs of the polls app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
