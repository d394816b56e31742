"""No silent overwrite: a form made from an older save of its row is refused.

Two editors open one interview; the first saves; the second saves from the
form they opened before that. Without this, the second save writes back
every field of the old form, the first editor's standfirst and answers
included, and both see "changed successfully".

`EditConflictForm` carries a signed token in a hidden field: the row's
`edit_version` (core.models.EditVersioned, new at every save) when the form
was made, and a
digest of each part the form edits (its fields and, through
`related_snapshot()`, the inline rows). On submit, inside the admin's
transaction, the row is read again under a lock: if it has been saved since,
the form is invalid, nothing is written, and the errors say who changed
what, with their version of each changed field beside what this editor
typed, which stays in the form. The token is renewed, so saving again after
merging goes through. Two saves at the same moment meet at the lock: the
second reads the first's version and is refused.

Restoring a revision is a save like any other, with one difference:
django-reversion builds the form from the old revision, reverted inside a
transaction it rolls back, so the row the form sees carries that
revision's `edit_version`, not the stored one. The admin tells the form the
stored version it restores over (`restoring_over`, core.admin
`RestoresOverTheLatestSave`), and a restore opened before someone else's
save is refused like a stale form.
"""

import hashlib
import json

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .cache import CACHE_ERRORS

TOKEN_SALT = "core.conflicts"
TOKEN_FIELD = "edit_token"
# How much of another editor's version of a field the error shows.
SHOWN_CHARACTERS = 3000


def _digest(value):
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class EditConflictForm(forms.ModelForm):
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The stored row's edit_version when the form restores a revision; None
    # for an ordinary edit, whose instance is the stored row itself.
    restoring_over = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[TOKEN_FIELD].initial = self.token_for(
                self.instance, self.restoring_over
            )

    # What the form edits, as stored

    def stored_values(self, instance):
        """Each field this form edits, by label, as `instance` stores it."""
        values = {}
        for name, field in self.fields.items():
            if name == TOKEN_FIELD:
                continue
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a field of the form's own, not stored on the row
            value = model_field.value_from_object(instance)
            if model_field.many_to_many or isinstance(value, list | tuple | set):
                value = sorted(str(item) for item in value)
            values[str(field.label or name)] = value
        return values

    def related_snapshot(self, instance):
        """The inline rows edited with the form, by label: a subclass adds
        them (the Q&A items, the credits...)."""
        return {}

    def snapshot(self, instance):
        return {**self.stored_values(instance), **self.related_snapshot(instance)}

    def token_for(self, instance, version=None):
        digests = {label: _digest(v) for label, v in self.snapshot(instance).items()}
        return signing.dumps(
            {
                "version": instance.edit_version if version is None else version,
                "parts": digests,
            },
            salt=TOKEN_SALT,
        )

    # The check

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self.check_not_stale()
        return cleaned_data

    def check_not_stale(self):
        try:
            token = signing.loads(
                self.data.get(self.add_prefix(TOKEN_FIELD), ""), salt=TOKEN_SALT
            )
        except signing.BadSignature:
            token = None
        # Locked until the transaction ends: a save at the same moment waits
        # here, then sees this one's version.
        stored = (
            type(self.instance)
            ._default_manager.select_for_update()
            .get(pk=self.instance.pk)
        )
        if self.restoring_over is not None:
            self.check_restore_not_stale(token, stored)
            return
        if token is not None and token.get("version") == stored.edit_version:
            return
        self.renew_token(stored)
        snapshot = self.snapshot(stored)
        changed = [
            label
            for label, value in snapshot.items()
            if token is None or token["parts"].get(label) != _digest(value)
        ]
        raise ValidationError(self.conflict_message(stored, changed, snapshot))

    def check_restore_not_stale(self, token, restored):
        """A restore opened before someone else saved would undo their save
        unseen: refused, once. Restoring again, having been told, goes
        through."""
        if token is not None and token.get("version") == self.restoring_over:
            return
        self.renew_token(restored, self.restoring_over)
        who, when = last_change(restored)
        raise ValidationError(
            _(
                "Not restored: %(who)s saved this %(what)s at %(when)s, after "
                "you opened this revision. Their save is in the history; "
                "restore again to replace it with this revision."
            )
            % {"who": who, "what": restored._meta.verbose_name, "when": when}
        )

    def renew_token(self, stored, version=None):
        """Saving again, after merging, goes through."""
        data = self.data.copy()
        data[self.add_prefix(TOKEN_FIELD)] = self.token_for(stored, version)
        self.data = data

    def conflict_message(self, stored, changed, snapshot):
        who, when = last_change(stored)
        messages = [
            _(
                "Your changes were not saved: %(who)s saved this %(what)s at "
                "%(when)s, after you opened it. What you typed is still in the "
                "form: keep what you want of theirs and save again."
            )
            % {"who": who, "what": stored._meta.verbose_name, "when": when}
        ]
        if changed:
            messages.append(_("They changed: %s.") % ", ".join(changed))
            for label in changed:
                shown = describe(snapshot[label])
                if len(shown) > SHOWN_CHARACTERS:
                    shown = shown[:SHOWN_CHARACTERS] + "…"
                messages.append(
                    _("Their %(label)s: %(value)s")
                    % {"label": label, "value": shown or _("(empty)")}
                )
        return messages


