"""Django JSON fixtures with natural keys, checked before anything is saved.

Each object is deserialized and validated in turn, so an unknown model or
field, a missing reference or a bad value is reported with the file and the
object's position. Objects are saved as `loaddata` saves them (raw, keeping
their timestamps), after their derived name keys are worked out afresh, so
a fixture that omits or garbles them cannot put a wrong key in.
"""

import json

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, transaction

from interviews.choices import InterviewStatus
from interviews.models import Interview
from interviews.readiness import publication_problems
from interviews.tags import tag_problem

from ..records import NUL, NUL_PROBLEM, ImportProblem

IMPORTABLE_APPS = {"people", "artists", "releases", "interviews", "taggit"}
# Rows the site makes from others, never taken from a file: the spellings
# of a Hangul name are made again whenever its artist is saved.
DERIVED_MODELS = {"artists.romanization"}
# Models that moved between apps, by the label older exports give them.
MOVED_MODELS = {"interviews.contributor": "people.contributor"}
# Fields the site derives from others when an object is saved (search text,
# rendered HTML): exports leave them out, and they are made afresh on import
# whatever a fixture says.
DERIVED_FIELDS = {
    "interviews.interview": {
        "search_document",
        "search_vector",
        "body_html",
        "closing_html",
    },
    "interviews.qaitem": {"answer_html", "original_answer_html"},
}
# Photos are not part of the archive (their files live in the media folder),
# nor are staff accounts (who made a correction stays with the site, and in
# the interview's history): exports leave these references out and an
# import keeps the site's own.
SITE_FIELDS = {
    "interviews.interview": "lead_photo",
    "artists.artist": "portrait",
    "releases.release": "cover",
    "interviews.correction": "made_by",
}


def parse(path, text):
    """The fixture's objects, after checking their shape, models and fields.

    References and values are checked as each object is saved, against what
    the objects before it saved: the run's transaction undoes everything if
    one of them is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(path, error.lineno, f"invalid JSON: {error.msg}") from None
    except RecursionError:
        # A fixture is a list of flat objects; thousands of nested brackets
        # are an attack on the parser's stack, not an archive.
        raise ImportProblem(path, 1, "the JSON nests too deeply") from None
    if not isinstance(data, list):
        raise ImportProblem(path, 1, "a fixture is a JSON list of objects")
    for position, raw in enumerate(data, start=1):
        where = f"object {position}"
        if not isinstance(raw, dict) or not isinstance(raw.get("fields", {}), dict):
            raise ImportProblem(path, 0, f"{where}: not a fixture object")
        label = str(raw.get("model", ""))
        label = raw["model"] = MOVED_MODELS.get(label.lower(), label)
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            model = None
        if (
            model is None
            or model._meta.app_label not in IMPORTABLE_APPS
            or model._meta.label_lower in DERIVED_MODELS
        ):
            raise ImportProblem(path, 0, f"{where}: unknown model “{label}”")
        known = {field.name for field in model._meta.get_fields()}
        for name in raw.get("fields", {}):
            if name not in known:
                raise ImportProblem(
                    path, 0, f"{where} ({label}): unknown field “{name}”"
                )
        # JSON writes one as \u0000, which the file's text does not show.
        if holds_nul(raw):
            raise ImportProblem(path, 0, f"{where} ({label}): {NUL_PROBLEM}")
    return list(enumerate(data, start=1))


def holds_nul(value):
    """Whether a value read from a file, or anything it holds, has a NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(each) for pair in value.items() for each in pair)
    if isinstance(value, list):
        return any(holds_nul(each) for each in value)
    return False


def save(path, objects, summary):
    """Save the objects in order; count them as created, updated or unchanged.

    Returns the published interviews among them, with where each came from,
    for `check_publishable` once every fixture of the run is saved (their
    credits and Q&A items come after them)."""
    published = []
    for position, raw in objects:
        label = raw["model"]
        where = f"object {position} ({label})"
        try:
            (deserialized,) = serializers.deserialize(
                "python", [raw], handle_forward_references=True
            )
        except (DeserializationError, ObjectDoesNotExist) as error:
            reason = str(error.__cause__ or error)
            raise ImportProblem(path, 0, f"{where}: {reason}") from None
        instance = deserialized.object
        model = type(instance)
        if hasattr(instance, "normalize_names"):
            instance.normalize_names()
        existing = model.objects.filter(pk=instance.pk).first() if instance.pk else None
        site_field = SITE_FIELDS.get(label)
        if site_field and existing is not None:
            attname = f"{site_field}_id"
            setattr(instance, attname, getattr(existing, attname))
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ImportProblem(
                path, 0, f"{where}: {'; '.join(error.messages)}"
            ) from None
        problem = label == "taggit.tag" and tag_problem(instance.name)
        if problem:
            raise ImportProblem(path, 0, f"{where}: {problem}")
        if existing is not None and same_fields(existing, instance, label):
            summary.count(model._meta.model_name, "unchanged")
        else:
            action = "updated" if existing is not None else "created"
            summary.count(model._meta.model_name, action)
        try:
            with transaction.atomic():
                deserialized.save()
        except IntegrityError as error:
            raise ImportProblem(path, 0, f"{where}: {error}") from None
        if deserialized.deferred_fields:
            missing = ", ".join(
                f"{field.name} {value}"
                for field, value in deserialized.deferred_fields.items()
            )
            try:
                with transaction.atomic():
                    deserialized.save_deferred_fields()
            except (DeserializationError, ObjectDoesNotExist, IntegrityError):
                raise ImportProblem(
                    path, 0, f"{where}: it names what no file holds: {missing}"
                ) from None
            # A language version naming an original that came after it is
            # checked once the link is made.
            problems = getattr(instance, "version_problems", dict)()
            if problems:
                messages = "; ".join(str(m) for ms in problems.values() for m in ms)
                raise ImportProblem(path, 0, f"{where}: {messages}")
        if (
            label == "interviews.interview"
            and instance.status == InterviewStatus.PUBLISHED
        ):
            published.append((path, where, instance.pk))
    return published


def check_publishable(published):
    """A fixture publishes only what is ready, as every other route must:
    a published interview needs its text, an artist and a credit."""
    for path, where, pk in published:
        problems = publication_problems(Interview.objects.get(pk=pk))
        if problems:
            reasons = " ".join(map(str, problems))
            raise ImportProblem(path, 0, f"{where}: cannot be published: {reasons}")


def same_fields(existing, instance, label):
    skipped = DERIVED_FIELDS.get(label, set())
    return all(
        getattr(existing, field.attname) == getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.name not in skipped
    )
