from django.urls import path

from . import views

app_name = "artists"

urlpatterns = [
    path("", views.ArtistIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.ArtistDetailView.as_view(), name="detail"),
]
