"""What interviews show to readers: the reasons for which an artist, a
contributor or a photo is public (see core.visibility). Registered in
InterviewsConfig.ready().

Each reason is a correlated EXISTS through the relation's own index (the
artist's rows of the featured-artists table, say), so that asking whether
one artist, or a page of them, is public reads those rows only, whatever
the size of the archive.
"""

from django.db.models import Exists, OuterRef, Q

from artists.models import Artist
from photos.models import Photo

from .models import Contributor, Credit, GalleryPhoto, Interview, live_condition

Featuring = Interview.featured_artists.through


def featured_artists(*, upcoming):
    return Q(
        Exists(
            Featuring.objects.filter(
                live_condition("interview__", upcoming=upcoming),
                artist=OuterRef("pk"),
            )
        )
    )


def credited_contributors(*, upcoming):
    return Q(
        Exists(
            Credit.objects.filter(
                live_condition("interview__", upcoming=upcoming),
                contributor=OuterRef("pk"),
            )
        )
    )


def lead_photos(*, upcoming):
    return Q(
        Exists(
            Interview.objects.filter(
                live_condition(upcoming=upcoming), lead_photo=OuterRef("pk")
            )
        )
    )


def gallery_photos(*, upcoming):
    return Q(
        Exists(
            GalleryPhoto.objects.filter(
                live_condition("interview__", upcoming=upcoming),
                photo=OuterRef("pk"),
            )
        )
    )


def connect():
    Artist.shown_by.register(featured_artists)
    Contributor.shown_by.register(credited_contributors)
    Photo.shown_by.register(lead_photos)
    Photo.shown_by.register(gallery_photos)
