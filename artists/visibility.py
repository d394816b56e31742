"""What artist pages show to readers: a public artist's portrait is a public
photo (see core.visibility). Connected in ArtistsConfig.ready()."""

from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.signals import post_save, pre_save

from core.visibility import ALWAYS
from photos.models import Photo

from .models import Artist


def portraits():
    """The earliest moment an artist whose portrait it is became public:
    always, for one an editor made public on their own."""
    since = Case(When(is_public=True, then=Value(ALWAYS)), default=F("shown_from"))
    artists = Artist.objects.filter(portrait=OuterRef("pk")).annotate(since=since)
    return Subquery(
        artists.order_by(F("since").asc(nulls_last=True)).values("since")[:1]
    )


def portraits_of(pks):
    artists = Artist.objects.all() if pks is None else Artist.objects.filter(pk__in=pks)
    return set(artists.exclude(portrait=None).values_list("portrait", flat=True))


def artists_refreshed(pks):
    Photo.shown_by.refresh(None if pks is None else portraits_of(pks))


_portraits_before = {}


def artist_changing(sender, instance, raw=False, **kwargs):
    if instance.pk is not None:
        old = Artist.objects.filter(pk=instance.pk).values("portrait").first()
        _portraits_before[instance.pk] = old and old["portrait"]


def artist_changed(sender, instance, **kwargs):
    # Its own name or profile flag may make its portrait public or not.
    old = _portraits_before.pop(instance.pk, None)
    Photo.shown_by.refresh({instance.portrait_id, old})


def connect():
    Photo.shown_by.register(portraits)
    Artist.shown_by.follow(artists_refreshed)
    pre_save.connect(
        artist_changing, sender=Artist, dispatch_uid="visibility.artist_changing"
    )
    post_save.connect(
        artist_changed, sender=Artist, dispatch_uid="visibility.artist_changed"
    )
