"""What makes an artist, a contributor or a photo public.

Such a row is public when an editor made it public on its own, or when
public content shows it: a live interview features the artist, credits the
contributor, leads with the photo. Each such model stores `shown_from`, the
earliest publication time of the content that shows the row (empty while
none does), and `public()` compares it with the time: an artist that only a
scheduled interview features becomes public the minute the interview goes
live, with no job run, like the interview itself. Asking whether a row is
public is then one column of the row itself, at any size of the archive.

The content that shows a row belongs to a higher app than the row: artists
know nothing of interviews. So each model keeps a `ShownBy` registry. The
higher apps register, in their `AppConfig.ready()`, their *reasons* (each
an expression: the earliest publication time of their content that shows
the row) and call `refresh()` for the rows their changes touch. A refresh
tells the registry's *followers* which rows it changed, so that what
depends on them follows: a public artist's portrait is a public photo, and
the photo's credit a public contributor.
"""

from datetime import UTC, datetime

from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least, NullIf
from django.db.models.signals import post_save, pre_save

from .db import ClockTime

# Stands for "no content shows it" inside Least(), whose NULL handling
# differs between databases; never stored.
NEVER = datetime(9999, 12, 31, tzinfo=UTC)
# Stands for "public all along": a dependent of a row an editor made public.
ALWAYS = datetime(1900, 1, 1, tzinfo=UTC)

registries = []


class ShownBy:
    """The reasons for which public content shows rows of one model, kept
    on the model as `shown_by` (the model has a `shown_from` field)."""

    def __init__(self):
        self.reasons = []
        self.followers = []
        registries.append(self)

    def contribute_to_class(self, model, name):
        self.model = model
        setattr(model, name, self)

    def register(self, reason):
        """`reason()` returns an expression over the model's rows: the
        earliest publication time of content that shows the row, or NULL."""
        if reason not in self.reasons:
            self.reasons.append(reason)
        return reason

    def follow(self, follower):
        """`follower(pks)` is called after a refresh of those rows (None:
        all of them), to refresh what depends on them."""
        if follower not in self.followers:
            self.followers.append(follower)
        return follower

    def condition(self, *, upcoming=False):
        """The rows that public content shows now, or with `upcoming` also
        those that scheduled content will show once it goes live."""
        if upcoming:
            return Q(shown_from__isnull=False)
        return Q(shown_from__lte=ClockTime())

    def soonest(self):
        """The earliest time a reason gives, NEVER when none does: never
        NULL, so that it compares like any value in every database."""
        times = [Coalesce(reason(), Value(NEVER)) for reason in self.reasons]
        if not times:
            return Value(NEVER)
        return times[0] if len(times) == 1 else Least(*times)

    def earliest(self):
        return NullIf(self.soonest(), Value(NEVER))

    def refresh(self, pks=None):
        """Work out `shown_from` afresh for the rows `pks` (all rows when
        None), then for what depends on them. Returns how many rows changed.

        Only rows whose time differs are written: a refresh of every row
        runs after each `migrate`, and rewriting thousands of unchanged rows
        (and their indexes) cost more than working their times out. When
        none changed, nothing that depends on them can have, and the
        followers are spared."""
        rows = self.model._default_manager.all()
        if pks is not None:
            pks = {pk for pk in pks if pk is not None}
            if not pks:
                return 0
            rows = rows.filter(pk__in=pks)
        stale = rows.alias(
            stored=Coalesce(F("shown_from"), Value(NEVER)), fresh=self.soonest()
        ).exclude(stored=F("fresh"))
        changed = stale.update(shown_from=self.earliest())
        if changed:
            for follower in self.followers:
                follower(pks)
        return changed


def shown_through(model, field, target, *, public_flag=None):
    """Make a `target` row public while a public row of `model` points at
    it through the foreign key `field`: an artist's portrait, a release's
    cover, a photo's credit. Registers the reason on `target.shown_by`,
    follows `model.shown_by`'s refreshes, and refreshes the old and the new
    target when a row of `model` changes it. A `model` row whose
    `public_flag` an editor ticked shows its target always."""

    def since():
        earliest = F("shown_from")
        if public_flag:
            earliest = Case(
                When(**{public_flag: True}, then=Value(ALWAYS)), default=earliest
            )
        rows = model._default_manager.filter(**{field: OuterRef("pk")})
        rows = rows.annotate(since=earliest).order_by(F("since").asc(nulls_last=True))
        return Subquery(rows.values("since")[:1])

    def refreshed(pks):
        rows = model._default_manager.all()
        if pks is not None:
            rows = rows.filter(pk__in=pks)
        targets = set(rows.exclude(**{field: None}).values_list(field, flat=True))
        target.shown_by.refresh(None if pks is None else targets)

    before = {}

    def changing(sender, instance, raw=False, **kwargs):
        if instance.pk is not None:
            old = model._default_manager.filter(pk=instance.pk).values(field).first()
            before[instance.pk] = old and old[field]

    def changed(sender, instance, **kwargs):
        # Its own flags may make its target public or not, as may a new one.
        old = before.pop(instance.pk, None)
        target.shown_by.refresh({getattr(instance, f"{field}_id"), old})

    target.shown_by.register(since)
    model.shown_by.follow(refreshed)
    uid = f"visibility.{model._meta.label_lower}.{field}"
    pre_save.connect(changing, sender=model, weak=False, dispatch_uid=f"{uid}.before")
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.after")


def refresh_all():
    """Every row of every registry, as after a bulk load or a migration.
    Returns how many rows changed."""
    return sum(registry.refresh() for registry in registries)
