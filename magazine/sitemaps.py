"""sitemap.xml: live interviews, artists, and the tags and contributors of
live interviews. Each section is one query: items are lists, so the
paginator counts them without asking the database again."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from artists.models import Artist
from interviews.models import Interview


class InterviewSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return list(Interview.objects.live().only("slug", "updated_at", "publish_at"))

    def lastmod(self, interview):
        return max(interview.updated_at, interview.publish_at)


class ArtistSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(Artist.objects.only("slug"))


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return list(Interview.objects.live().tags().only("slug"))

    def location(self, tag):
        return reverse("tags:detail", args=[tag.slug])


class ContributorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return list(Interview.objects.live().contributors().only("slug"))


SITEMAPS = {
    "interviews": InterviewSitemap,
    "artists": ArtistSitemap,
    "tags": TagSitemap,
    "contributors": ContributorSitemap,
}
