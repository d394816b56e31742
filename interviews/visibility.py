"""What interviews show to readers: the reasons for which an artist, a
contributor or a photo is public (see core.visibility). Registered in
InterviewsConfig.ready()."""

from django.db.models import Q

from artists.models import Artist
from photos.models import Photo

from .models import Contributor, Credit, GalleryPhoto, Interview


def featured_artists(*, upcoming):
    interviews = Interview.objects.public_or_upcoming(upcoming)
    return Q(pk__in=interviews.values("featured_artists"))


def credited_contributors(*, upcoming):
    interviews = Interview.objects.public_or_upcoming(upcoming)
    return Q(
        pk__in=Credit.objects.filter(interview__in=interviews).values("contributor")
    )


def lead_photos(*, upcoming):
    interviews = Interview.objects.public_or_upcoming(upcoming)
    return Q(pk__in=interviews.values("lead_photo"))


def gallery_photos(*, upcoming):
    interviews = Interview.objects.public_or_upcoming(upcoming)
    return Q(
        pk__in=GalleryPhoto.objects.filter(interview__in=interviews).values("photo")
    )


def connect():
    Artist.shown_by.register(featured_artists)
    Contributor.shown_by.register(credited_contributors)
    Photo.shown_by.register(lead_photos)
    Photo.shown_by.register(gallery_photos)
