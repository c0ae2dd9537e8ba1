"""Public URLs of the decree42 app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
