"""The sitemap: an index at /sitemap.xml of paged sections, one for the live
interviews and one each for the public artists, tags and contributors.

Each section page is a slice of a queryset in an indexed order, found by its
keys first (core.pagination), so page 50 costs what page 1 does, and no file
grows past SITEMAP_PAGE entries (search engines accept 50,000; smaller files
are quick to make and to cache). The index says when the archive last
changed."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.functional import cached_property

from artists.models import Artist
from core.pagination import KeysFirstPaginator
from interviews.models import Interview, public_tags
from people.models import Contributor

SITEMAP_PAGE = 500


class PagedSitemap(Sitemap):
    limit = SITEMAP_PAGE

    @cached_property
    def paginator(self):
        return KeysFirstPaginator(self._items(), self.limit)


class InterviewSitemap(PagedSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Interview.objects.live().only("slug", "updated_at", "publish_at")

    def lastmod(self, interview):
        return max(interview.updated_at, interview.publish_at)

    def get_latest_lastmod(self):
        # Each read from the newest end of its index.
        live = Interview.objects.live()
        times = [
            live.order_by(f"-{field}").values_list(field, flat=True).first()
            for field in ("updated_at", "publish_at")
        ]
        times = [time for time in times if time is not None]
        return max(times) if times else None


class ArtistSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Artist.objects.public().only("slug").order_by("pk")


class TagSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return public_tags().only("slug").order_by("pk")

    def location(self, tag):
        return reverse("tags:detail", args=[tag.slug])


class ContributorSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Contributor.objects.public().only("slug").order_by("pk")


SITEMAPS = {
    "interviews": InterviewSitemap,
    "artists": ArtistSitemap,
    "tags": TagSitemap,
    "contributors": ContributorSitemap,
}
