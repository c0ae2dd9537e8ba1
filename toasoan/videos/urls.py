"""Public URLs of the videos app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
