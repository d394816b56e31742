"""What photos show to readers: the contributor credited under a public
photo is public (see core.visibility). Connected in PhotosConfig.ready()."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.signals import post_save, pre_save

from people.models import Contributor

from .models import Photo


def photo_credits():
    photos = Photo.objects.filter(credit=OuterRef("pk"))
    return Subquery(
        photos.order_by(F("shown_from").asc(nulls_last=True)).values("shown_from")[:1]
    )


def photos_refreshed(pks):
    photos = Photo.objects.all() if pks is None else Photo.objects.filter(pk__in=pks)
    credited = set(photos.exclude(credit=None).values_list("credit", flat=True))
    Contributor.shown_by.refresh(None if pks is None else credited)


_credits_before = {}


def photo_changing(sender, instance, raw=False, **kwargs):
    if instance.pk is not None:
        old = Photo.objects.filter(pk=instance.pk).values("credit").first()
        _credits_before[instance.pk] = old and old["credit"]


def photo_changed(sender, instance, **kwargs):
    old = _credits_before.pop(instance.pk, None)
    Contributor.shown_by.refresh({instance.credit_id, old})


def connect():
    Contributor.shown_by.register(photo_credits)
    Photo.shown_by.follow(photos_refreshed)
    pre_save.connect(
        photo_changing, sender=Photo, dispatch_uid="visibility.photo_changing"
    )
    post_save.connect(
        photo_changed, sender=Photo, dispatch_uid="visibility.photo_changed"
    )
