"""What photos show to readers: the contributor credited under a public
photo is public (see core.visibility). Registered in PhotosConfig.ready()."""

from django.db.models import Exists, OuterRef, Q

from people.models import Contributor

from .models import Photo


def photo_credits(*, upcoming):
    public = Photo.objects.public(upcoming=upcoming)
    return Q(Exists(public.filter(credit=OuterRef("pk"))))


def connect():
    Contributor.shown_by.register(photo_credits)
