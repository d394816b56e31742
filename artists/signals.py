"""Keeping what is derived from an artist's row in step with it."""

from django.db.models.signals import post_delete, post_save, pre_save


def spell_hangul_name(sender, instance, **kwargs):
    # Also on a raw save (fixtures, revisions restored), which no save()
    # override sees. The spellings are among the artist's search keys, which
    # this refreshes too.
    from .models import Romanization

    Romanization.refresh([instance])


def note_alias_owner(sender, instance, **kwargs):
    # The artist the alias belonged to until now, which loses its key if the
    # alias moves to another.
    from .models import Alias

    instance.previous_artist_id = (
        Alias.objects.filter(pk=instance.pk).values_list("artist", flat=True).first()
        if instance.pk
        else None
    )


def refresh_alias_owners(sender, instance, **kwargs):
    from .models import refresh_search_keys

    previous = getattr(instance, "previous_artist_id", None)
    refresh_search_keys([instance.artist_id, previous])


def connect():
    from .models import Alias, Artist

    post_save.connect(
        spell_hangul_name, sender=Artist, dispatch_uid="artists.spell_hangul_name"
    )
    pre_save.connect(
        note_alias_owner, sender=Alias, dispatch_uid="artists.note_alias_owner"
    )
    post_save.connect(
        refresh_alias_owners, sender=Alias, dispatch_uid="artists.saved_alias"
    )
    post_delete.connect(
        refresh_alias_owners, sender=Alias, dispatch_uid="artists.deleted_alias"
    )
