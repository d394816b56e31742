from django.contrib import admin
from django.urls import include, path

from interviews.views import HomeView

admin.site.site_header = "K-pop Magazine"
admin.site.site_title = "K-pop Magazine admin"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("interviews/", include("interviews.urls")),
    path("admin/", admin.site.urls),
]
