"""The sitemap: an index at /sitemap.xml of paged sections, one for the live
interviews and one each for the public artists, tags and contributors.

Each section page is a slice of a queryset in an indexed order, found by its
keys first (core.pagination), so page 50 costs what page 1 does, and no file
grows past SITEMAP_PAGE entries (search engines accept 50,000; smaller files
are quick to make and to cache). The index says when the archive last
changed."""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import DateTimeField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape

from artists.models import Artist
from core.pagination import KeysFirstPaginator
from interviews.models import Correction, Interview, LanguageVersion, public_tags
from people.models import Contributor
from releases.models import Release

SITEMAP_PAGE = 500
SLUG_MARK = "slug-goes-here"
# Both databases take an OFFSET as a 64-bit integer, and fail on a bigger
# one; no section holds that many rows.
MOST_ROWS = 2**63 - 1


class SectionPaginator(KeysFirstPaginator):
    """A section's pages, found without counting the section (a count reads
    a whole index, the more the bigger the archive): a page past the end is
    found empty instead. The index counts, once, to list the pages."""

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if (number - 1) * self.per_page > MOST_ROWS:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self.object_list.values("pk")[bottom : bottom + self.per_page]
        return Page(self.object_list.filter(pk__in=Subquery(keys)), number, self)


class PagedSitemap(Sitemap):
    """A section of SITEMAP_PAGE addresses a page, found by keys first.

    Each entry is written here, as the XML that Django's template would
    print for it, from the item's slug and the time it last changed, read
    as values: no model instance, reverse() or template tag per item, which
    would be most of the cost of a page of 500."""

    limit = SITEMAP_PAGE
    url_name = ""
    # When an item last changed, as an expression (None: not said).
    lastmod_expression = None
    # What else `links` reads of each item, as values.
    more_values = ()

    @cached_property
    def paginator(self):
        return SectionPaginator(self._items(), self.limit)

    @cached_property
    def address(self):
        return reverse(self.url_name, kwargs={"slug": SLUG_MARK})

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries of the page, each a dict whose `entry` is its XML
        (the section's template prints it); Django's own `latest_lastmod`
        (the response's Last-Modified) is set as its `_urls` would."""
        prefix = escape(f"{self.get_protocol(protocol)}://{self.get_domain(site)}")
        head, tail = (escape(part) for part in self.address.split(SLUG_MARK))
        end = (
            f"<changefreq>{escape(self.changefreq)}</changefreq>"
            f"<priority>{escape(self.priority)}</priority></url>"
        )
        page = self.paginator.page(page)
        rows = page.object_list.values_list(
            "slug",
            self.lastmod_expression or Value(None, DateTimeField()),
            *self.more_values,
        )
        here = timezone.get_current_timezone()
        urls, lastmods = [], []
        for slug, lastmod, *more in rows:
            entry = f"<url><loc>{prefix}{head}{escape(slug)}{tail}</loc>"
            if lastmod is not None:
                entry += f"<lastmod>{lastmod.astimezone(here):%Y-%m-%d}</lastmod>"
            if more:
                entry += self.links(slug, *more, address=(prefix + head, tail))
            lastmods.append(lastmod)
            urls.append({"entry": entry + end})
        if not urls and page.number > 1:
            raise EmptyPage(self.paginator.error_messages["no_results"])
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def links(self, slug, *more, address):
        """More XML for an entry, from its `more_values`."""
        return ""


class InterviewSitemap(PagedSitemap):
    changefreq = "monthly"
    priority = 0.8
    url_name = "interviews:detail"

    # The latest of the last edit, the publication and the last correction
    # (`Interview.modified_at`). SQLite's greatest of a NULL is NULL: an
    # interview never corrected counts its publication instead.
    lastmod_expression = Greatest(
        "updated_at",
        "publish_at",
        Coalesce(
            Subquery(
                Correction.objects.filter(interview=OuterRef("pk"))
                .order_by("-made_at")
                .values("made_at")[:1]
            ),
            "publish_at",
        ),
    )
    # Each entry names its live language versions (and itself) as
    # alternates, read in the page's one query (`with_versions`).
    more_values = ("version_rows",)

    def items(self):
        live = Interview.objects.live().with_versions()
        return live.only("slug", "updated_at", "publish_at")

    def links(self, slug, version_rows, *, address):
        head, tail = address
        versions = LanguageVersion.from_rows(version_rows or [], current=slug)
        links = []
        for version in LanguageVersion.alternates(versions):
            href = f"{head}{escape(version.slug)}{tail}"
            languages = [version.language] + (
                ["x-default"] if version.is_default else []
            )
            links += [
                f'<xhtml:link rel="alternate" hreflang="{escape(language)}" '
                f'href="{href}"/>'
                for language in languages
            ]
        return "".join(links)

    def get_latest_lastmod(self):
        # Each read from the newest end of its index.
        live = Interview.objects.live()
        newest_correction = Subquery(
            Correction.objects.newest_public().values("made_at")[:1]
        )
        # The newest correction rides along with the last edit's row.
        edited = (
            live.order_by("-updated_at")
            .values_list("updated_at", newest_correction)
            .first()
        )
        published = (
            live.order_by("-publish_at").values_list("publish_at", flat=True).first()
        )
        times = [*(edited or ()), published]
        times = [time for time in times if time is not None]
        return max(times) if times else None


class ArtistSitemap(PagedSitemap):
    changefreq = "weekly"
    priority = 0.6
    url_name = "artists:detail"

    def items(self):
        return Artist.objects.public().only("slug").order_by("pk")


class ReleaseSitemap(PagedSitemap):
    changefreq = "monthly"
    priority = 0.5
    url_name = "releases:detail"
    lastmod_expression = F("updated_at")

    def items(self):
        return Release.objects.public().only("slug").order_by("pk")

    def get_latest_lastmod(self):
        public = Release.objects.public().order_by("-updated_at")
        return public.values_list("updated_at", flat=True).first()


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
    "releases": ReleaseSitemap,
    "tags": TagSitemap,
    "contributors": ContributorSitemap,
}
