"""Keeping what is derived from an artist's row in step with it."""

from django.db.models.signals import post_save


def spell_hangul_name(sender, instance, **kwargs):
    # Also on a raw save (fixtures, revisions restored), which no save()
    # override sees.
    from .models import Romanization

    Romanization.refresh([instance])


def connect():
    from .models import Artist

    post_save.connect(
        spell_hangul_name, sender=Artist, dispatch_uid="artists.spell_hangul_name"
    )
