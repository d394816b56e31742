"""What interviews show to readers: the reasons for which an artist, a
contributor or a photo is public (see core.visibility), and the refreshes
that keep them current as interviews, their featured artists, credits and
photos change. Connected in InterviewsConfig.ready().

Each reason is the earliest publication time of the published interviews
that show the row, read through the relation's own index (the artist's
rows of the featured-artists table, say).
"""

from django.db.models import OuterRef, Subquery
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from artists.models import Artist
from people.models import Contributor
from photos.models import Photo
from releases.models import Release

from .models import Credit, GalleryPhoto, Interview, live_condition

Featuring = Interview.featured_artists.through
AboutRelease = Interview.releases.through


def _earliest(rows, path):
    """The earliest `path` (a publication time) of `rows`, published ones
    only, as a subquery."""
    published = rows.filter(
        live_condition(path.removesuffix("publish_at"), upcoming=True)
    )
    return Subquery(published.order_by(path).values(path)[:1])


def featured_artists():
    return _earliest(
        Featuring.objects.filter(artist=OuterRef("pk")), "interview__publish_at"
    )


def releases_about():
    return _earliest(
        AboutRelease.objects.filter(release=OuterRef("pk")), "interview__publish_at"
    )


def credited_contributors():
    return _earliest(
        Credit.objects.filter(contributor=OuterRef("pk")), "interview__publish_at"
    )


def lead_photos():
    return _earliest(Interview.objects.filter(lead_photo=OuterRef("pk")), "publish_at")


def gallery_photos():
    return _earliest(
        GalleryPhoto.objects.filter(photo=OuterRef("pk")), "interview__publish_at"
    )


def refresh_interview(
    interview, *, artists=(), photos=(), contributors=(), releases=()
):
    """Refresh what `interview` shows (and what it showed: `artists`,
    `photos`, `contributors`, `releases` it has just let go). Called on
    every change of it and of its inlines, and by bulk imports, which send
    no signals."""
    Artist.shown_by.refresh(
        {*artists, *interview.featured_artists.values_list("pk", flat=True)}
    )
    Release.shown_by.refresh(
        {*releases, *interview.releases.values_list("pk", flat=True)}
    )
    gallery = GalleryPhoto.objects.filter(interview=interview)
    Photo.shown_by.refresh(
        {*photos, interview.lead_photo_id, *gallery.values_list("photo", flat=True)}
    )
    Contributor.shown_by.refresh(
        {*contributors, *interview.credits.values_list("contributor", flat=True)}
    )


# What a row was before it changed, from pre_save and pre_delete: the
# photo an interview no longer leads with, the contributor a credit no
# longer names, the artists a deleted interview featured.
_before = {}


def _remember(instance, **related):
    _before[(type(instance), instance.pk)] = related


def _recall(instance):
    return _before.pop((type(instance), instance.pk), {})


def interview_changing(sender, instance, raw=False, **kwargs):
    if instance.pk is not None:
        old = Interview.objects.filter(pk=instance.pk).values("lead_photo").first()
        _remember(instance, photos=[old and old["lead_photo"]])


def interview_changed(sender, instance, **kwargs):
    refresh_interview(instance, **_recall(instance))


def interview_leaving(sender, instance, **kwargs):
    gallery = GalleryPhoto.objects.filter(interview=instance)
    _remember(
        instance,
        artists=list(instance.featured_artists.values_list("pk", flat=True)),
        photos=[instance.lead_photo_id, *gallery.values_list("photo", flat=True)],
        contributors=list(instance.credits.values_list("contributor", flat=True)),
        releases=list(instance.releases.values_list("pk", flat=True)),
    )


def interview_left(sender, instance, **kwargs):
    before = _recall(instance)
    Artist.shown_by.refresh(before.get("artists", ()))
    Photo.shown_by.refresh(before.get("photos", ()))
    Contributor.shown_by.refresh(before.get("contributors", ()))
    Release.shown_by.refresh(before.get("releases", ()))


def relation_changed(model, field):
    """An m2m_changed receiver for `Interview.<field>` (featured artists, the
    releases it is about): refreshes the `model` rows added, removed or
    cleared, from either end of the relation."""

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if action == "pre_clear":
            if reverse:  # one row's interviews
                _remember(instance, rows=[instance.pk])
            else:
                rows = getattr(instance, field).values_list("pk", flat=True)
                _remember(instance, rows=list(rows))
        elif action in ("post_add", "post_remove", "post_clear"):
            rows = set(pk_set or ()) if not reverse else {instance.pk}
            rows |= set(_recall(instance).get("rows", ()))
            model.shown_by.refresh(rows)

    changed.__name__ = f"{field}_changed"
    return changed


def _link_changing(field):
    def changing(sender, instance, raw=False, **kwargs):
        if instance.pk is not None:
            old = sender.objects.filter(pk=instance.pk).values(field).first()
            _remember(instance, old=old and old[field])

    return changing


def credit_changed(sender, instance, **kwargs):
    old = _recall(instance).get("old")
    Contributor.shown_by.refresh({instance.contributor_id, old})


def gallery_changed(sender, instance, **kwargs):
    old = _recall(instance).get("old")
    Photo.shown_by.refresh({instance.photo_id, old})


def connect():
    Artist.shown_by.register(featured_artists)
    Release.shown_by.register(releases_about)
    Contributor.shown_by.register(credited_contributors)
    Photo.shown_by.register(lead_photos)
    Photo.shown_by.register(gallery_photos)
    for signal, handler, sender in [
        (pre_save, interview_changing, Interview),
        (post_save, interview_changed, Interview),
        (pre_delete, interview_leaving, Interview),
        (post_delete, interview_left, Interview),
        (pre_save, _link_changing("contributor"), Credit),
        (post_save, credit_changed, Credit),
        (post_delete, credit_changed, Credit),
        (pre_save, _link_changing("photo"), GalleryPhoto),
        (post_save, gallery_changed, GalleryPhoto),
        (post_delete, gallery_changed, GalleryPhoto),
        (m2m_changed, relation_changed(Artist, "featured_artists"), Featuring),
        (m2m_changed, relation_changed(Release, "releases"), AboutRelease),
    ]:
        signal.connect(
            handler,
            sender=sender,
            weak=False,
            dispatch_uid=f"visibility.{handler.__name__}.{sender.__name__}",
        )
