"""Interview cards, each drawn once per generation of the content.

Every list of the site (home, interviews, topics, artists, releases, search,
"Read next") is a grid of the same cards, and drawing a card is most of the
cost of a list page: twenty cards are some thirty template lookups each. The
page cache spares a page that many readers ask for; it cannot spare the long
tail of pages few ask for, such as searches, where almost every query is
its own page, or page 300 of a list. So a card is kept on its own, keyed by
the page cache's generation, the language it is drawn in and whether it
names its artists: a list page draws only the cards it has not drawn since
the last change, and fetches the rest in one round trip.

A card shows only the interview, its lead photo and its artists' names,
all of which move the generation when they change; which cards a page
shows is still decided by the page's own query, so a card never makes an
interview public, and a scheduled piece joins the lists on the minute.

Not kept: cards drawn on an editor's preview (a preview can draw the
database as a revision left it, with signals muted, see
`interviews.revisions.render_as_saved`), and any card while the cache does
not answer (the cards are drawn afresh and the page served).
"""

import logging

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

from core.cache import CACHE_ERRORS

from ..pagecache import generation, page_cache

logger = logging.getLogger(__name__)
register = template.Library()

CARD_TEMPLATE = "interviews/includes/card.html"


def card_key(current, interview, show_artists):
    language = translation.get_language()
    return f"card:{current}:{language}:{int(bool(show_artists))}:{interview.pk}"


@register.simple_tag(takes_context=True)
def cards(context, interviews, show_artists=False):
    """The cards of `interviews`, in their order (as
    `interviews/includes/card.html` draws each)."""
    card = context.template.engine.get_template(CARD_TEMPLATE)
    interviews = list(interviews)

    def draw(interview):
        with context.push(
            interview=interview, show_artists=show_artists, as_lead=False
        ):
            return card.render(context)

    if not settings.CARD_CACHE or context.get("is_preview"):
        return mark_safe("".join(draw(interview) for interview in interviews))
    try:
        cache = page_cache()
        current = generation()
        keys = [card_key(current, interview, show_artists) for interview in interviews]
        kept = cache.get_many(keys)
    except CACHE_ERRORS as error:
        logger.warning("The cache did not answer (%s): cards drawn afresh.", error)
        return mark_safe("".join(draw(interview) for interview in interviews))
    drawn = {
        key: draw(interview)
        for key, interview in zip(keys, interviews, strict=True)
        if key not in kept
    }
    if drawn:
        try:
            cache.set_many(drawn, timeout=settings.PAGE_CACHE_SECONDS)
        except CACHE_ERRORS as error:
            logger.warning("The cache did not answer (%s): cards not kept.", error)
    return mark_safe("".join(kept.get(key) or drawn[key] for key in keys))
