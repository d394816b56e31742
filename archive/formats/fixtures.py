"""Django JSON fixtures with natural keys, checked before anything is saved.

Each object is deserialized and validated in turn, so an unknown model or
field, a missing reference or a bad value is reported with the file and the
object's position. Objects are saved as `loaddata` saves them (raw, keeping
their timestamps), after their derived name keys are worked out afresh, so
a fixture that omits or garbles them cannot put a wrong key in.
"""

import json

from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError

from ..records import ImportProblem

IMPORTABLE_APPS = {"artists", "interviews", "taggit"}
SKIPPED_FIELDS = {"interviews.interview": {"search_document"}}


def parse(path, text):
    """Deserialized objects, in file order, after checking each of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(path, error.lineno, f"invalid JSON: {error.msg}") from None
    if not isinstance(data, list):
        raise ImportProblem(path, 1, "a fixture is a JSON list of objects")
    objects = []
    for position, raw in enumerate(data, start=1):
        where = f"object {position}"
        label = raw.get("model", "") if isinstance(raw, dict) else ""
        if label.split(".")[0] not in IMPORTABLE_APPS:
            raise ImportProblem(path, 0, f"{where}: unknown model “{label}”")
        try:
            (deserialized,) = serializers.deserialize(
                "python", [raw], handle_forward_references=True
            )
        except DeserializationError as error:
            reason = str(error.__cause__ or error)
            raise ImportProblem(path, 0, f"{where} ({label}): {reason}") from None
        objects.append((position, label, deserialized))
    return objects


def save(path, objects, summary):
    """Save checked objects; count them as created, updated or unchanged."""
    for position, label, deserialized in objects:
        instance = deserialized.object
        model = type(instance)
        if hasattr(instance, "fold_names"):
            instance.fold_names()
        existing = model.objects.filter(pk=instance.pk).first() if instance.pk else None
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ImportProblem(
                path, 0, f"object {position} ({label}): {'; '.join(error.messages)}"
            ) from None
        if existing is not None and same_fields(existing, instance, label):
            summary.count(model._meta.model_name, "unchanged")
        else:
            action = "updated" if existing is not None else "created"
            summary.count(model._meta.model_name, action)
        deserialized.save()
        if deserialized.deferred_fields:
            deserialized.save_deferred_fields()


def same_fields(existing, instance, label):
    skipped = SKIPPED_FIELDS.get(label, set())
    return all(
        getattr(existing, field.attname) == getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.name not in skipped
    )
