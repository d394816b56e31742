"""RSS 2.0 and Atom feeds of live interviews, with full text and byline:
for the whole magazine, and for one artist, tag or contributor."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from artists.models import Artist, Membership
from people.models import Contributor

from .choices import Language, Role
from .models import Credit, Interview, public_tags

FEED_LENGTH = 20
SITE_NAME = "K-pop Magazine"


class InterviewFeed(Feed):
    """The whole magazine. Subclasses narrow `interviews()` to one subject."""

    feed_type = Rss201rev2Feed
    title = SITE_NAME
    description = _("Interviews with K-pop artists, in their own words.")
    url_name = "site"

    def link(self, obj=None):
        return reverse("home")

    def feed_url(self, obj=None):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        args = [obj.slug] if obj is not None else []
        return reverse(f"feeds:{self.url_name}-{kind}", args=args)

    def interviews(self, obj):
        return Interview.objects.live()

    def items(self, obj=None):
        # The newest keys first, and then those rows alone: sorting a busy
        # contributor's 14,000 pieces whole, long texts and all, to keep
        # twenty took 220 ms at 100,000 interviews.
        newest = self.interviews(obj).values("pk")[:FEED_LENGTH]
        return (
            Interview.objects.live()
            .filter(pk__in=Subquery(newest))
            .with_corrections()
            .prefetch_related(
                Prefetch("credits", Credit.objects.select_related("contributor")),
                "qa_items",
            )
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_to_string("interviews/feed_item.html", {"interview": item})

    def item_author_name(self, item):
        """The people who made the piece; the full byline is in the content."""
        authors = [
            credit.contributor.name
            for credit in item.credits.all()
            if credit.role in (Role.INTERVIEWER, Role.WRITER)
        ]
        return ", ".join(authors) or None

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        # A correction is a change readers are told of: the item is updated.
        return item.modified_at

    def item_guid(self, item):
        return item.get_absolute_url()


class AtomInterviewFeed(InterviewFeed):
    feed_type = Atom1Feed
    subtitle = InterviewFeed.description


class LanguageFeed(InterviewFeed):
    """The whole magazine in one language (/feeds/ko/rss/): the versions
    published in it, and the pieces written in it. An unknown code is a
    404."""

    url_name = "language"

    def get_object(self, request, language):
        if language not in Language.values:
            raise Http404("The magazine publishes in no such language.")
        return Language(language)

    def title(self, obj):
        return f"{SITE_NAME} ({obj.label})"

    def link(self, obj):
        return f"{reverse('interviews:list')}?lang={obj.value}"

    def feed_url(self, obj):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        return reverse(f"feeds:language-{kind}", args=[obj.value])

    def interviews(self, obj):
        return Interview.objects.live().filter(published_in=obj)

    def get_feed(self, obj, request):
        # Its own title and description, and each item's byline and
        # corrections, are in the feed's language, as its pages are
        # (`render_in`); the feed generator turns every text into a string
        # as it is given, so the override covers them all.
        with translation.override(obj.value):
            feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.value
        return feed


class AtomLanguageFeed(LanguageFeed):
    feed_type = Atom1Feed
    subtitle = InterviewFeed.description


class SubjectFeedMixin:
    """A feed about one public artist, tag or contributor, found by slug."""

    model = None
    url_name = ""

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.public(), slug=slug)

    def title(self, obj):
        return f"{SITE_NAME}: {obj}"

    def description(self, obj):
        return _("Interviews on %(site)s: %(subject)s.") % {
            "site": SITE_NAME,
            "subject": obj,
        }

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return obj.get_absolute_url()


class ArtistFeed(SubjectFeedMixin, InterviewFeed):
    model = Artist
    url_name = "artist"

    def interviews(self, obj):
        # A group's feed is its page's list: with its members' interviews
        # since they joined (InterviewQuerySet.featuring).
        lineup = Membership.objects.public().filter(group=obj) if obj.is_group else ()
        return Interview.objects.live().featuring(obj, lineup)


class TagFeed(SubjectFeedMixin, InterviewFeed):
    url_name = "tag"

    def get_object(self, request, slug):
        # A tag that only hidden interviews carry has no feed: its name
        # alone could give a draft away.
        return get_object_or_404(public_tags(), slug=slug)

    def interviews(self, obj):
        return Interview.objects.live().filter(tags=obj)

    def title(self, obj):
        return f"{SITE_NAME}: #{obj.name}"

    def link(self, obj):
        return reverse("tags:detail", args=[obj.slug])


class ContributorFeed(SubjectFeedMixin, InterviewFeed):
    model = Contributor
    url_name = "contributor"

    def interviews(self, obj):
        return Interview.objects.live().credited_to(obj)


class AtomArtistFeed(ArtistFeed):
    feed_type = Atom1Feed


class AtomTagFeed(TagFeed):
    feed_type = Atom1Feed


class AtomContributorFeed(ContributorFeed):
    feed_type = Atom1Feed
