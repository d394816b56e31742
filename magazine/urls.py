from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from comments.views import CommentedArticleView
from interviews.urls import (
    contributor_urls,
    correction_urls,
    interview_urls,
    preview_urls,
    tag_urls,
)

from .admin_language import choose_admin_language
from .media import media_urls
from .pagecache import page_params
from .sitemaps import SITEMAPS
from .views import HomeView, SearchView

handler404 = "magazine.views.page_not_found"

admin.site.site_header = _("K-pop Magazine")
admin.site.site_title = _("K-pop Magazine admin")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # The article page is the interview with its comments.
    path("interviews/", include(interview_urls(article_view=CommentedArticleView))),
    path("interviews/", include("comments.urls")),
    path("artists/", include("artists.urls")),
    path("releases/", include("releases.urls")),
    path("tags/", include(tag_urls)),
    path("contributors/", include(contributor_urls)),
    path("corrections/", include(correction_urls)),
    path("search/", SearchView.as_view(), name="search"),
    path("feeds/", include("interviews.feed_urls")),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        page_params("p")(sitemaps.sitemap),
        # Each entry comes written by the section (magazine.sitemaps), as
        # Django's own template would print it: one tag per entry.
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/section.xml"},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
    path("preview/interviews/", include(preview_urls)),
    path(
        "admin/language/",
        admin.site.admin_view(choose_admin_language),
        name="admin-language",
    ),
    path("admin/", admin.site.urls),
    *media_urls(),
]
