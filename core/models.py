"""Abstract models and managers with no domain of their own."""

import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import name_key
from .text import without_direction_controls

NEEDS_A_LETTER = _("A name needs at least one letter or digit.")


class SlugManager(models.Manager):
    """Finds rows by slug, their natural key in fixtures and exports."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class FoldedNameModel(models.Model):
    """A model whose names fold to match keys that no two rows may share.

    `name_keys` maps each name field to the field keeping its folded key
    (see `core.names`): "Kim Se Jeong" and "kim sejeong" fold alike, so a
    second row claiming either is refused. Names are stored without
    direction controls (see `core.text`). Subclasses say in `name_taken()`
    who else may hold a key: another row, or rows of other models too (an
    artist's alias claims against every artist's name).
    """

    name_keys = {"name": "name_key"}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalize_names()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        for field in self.name_keys:
            value = without_direction_controls(getattr(self, field))
            if not value:
                continue  # a required name is the field's own error
            key = name_key(value)
            problem = self.name_taken(field, key) if key else NEEDS_A_LETTER
            if problem:
                errors[field] = problem
        if errors:
            raise ValidationError(errors)

    def name_taken(self, field, key):
        """The refusal when another holds `key`, the folded `field`, or None."""
        raise NotImplementedError

    def normalize_names(self):
        """Strip direction controls and derive the match keys (also called
        by imports, which save raw)."""
        for field, key_field in self.name_keys.items():
            value = without_direction_controls(getattr(self, field))
            setattr(self, field, value)
            setattr(self, key_field, name_key(value))


def new_edit_version():
    # Microseconds since the epoch: a fresh number at every save, and one
    # that an old state written back (a restored revision) cannot repeat.
    return time.time_ns() // 1000


class EditVersioned(models.Model):
    """A row that marks each save with a new `edit_version`, so that a form
    made from an older save can tell (core.conflicts). Every save marks it,
    a save of a few fields too (a publish, an unpublish)."""

    edit_version = models.PositiveBigIntegerField(
        default=new_edit_version, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.edit_version = new_edit_version()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "edit_version"}
        super().save(*args, **kwargs)
