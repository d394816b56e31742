"""The interview app's public addresses: articles, tags and contributors,
each under its own prefix and namespace (see magazine/urls.py)."""

from django.urls import path

from . import views

interview_urls = (
    [
        path("", views.InterviewListView.as_view(), name="list"),
        path("<slug:slug>/", views.InterviewDetailView.as_view(), name="detail"),
    ],
    "interviews",
)

tag_urls = (
    [path("<tag:slug>/", views.TagDetailView.as_view(), name="detail")],
    "tags",
)

contributor_urls = (
    [path("<slug:slug>/", views.ContributorDetailView.as_view(), name="detail")],
    "contributors",
)

preview_urls = (
    [path("<int:pk>/", views.InterviewPreviewView.as_view(), name="interview")],
    "preview",
)
