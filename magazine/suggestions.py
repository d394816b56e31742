"""Where to go next, for a reader who found nothing: the latest pieces, and
the artists and topics they are about.

The empty search page and a search without results offer all three; the
404 page offers a short list of the latest pieces. Everything comes from
live interviews (`Interview.objects.live()`), so only what readers may see
is suggested, at a cost that does not grow with the archive.
"""

import logging

from django.db import DatabaseError
from django.db.models.functions import Lower

from artists.models import Artist
from core.cache import CACHE_ERRORS
from interviews.models import Interview, TaggedInterview, public_tags

from .pagecache import generation, page_cache, seconds_to_keep

logger = logging.getLogger(__name__)

LATEST_PIECES = 6
SUGGESTED_ARTISTS = 10
SUGGESTED_TOPICS = 10
# The artists and topics suggested are those of this many latest pieces:
# what the magazine covers now, found from a handful of rows.
RECENT_PIECES = 24
# The 404 page lists this many of the latest pieces, by title.
NOT_FOUND_PIECES = 5


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


def latest_for_not_found():
    """A few of the latest live pieces (title, address, date), for the 404
    page, which anyone can ask for at any rate.

    They are kept in the page cache for the current generation, so that a
    flood of 404s costs no query, and any change readers could see (or a
    scheduled piece going live) is shown at once, as on cached pages. If
    the database fails, the page goes without them: a list of links is not
    worth an error page."""
    try:
        cache = page_cache()
        current = generation()
        key = f"suggestions:not-found:{current}"
        pieces = cache.get(key)
        if pieces is not None:
            return pieces
    except CACHE_ERRORS as error:
        logger.warning("The cache did not answer (%s): 404 list read afresh.", error)
        cache = None
    try:
        pieces = [
            {
                "title": interview.title,
                "url": interview.get_absolute_url(),
                "publish_at": interview.publish_at,
            }
            for interview in Interview.objects.live().only(
                "title", "slug", "publish_at"
            )[:NOT_FOUND_PIECES]
        ]
    except DatabaseError as error:
        logger.warning("The 404 page goes without the latest pieces: %s", error)
        return []
    if cache is not None:
        try:
            seconds = seconds_to_keep(current)
            if seconds > 0:
                cache.set(key, pieces, timeout=seconds)
        except (DatabaseError, *CACHE_ERRORS) as error:
            logger.warning("The 404 list was not kept: %s", error)
    return pieces
