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
SLUG_MARK = "slug-goes-here"


class PagedSitemap(Sitemap):
    """A section of SITEMAP_PAGE addresses a page, found by keys first.

    Addresses are made from one reversed pattern per section rather than a
    reverse() per item, which would be most of the cost of a page of 500."""

    limit = SITEMAP_PAGE
    url_name = ""

    @cached_property
    def paginator(self):
        return KeysFirstPaginator(self._items(), self.limit)

    @cached_property
    def address(self):
        return reverse(self.url_name, kwargs={"slug": SLUG_MARK})

    def location(self, item):
        return self.address.replace(SLUG_MARK, item.slug)


class InterviewSitemap(PagedSitemap):
    changefreq = "monthly"
    priority = 0.8
    url_name = "interviews:detail"

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
    url_name = "artists:detail"

    def items(self):
        return Artist.objects.public().only("slug").order_by("pk")


class TagSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.4
    url_name = "tags:detail"

    def items(self):
        return public_tags().only("slug").order_by("pk")


class ContributorSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.4
    url_name = "contributors:detail"

    def items(self):
        return Contributor.objects.public().only("slug").order_by("pk")


SITEMAPS = {
    "interviews": InterviewSitemap,
    "artists": ArtistSitemap,
    "tags": TagSitemap,
    "contributors": ContributorSitemap,
}
