"""Public URLs of the outbox app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
