"""What photos show to readers: the contributor credited under a public
photo is public (see core.visibility). Registered in PhotosConfig.ready()."""

from django.db.models import Q

from people.models import Contributor

from .models import Photo


def photo_credits(*, upcoming):
    return Q(pk__in=Photo.objects.public(upcoming=upcoming).values("credit"))


def connect():
    Contributor.shown_by.register(photo_credits)
