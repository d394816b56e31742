from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("upcoming/", views.UpcomingReleasesView.as_view(), name="upcoming"),
    path("upcoming.ics", views.upcoming_calendar, name="calendar"),
    path("upcoming/<slug:slug>.ics", views.upcoming_calendar, name="artist-calendar"),
    path("<int:year>/<int:month>/", views.MonthReleasesView.as_view(), name="month"),
    path("<slug:slug>/", views.ReleaseDetailView.as_view(), name="detail"),
]
