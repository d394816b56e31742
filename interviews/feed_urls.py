from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("rss/", feeds.InterviewFeed(), name="site-rss"),
    path("atom/", feeds.AtomInterviewFeed(), name="site-atom"),
    path("<str:language>/rss/", feeds.LanguageFeed(), name="language-rss"),
    path("<str:language>/atom/", feeds.AtomLanguageFeed(), name="language-atom"),
    path("artists/<slug:slug>/rss/", feeds.ArtistFeed(), name="artist-rss"),
    path("artists/<slug:slug>/atom/", feeds.AtomArtistFeed(), name="artist-atom"),
    path("tags/<tag:slug>/rss/", feeds.TagFeed(), name="tag-rss"),
    path("tags/<tag:slug>/atom/", feeds.AtomTagFeed(), name="tag-atom"),
    path(
        "contributors/<slug:slug>/rss/",
        feeds.ContributorFeed(),
        name="contributor-rss",
    ),
    path(
        "contributors/<slug:slug>/atom/",
        feeds.AtomContributorFeed(),
        name="contributor-atom",
    ),
]
