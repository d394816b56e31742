app_name = "comments"
urlpatterns = []
