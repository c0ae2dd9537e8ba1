"""Public URLs of the contact app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
