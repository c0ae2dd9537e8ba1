app_name = "distribution"

urlpatterns = []
