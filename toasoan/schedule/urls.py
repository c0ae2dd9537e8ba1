"""Public URLs of the schedule app (included at the site root by toasoan/urls.py)."""

urlpatterns = []
