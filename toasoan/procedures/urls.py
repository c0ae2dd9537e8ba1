"""Public URLs of the procedures app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
