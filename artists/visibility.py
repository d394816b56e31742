"""What artist pages show to readers: a public artist's portrait is a public
photo (see core.visibility). Registered in ArtistsConfig.ready()."""

from django.db.models import Exists, OuterRef, Q

from photos.models import Photo

from .models import Artist


def portraits(*, upcoming):
    public = Artist.objects.public(upcoming=upcoming)
    return Q(Exists(public.filter(portrait=OuterRef("pk"))))


def connect():
    Photo.shown_by.register(portraits)
