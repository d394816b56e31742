"""What artist pages show to readers: a public artist's portrait is a public
photo (see core.visibility). Registered in ArtistsConfig.ready()."""

from django.db.models import Q

from photos.models import Photo

from .models import Artist


def portraits(*, upcoming):
    return Q(pk__in=Artist.objects.public(upcoming=upcoming).values("portrait"))


def connect():
    Photo.shown_by.register(portraits)
