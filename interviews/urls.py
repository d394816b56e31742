"""The interview app's public addresses: articles, tags, contributors and
corrections, each under its own prefix and namespace (see magazine/urls.py)."""

from django.urls import path

from . import views


def interview_urls(article_view=views.InterviewDetailView):
    """The list and the article pages. The site layer names the view that
    draws an article, since the page draws on apps above this one (its
    comments)."""
    return (
        [
            path("", views.InterviewListView.as_view(), name="list"),
            path("<slug:slug>/", article_view.as_view(), name="detail"),
        ],
        "interviews",
    )


tag_urls = (
    [path("<tag:slug>/", views.TagDetailView.as_view(), name="detail")],
    "tags",
)

correction_urls = (
    [path("", views.CorrectionListView.as_view(), name="list")],
    "corrections",
)

contributor_urls = (
    [path("<slug:slug>/", views.ContributorDetailView.as_view(), name="detail")],
    "contributors",
)

preview_urls = (
    [
        path("<int:pk>/", views.InterviewPreviewView.as_view(), name="interview"),
        path(
            "shared/<str:token>/",
            views.SharedPreviewView.as_view(),
            name="shared",
        ),
    ],
    "preview",
)
