"""Public URLs of the statistics app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
