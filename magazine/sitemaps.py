"""The sitemap: an index at /sitemap.xml of paged sections, one for the live
interviews and one each for the public artists, tags and contributors.

Each section page is a slice of a queryset in an indexed order, so page 50
costs what page 1 does and no file grows past SITEMAP_PAGE entries (search
engines accept 50,000; smaller files are quick to make and to cache). The
index says when each section last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from artists.models import Artist
from interviews.models import Interview, public_tags
from people.models import Contributor

SITEMAP_PAGE = 2000


class PagedSitemap(Sitemap):
    limit = SITEMAP_PAGE


class InterviewSitemap(PagedSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Interview.objects.live().only("slug", "updated_at", "publish_at")

    def lastmod(self, interview):
        return max(interview.updated_at, interview.publish_at)

    def get_latest_lastmod(self):
        latest = Interview.objects.live().aggregate(
            updated=Max("updated_at"), published=Max("publish_at")
        )
        times = [time for time in latest.values() if time is not None]
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
