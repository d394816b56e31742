"""Releases: singles, EPs, albums, with their artists and tracklists."""

from datetime import datetime, time

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from artists.models import Agency, Artist
from core.models import EditVersioned, SlugManager
from core.visibility import ShownBy


class ReleaseKind(models.TextChoices):
    SINGLE = "single", _("Single")
    DIGITAL_SINGLE = "digital_single", _("Digital single")
    MINI_ALBUM = "mini_album", _("Mini album (EP)")
    STUDIO_ALBUM = "studio_album", _("Studio album")
    REPACKAGE = "repackage", _("Repackage")
    OST = "ost", _("OST")


# A kind as it reads inside a sentence ("Fanfare (mini album (EP), 3 April
# 2025)"): lowercasing the label would make "(ep)" and "ost" of the
# abbreviations.
KIND_IN_SENTENCE = {
    ReleaseKind.SINGLE: pgettext_lazy("a release's kind in a sentence", "single"),
    ReleaseKind.DIGITAL_SINGLE: pgettext_lazy(
        "a release's kind in a sentence", "digital single"
    ),
    ReleaseKind.MINI_ALBUM: pgettext_lazy(
        "a release's kind in a sentence", "mini album (EP)"
    ),
    ReleaseKind.STUDIO_ALBUM: pgettext_lazy(
        "a release's kind in a sentence", "studio album"
    ),
    ReleaseKind.REPACKAGE: pgettext_lazy("a release's kind in a sentence", "repackage"),
    ReleaseKind.OST: pgettext_lazy("a release's kind in a sentence", "OST"),
}


class DatePrecision(models.TextChoices):
    """How much of the release time is known: the texts of the archive say
    "March 29 at 6 PM KST" of one release and only "May 2021" of another."""

    MINUTE = "minute", _("Day and time")
    DAY = "day", _("Day")
    MONTH = "month", _("Month")


def start_of_day(day=None):
    """Midnight in Korean time at the start of `day` (today by default)."""
    day = day or timezone.localdate()
    return timezone.make_aware(datetime.combine(day, time.min))


class ReleaseQuerySet(models.QuerySet):
    def public(self, *, upcoming=False):
        """What readers may see: releases an editor announced, and those that
        public content shows (a live interview about it). An unannounced
        comeback is on no page, list, feed or sitemap until then."""
        return self.filter(
            Q(is_public=True) | self.model.shown_by.condition(upcoming=upcoming)
        )

    def upcoming(self):
        """Releases from the start of today in Korean time on; one known only
        to the month is upcoming all month long."""
        today = timezone.localdate()
        return self.filter(
            Q(released_at__gte=start_of_day(today))
            | Q(
                precision=DatePrecision.MONTH,
                released_at__gte=start_of_day(today.replace(day=1)),
            )
        )

    def with_public_credits(self):
        """Each release's artists readers may see, as `public_credits`: a
        public release never names an unannounced artist."""
        return self.prefetch_related(
            models.Prefetch(
                "credits",
                ReleaseArtist.objects.filter(
                    artist__in=Artist.objects.public()
                ).select_related("artist"),
                to_attr="public_credits",
            )
        )


class ReleaseManager(SlugManager.from_queryset(ReleaseQuerySet)):
    pass


class Release(EditVersioned):
    """A single, EP or album: I'm, Kim Sejeong's second mini album."""

    title = models.CharField(_("title"), max_length=200)
    hangul_title = models.CharField(_("Hangul title"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ReleaseKind.choices)
    released_at = models.DateTimeField(
        _("release time"), help_text=_("Korean time (KST).")
    )
    precision = models.CharField(
        _("known to the"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.MINUTE,
        help_text=_("How much of the release time is known and shown."),
    )
    artists = models.ManyToManyField(
        Artist,
        through="ReleaseArtist",
        verbose_name=_("artists"),
        related_name="releases",
    )
    label = models.ForeignKey(
        Agency,
        verbose_name=_("label or agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cover = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("cover"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cover_of",
    )
    is_public = models.BooleanField(
        _("announced"),
        default=False,
        help_text=_(
            "Show the release before any interview about it goes live. Leave "
            "unticked while a comeback is under embargo."
        ),
    )
    # The earliest publication time of content that shows it (see
    # core.visibility), kept by the apps that show it.
    shown_from = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReleaseManager()
    shown_by = ShownBy()

    class Meta:
        ordering = ["-released_at", "title"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        permissions = [
            (
                "change_public_release",
                _("Can change releases readers see, and announce one"),
            ),
        ]
        indexes = [models.Index(fields=["released_at"], name="release_time")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:detail", kwargs={"slug": self.slug})

    @property
    def kind_in_sentence(self):
        return KIND_IN_SENTENCE.get(self.kind, self.get_kind_display())

    def natural_key(self):
        return (self.slug,)

    @property
    def title_tracks(self):
        return [track for track in self.tracks.all() if track.is_title_track]


class ArtistRole(models.TextChoices):
    MAIN = "main", _("Main artist")
    FEATURED = "featured", _("Featured artist")


class ReleaseArtistManager(models.Manager):
    def get_by_natural_key(self, release_slug, artist_slug):
        return self.get(release__slug=release_slug, artist__slug=artist_slug)


class ReleaseArtist(models.Model):
    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="credits"
    )
    artist = models.ForeignKey(
        Artist,
        verbose_name=_("artist"),
        on_delete=models.CASCADE,
        related_name="release_credits",
    )
    role = models.CharField(
        _("as"), max_length=10, choices=ArtistRole.choices, default=ArtistRole.MAIN
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ReleaseArtistManager()

    class Meta:
        ordering = ["role", "position", "pk"]
        verbose_name = _("release artist")
        verbose_name_plural = _("release artists")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "artist"],
                name="release_artist_once",
                violation_error_message=_("This artist is already on the release."),
            )
        ]

    def __str__(self):
        return f"{self.artist} ({self.get_role_display()})"

    def natural_key(self):
        return self.release.natural_key() + self.artist.natural_key()

    natural_key.dependencies = ["releases.release", "artists.artist"]


class TrackManager(models.Manager):
    def get_by_natural_key(self, release_slug, position):
        return self.get(release__slug=release_slug, position=position)


class Track(models.Model):
    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="tracks"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    hangul_title = models.CharField(_("Hangul title"), max_length=200, blank=True)
    is_title_track = models.BooleanField(_("title track"), default=False)

    objects = TrackManager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("track")
        verbose_name_plural = _("tracklist")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "position"],
                name="track_position_once",
                violation_error_message=_("Two tracks cannot share one number."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="track_position_from_one",
                violation_error_message=_("Tracks are numbered from 1."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.release.natural_key(), self.position)

    natural_key.dependencies = ["releases.release"]