def describe(value):
    """A stored value as a line of text: a list of names joined by commas,
    inline rows by semicolons with their cells joined by " · "."""
    if isinstance(value, list | tuple):
        if any(isinstance(item, list | tuple) for item in value):
            return "; ".join(" · ".join(map(str, row)) for row in value)
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def last_change(instance):
    """Who saved `instance` last and when, as the admin's history says."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk),
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    when = entry.action_time if entry else getattr(instance, "updated_at", None)
    who = (
        (entry.user.get_full_name() or entry.user.get_username())
        if entry
        else _("someone")
    )
    shown = (
        date_format(timezone.localtime(when), _("j F Y, H:i T"))
        if when
        else _("a moment ago")
    )
    return who, shown


# Who has a form open: a soft notice, never a lock. An editor who opens a
# piece is remembered for OPEN_FORM_SECONDS (renewed each time they open it
# again); others opening it meanwhile are told who and since when.
OPEN_FORM_SECONDS = 15 * 60


def _open_key(instance):
    return f"editing:{instance._meta.label_lower}:{instance.pk}"


def others_editing(instance, user):
    """Note that `user` has `instance`'s form open; return the others who
    have it open, as (name, since) pairs, longest first. A cache that does
    not answer costs the notice, nothing else."""
    now = timezone.now()
    try:
        open_forms = cache.get(_open_key(instance)) or {}
        fresh = {
            user_id: entry
            for user_id, entry in open_forms.items()
            if (now - entry["seen"]).total_seconds() < OPEN_FORM_SECONDS
        }
        since = fresh.get(user.pk, {}).get("since", now)
        fresh[user.pk] = {
            "name": user.get_full_name() or user.get_username(),
            "since": since,
            "seen": now,
        }
        cache.set(_open_key(instance), fresh, timeout=OPEN_FORM_SECONDS)
    except CACHE_ERRORS:
        return []
    return sorted(
        (
            (entry["name"], entry["since"])
            for user_id, entry in fresh.items()
            if user_id != user.pk
        ),
        key=lambda pair: pair[1],
    )


def editing_notice(instance, user):
    """The notice for `user` opening `instance`'s form, or None."""
    others = others_editing(instance, user)
    if not others:
        return None
    who = "; ".join(
        _("%(name)s since %(since)s")
        % {"name": name, "since": date_format(timezone.localtime(since), _("H:i T"))}
        for name, since in others
    )
    return _(
        "Also open: %(who)s. Whoever saves second will be asked to merge, "
        "nothing is lost."
    ) % {"who": who}
