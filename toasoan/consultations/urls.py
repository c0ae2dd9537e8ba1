"""Public URLs of the consultations app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
