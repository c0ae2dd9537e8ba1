"""Public URLs of the documents app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
