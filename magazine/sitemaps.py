"""sitemap.xml: live interviews, and the public artists, tags and
contributors. Each section is one query: items are lists, so the
paginator counts them without asking the database again."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from artists.models import Artist
from interviews.models import Interview
from people.models import Contributor


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
        return list(Artist.objects.public().only("slug"))


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
        return list(Contributor.objects.public().only("slug"))


SITEMAPS = {
    "interviews": InterviewSitemap,
    "artists": ArtistSitemap,
    "tags": TagSitemap,
    "contributors": ContributorSitemap,
}
