"""Where to go next, for a reader who found nothing: the latest pieces, and
the artists and topics they are about.

The empty search page and a search without results offer all three; the
404 page offers a short list of the latest pieces. Everything comes from
live interviews (`Interview.objects.live()`), so only what readers may see
is suggested, at a cost that does not grow with the archive.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from artists.models import Artist
from interviews.models import Interview, TaggedInterview, public_tags

from .pagecache import kept_while_current

logger = logging.getLogger(__name__)

LATEST_PIECES = 6
SUGGESTED_ARTISTS = 10
SUGGESTED_TOPICS = 10
# The artists and topics suggested are those of this many latest pieces:
# what the magazine covers now, found from a handful of rows.
RECENT_PIECES = 24
# The 404 page lists this many of the latest pieces, by title.
NOT_FOUND_PIECES = 5
SUGGESTIONS_TEMPLATE = "includes/suggestions.html"


def recent_live_ids():
    return (
        Interview.objects.live()
        .order_by("-publish_at", "-pk")
        .values("pk")[:RECENT_PIECES]
    )


def suggestions():
    """The latest live pieces (as cards), and the public artists and topics
    of the recent ones: three queries, whatever the archive's size."""
    recent = recent_live_ids()
    featured = Interview.featured_artists.through.objects.filter(
        interview__in=recent
    ).values("artist")
    tagged = TaggedInterview.objects.filter(content_object__in=recent).values("tag")
    return {
        "latest": Interview.objects.live().with_cards()[:LATEST_PIECES],
        "suggested_artists": Artist.objects.public()
        .filter(pk__in=featured)
        .order_by("name")[:SUGGESTED_ARTISTS],
        # Tags are typed in any case ("KIMEproducer", "kpop"): sorted as
        # readers read them.
        "suggested_topics": public_tags()
        .filter(pk__in=tagged)
        .order_by(Lower("name"))[:SUGGESTED_TOPICS],
    }


def drawn_suggestions(request):
    """The suggestions as SUGGESTIONS_TEMPLATE draws them ("" with no live
    piece to suggest), for the search page with no query or nothing found.

    Anyone can send searches that find nothing, at any rate, and each is a
    page of its own that the page cache cannot spare: what they all show is
    drawn once per generation and language (`kept_while_current`), as the
    cards are, so that such a search costs its own queries alone. Drawn
    afresh each time with CARD_CACHE off."""

    def draw():
        context = suggestions()
        if not context["latest"]:
            return ""
        return str(render_to_string(SUGGESTIONS_TEMPLATE, context, request=request))

    if not settings.CARD_CACHE:
        return mark_safe(draw())
    name = f"suggestions:{translation.get_language()}"
    return mark_safe(kept_while_current(name, draw))


def latest_for_not_found():
    """A few of the latest live pieces (title, address, date), for the 404
    page, which anyone can ask for at any rate.

    They are kept in the page cache for the current generation, so that a
    flood of 404s costs no query, and any change readers could see (or a
    scheduled piece going live) is shown at once, as on cached pages. If
    the database fails, the page goes without them: a list of links is not
    worth an error page."""

    def latest():
        return [
            {
                "title": interview.title,
                "url": interview.get_absolute_url(),
                "publish_at": interview.publish_at,
            }
            for interview in Interview.objects.live().only(
                "title", "slug", "publish_at"
            )[:NOT_FOUND_PIECES]
        ]

    try:
        return kept_while_current("suggestions:not-found", latest)
    except DatabaseError as error:
        logger.warning("The 404 page goes without the latest pieces: %s", error)
        return []
