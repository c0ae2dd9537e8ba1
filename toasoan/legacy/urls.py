app_name = "legacy"

urlpatterns = []
