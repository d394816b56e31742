"""What photos show to readers: the contributor credited under a public
photo is public (see core.visibility). Registered in PhotosConfig.ready()."""

from django.db.models import Q

from .models import Photo


def photo_credits(*, upcoming):
    return Q(pk__in=Photo.objects.public(upcoming=upcoming).values("credit"))


def connect():
    contributor = Photo._meta.get_field("credit").related_model
    contributor.shown_by.register(photo_credits)
