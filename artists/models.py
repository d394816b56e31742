from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import EditVersioned, FoldedNameModel, SlugManager
from core.names import name_key
from core.text import without_direction_controls
from core.visibility import ShownBy

from .romanization import spellings


class Agency(models.Model):
    """The company behind an artist, such as Jellyfish Entertainment."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    hangul_name = models.CharField(_("Hangul name"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalize_names()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    def normalize_names(self):
        self.name = without_direction_controls(self.name)
        self.hangul_name = without_direction_controls(self.hangul_name)


class ArtistKind(models.TextChoices):
    SOLOIST = "soloist", _("Soloist")
    GROUP = "group", _("Group")
    SUB_UNIT = "sub_unit", _("Sub-unit")
    BAND = "band", _("Band")
    PRODUCER = "producer", _("Producer")


# Kinds that can have members.
GROUP_KINDS = (ArtistKind.GROUP, ArtistKind.SUB_UNIT, ArtistKind.BAND)


class ArtistQuerySet(models.QuerySet):
    def public(self, *, upcoming=False):
        """What readers may see: artists an editor made public on their own,
        and those that public content shows (`Artist.shown_by`: a live
        interview features them, say). Nothing else is on any public page,
        list, feed, sitemap or search, so an unannounced debut stays unknown
        until its interview goes live.

        With `upcoming=True`, also the artists that scheduled content will
        show: what only editors may change.
        """
        return self.filter(
            Q(is_public=True) | self.model.shown_by.condition(upcoming=upcoming)
        )

    def groups(self):
        return self.filter(kind__in=GROUP_KINDS)

    def matching(self, text):
        """Artists any of whose names contains `text` once both are folded.

        "Kim Se Jeong", "kim sejeong", "Sejeong" and "김세정" all find Kim
        Sejeong, and so do the spellings of her Hangul name: "Kim Sejung",
        "Gim Se-jeong" (`Romanization`).
        """
        key = name_key(text)
        if not key:
            return self.none()
        return self.filter(search_keys__contains=key)

    def claiming(self, key):
        """Artists holding `key` as their name, Hangul name or an alias: the
        names no two artists may share."""
        return self.filter(
            Q(name_key=key)
            | Q(hangul_key=key)
            | Q(pk__in=Alias.objects.filter(key=key).values("artist"))
        )

    def known_as(self, key):
        """The artist a name means, as an import reads it: one that claims
        `key`, else the one artist whose Hangul name is spelled so ("Kim
        Sejung" is 김세정). A spelling that fits two Hangul names means
        neither."""
        claimed = self.claiming(key)
        if claimed.exists():
            return claimed
        spelled = list(
            Romanization.objects.filter(key=key)
            .values_list("artist", flat=True)
            .distinct()[:2]
        )
        return self.filter(pk__in=spelled) if len(spelled) == 1 else self.none()


class ArtistManager(SlugManager.from_queryset(ArtistQuerySet)):
    pass


class Artist(EditVersioned, FoldedNameModel):
    """A soloist, group, sub-unit, band or producer the magazine writes about.

    Every name of an artist (display name, Hangul name, aliases) folds to a
    match key (see `artists.names`); no two artists may share a key.
    """

    name = models.CharField(
        _("name"), max_length=200, help_text=_("In Latin script, e.g. Kim Sejeong.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    hangul_name = models.CharField(_("Hangul name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ArtistKind.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="artists",
    )
    debut_date = models.DateField(_("debut date"), null=True, blank=True)
    disbanded_on = models.DateField(
        _("disbanded"),
        null=True,
        blank=True,
        help_text=_("For a group, sub-unit or band that no longer performs."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_units",
        help_text=_("For a sub-unit: the group it comes from."),
    )
    bio = models.TextField(_("short bio"), blank=True)
    portrait = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("portrait"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
    )
    is_public = models.BooleanField(
        _("profile public"),
        default=False,
        help_text=_(
            "Show the artist's page before any interview does, e.g. a group "
            "that interviews name. An artist a live interview features is "
            "public anyway."
        ),
    )
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    hangul_key = models.CharField(max_length=200, blank=True, editable=False)
    # Every key the artist is found by, space-separated (keys hold letters
    # and digits alone, so no match spans two): its name's, its Hangul
    # name's, its aliases' and its Hangul name's spellings'. Search reads
    # one column of one table rather than every alias and spelling; kept by
    # `refresh_search_keys`.
    search_keys = models.TextField(default="", editable=False)
    # The earliest publication time of content that shows it (see
    # core.visibility), kept by the apps that show it.
    shown_from = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArtistManager()
    name_keys = {"name": "name_key", "hangul_name": "hangul_key"}
    # The reasons for which public content shows an artist; see core.visibility.
    shown_by = ShownBy()

    class Meta:
        ordering = ["name"]
        verbose_name = _("artist")
        verbose_name_plural = _("artists")
        permissions = [
            (
                "change_public_artist",
                _("Can change artists readers see, and make a profile public"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["hangul_key"],
                condition=~Q(hangul_key=""),
                name="artist_hangul_key_unique",
            ),
        ]
        # The index, in name order, a page at a time.
        indexes = [models.Index(fields=["name", "id"], name="artist_name_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("artists:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.parent_id is not None:
            problem = self.parent_problem()
            if problem:
                errors.setdefault("parent", []).append(problem)
        if self.disbanded_on and not self.is_group:
            errors.setdefault("disbanded_on", []).append(
                _("Only a group, sub-unit or band disbands.")
            )
        elif (
            self.disbanded_on
            and self.debut_date
            and self.disbanded_on < self.debut_date
        ):
            errors.setdefault("disbanded_on", []).append(
                _("A group cannot disband before its debut.")
            )
        if errors:
            raise ValidationError(errors)

    def parent_problem(self):
        """Why `parent` cannot be this artist's parent group, or None."""
        if self.kind != ArtistKind.SUB_UNIT:
            return _("Only a sub-unit has a parent group.")
        if self.parent_id == self.pk:
            return _("A sub-unit cannot be its own parent group.")
        parent = self.parent
        if not parent.is_group:
            return _("%(artist)s is not a group.") % {"artist": parent}
        # Walk up: a parent that leads back here would make a cycle.
        seen, above = {self.pk}, parent
        while above is not None:
            if above.pk in seen:
                return _(
                    "%(artist)s is already below this sub-unit: parent groups "
                    "cannot go round in a circle."
                ) % {"artist": parent}
            seen.add(above.pk)
            above = above.parent
        return None

    def name_taken(self, field, key):
        other = Artist.objects.claiming(key).exclude(pk=self.pk).first()
        if other:
            return _("“%(name)s” is already a name of %(artist)s.") % {
                "name": getattr(self, field),
                "artist": other,
            }
        return None

    def natural_key(self):
        return (self.slug,)

    @property
    def is_group(self):
        return self.kind in GROUP_KINDS


class AliasKind(models.TextChoices):
    ROMANIZATION = "romanization", _("Romanization variant")
    HANGUL = "hangul", _("Hangul spelling")
    FORMER_NAME = "former_name", _("Former stage name")
    BIRTH_NAME = "birth_name", _("Birth name")
    OTHER = "other", _("Other")


class AliasManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Alias(FoldedNameModel):
    """Another name for an artist: "Kim Se Jeong" or "SHUUU" (Soseo's former name)."""

    artist = models.ForeignKey(
        Artist,
        verbose_name=_("artist"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=AliasKind.choices,
        default=AliasKind.ROMANIZATION,
    )
    key = models.CharField(
        _("match key"),
        max_length=200,
        unique=True,
        editable=False,
        help_text=_("The name with case, spaces, hyphens and accents folded."),
    )

    objects = AliasManager()
    name_keys = {"name": "key"}

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self):
        return self.name

    def name_taken(self, field, key):
        taken = Alias.objects.filter(key=key).exclude(pk=self.pk).first()
        if taken and taken.artist_id == self.artist_id:
            return _("This artist already has the alias “%s”.") % taken.name
        other = (
            Artist.objects.claiming(key).exclude(pk=self.artist_id).only("name").first()
        )
        if other:
            return _("“%(name)s” is already a name of %(artist)s.") % {
                "name": self.name,
                "artist": other,
            }
        return None

    def natural_key(self):
        return (self.key,)


class RomanizationQuerySet(models.QuerySet):
    def shared(self, artist):
        """Which of `artist`'s spellings mean another artist too, and who:
        {key: the other artist's name}. A spelling of two Hangul names, or
        of one artist's Hangul name and another's own name or alias: search
        finds both; imports take the one whose own name it is, or neither.
        Reported, never merged."""
        keys = list(self.filter(artist=artist).values_list("key", flat=True))
        others = [
            self.filter(key__in=keys)
            .exclude(artist=artist)
            .values_list("key", "artist__name"),
            Artist.objects.filter(name_key__in=keys)
            .exclude(pk=artist.pk)
            .values_list("name_key", "name"),
            Alias.objects.filter(key__in=keys)
            .exclude(artist=artist)
            .values_list("key", "artist__name"),
        ]
        return {key: name for rows in others for key, name in rows}


class Romanization(models.Model):
    """A Latin spelling of an artist's Hangul name (artists.romanization):
    "Kim Sejung" and "Gim Sejeong" for 김세정. Made from the Hangul name at
    every save, never typed; unlike aliases, two artists' spellings may
    coincide (`shared()`), and an editor may accept one as an alias."""

    artist = models.ForeignKey(
        Artist, on_delete=models.CASCADE, related_name="romanizations"
    )
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True)

    objects = RomanizationQuerySet.as_manager()

    class Meta:
        ordering = ["artist", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["artist", "key"], name="romanization_once_per_artist"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def refresh(cls, artists):
        """Spell `artists`' Hangul names again, replacing what was kept."""
        artists = list(artists)
        rows = []
        for artist in artists:
            seen = set()
            for spelling in spellings(artist.hangul_name, person=not artist.is_group):
                key = name_key(spelling)
                if key and key not in seen:
                    seen.add(key)
                    rows.append(cls(artist=artist, name=spelling, key=key))
        cls.objects.filter(artist__in=artists).delete()
        cls.objects.bulk_create(rows, batch_size=1000)
        refresh_search_keys(artist.pk for artist in artists)


def refresh_search_keys(artist_ids):
    """Gather the keys of the artists `artist_ids` into their `search_keys`
    again, from their rows, aliases and spellings: after any of these
    changes, and after a bulk insert, which no signal sees."""
    artist_ids = sorted({pk for pk in artist_ids if pk is not None})
    # A few hundred at a time: SQLite limits the parameters of a query.
    for start in range(0, len(artist_ids), 500):
        chunk = artist_ids[start : start + 500]
        keys = {
            pk: [own, hangul]
            for pk, own, hangul in Artist.objects.filter(pk__in=chunk).values_list(
                "pk", "name_key", "hangul_key"
            )
        }
        for related in (Alias, Romanization):
            rows = related.objects.filter(artist__in=keys).order_by()
            for pk, key in rows.values_list("artist", "key"):
                keys[pk].append(key)
        Artist.objects.bulk_update(
            [
                Artist(pk=pk, search_keys=" ".join(dict.fromkeys(filter(None, held))))
                for pk, held in keys.items()
            ],
            ["search_keys"],
        )


def ends_after_start(name, message):
    """The constraint of a period with a `start_date` and an `end_date`,
    either of which may be unknown (or, for the end, still to come)."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True)
        | Q(start_date__isnull=True)
        | Q(end_date__gte=F("start_date")),
        name=name,
        violation_error_message=message,
    )


class MembershipQuerySet(models.QuerySet):
    def public(self):
        """Memberships readers may see: both the member and the group are
        public, so a public group's page never names a secret new member."""
        public = Artist.objects.public()
        return self.filter(
            Exists(public.filter(pk=OuterRef("member"))),
            Exists(public.filter(pk=OuterRef("group"))),
        )


class MembershipManager(models.Manager.from_queryset(MembershipQuerySet)):
    def get_by_natural_key(self, member_slug, group_slug, start_date):
        return self.get(
            member__slug=member_slug, group__slug=group_slug, start_date=start_date
        )


class Membership(models.Model):
    """An artist's time in a group: Kim Sejeong in I.O.I from 2016 to 2017."""

    member = models.ForeignKey(
        Artist,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    group = models.ForeignKey(
        Artist,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="lineup",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty while current.")
    )
    position = models.CharField(
        _("position"), max_length=100, blank=True, help_text=_("e.g. Main vocalist")
    )

    objects = MembershipManager()

    class Meta:
        ordering = ["start_date", "group__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "group", "start_date"],
                name="membership_unique_period",
                violation_error_message=_(
                    "This membership is already recorded with that start date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(member=F("group")),
                name="membership_not_self",
                violation_error_message=_("An artist cannot be a member of itself."),
            ),
            ends_after_start(
                "membership_ends_after_start",
                _("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("%(member)s in %(group)s") % {
            "member": self.member,
            "group": self.group,
        }

    def has_ended(self, day):
        """Whether the member had left, or the group disbanded, by `day`."""
        ended = [d for d in (self.end_date, self.group.disbanded_on) if d]
        return bool(ended) and min(ended) < day

    def clean(self):
        errors = {}
        if self.member_id and self.member_id == self.group_id:
            errors["group"] = _("An artist cannot be a member of itself.")
        elif self.group_id and not self.group.is_group:
            errors["group"] = _(
                "%(artist)s is a %(kind)s, not a group: only groups, sub-units "
                "and bands have members."
            ) % {"artist": self.group, "kind": self.group.get_kind_display().lower()}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A membership cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        start = self.start_date.isoformat() if self.start_date else None
        return self.member.natural_key() + self.group.natural_key() + (start,)

    natural_key.dependencies = ["artists.artist"]


class AgencyPeriodManager(models.Manager):
    def get_by_natural_key(self, artist_slug, agency_slug, start_date):
        return self.get(
            artist__slug=artist_slug, agency__slug=agency_slug, start_date=start_date
        )


class AgencyPeriod(models.Model):
    """An artist's time with an agency: Kim Sejeong with Jellyfish
    Entertainment from 2016. The artist's `agency` is the one they are with
    now; the periods are the history, which never overlaps."""

    artist = models.ForeignKey(
        Artist,
        verbose_name=_("artist"),
        on_delete=models.CASCADE,
        related_name="agency_history",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty while current.")
    )

    objects = AgencyPeriodManager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("agency period")
        verbose_name_plural = _("agency history")
        constraints = [
            models.UniqueConstraint(
                fields=["artist", "agency", "start_date"],
                name="agency_period_unique_start",
                violation_error_message=_(
                    "This period is already recorded with that start date."
                ),
            ),
            ends_after_start(
                "agency_period_ends_after_start",
                _("A period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("%(artist)s with %(agency)s") % {
            "artist": self.artist,
            "agency": self.agency,
        }

    def overlaps(self, other):
        """Whether the two periods share a day (an open end runs on)."""
        starts_before_other_ends = (
            self.start_date is None
            or other.end_date is None
            or self.start_date <= other.end_date
        )
        ends_after_other_starts = (
            self.end_date is None
            or other.start_date is None
            or self.end_date >= other.start_date
        )
        return starts_before_other_ends and ends_after_other_starts

    def natural_key(self):
        start = self.start_date.isoformat() if self.start_date else None
        return self.artist.natural_key() + self.agency.natural_key() + (start,)

    natural_key.dependencies = ["artists.artist", "artists.agency"]


def overlapping_periods(periods):
    """The first two of `periods` that overlap, or None."""
    periods = list(periods)
    for index, period in enumerate(periods):
        for other in periods[index + 1 :]:
            if period.overlaps(other):
                return period, other
    return None


class LinkPlatform(models.TextChoices):
    WEBSITE = "website", _("Official website")
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    WEVERSE = "weverse", "Weverse"
    SPOTIFY = "spotify", "Spotify"
    OTHER = "other", _("Other")


class ArtistLinkManager(models.Manager):
    def get_by_natural_key(self, artist_slug, url):
        return self.get(artist__slug=artist_slug, url=url)


class ArtistLink(models.Model):
    """An official link of an artist: their website, Instagram, YouTube..."""

    artist = models.ForeignKey(
        Artist, verbose_name=_("artist"), on_delete=models.CASCADE, related_name="links"
    )
    platform = models.CharField(
        _("platform"), max_length=20, choices=LinkPlatform.choices
    )
    url = models.URLField(_("URL"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ArtistLinkManager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("official link")
        verbose_name_plural = _("official links")
        constraints = [
            models.UniqueConstraint(
                fields=["artist", "url"], name="artist_link_unique_url"
            ),
        ]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.url}"

    def natural_key(self):
        return self.artist.natural_key() + (self.url,)

    natural_key.dependencies = ["artists.artist"]
