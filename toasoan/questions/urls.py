"""Public URLs of the questions app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
