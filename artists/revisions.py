"""What a revision of an artist keeps (django-reversion): its fields with
its aliases, memberships (as member and as group), links and agency
history, restored
together. Named here because the admin picks its inlines per artist (a
group has a line-up), which django-reversion cannot see; this runs first,
from the admin module."""

import reversion

from .models import AgencyPeriod, Alias, Artist, ArtistLink, Membership

ARTIST_PARTS = ["aliases", "memberships", "lineup", "links", "agency_history"]


def register():
    for part in (Alias, Membership, ArtistLink, AgencyPeriod):
        if not reversion.is_registered(part):
            reversion.register(part)
    if not reversion.is_registered(Artist):
        reversion.register(Artist, follow=ARTIST_PARTS)
