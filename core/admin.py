"""Admin pieces shared by the apps: rows readers may see, and revisions
restored without undoing a save made meanwhile."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.utils.translation import gettext_lazy as _

LOCKED_NOTICE = _(
    "Readers see this %(name)s (or will, once scheduled content goes live), "
    "so only an editor can change it."
)


def locked_for(request, obj, permission):
    """Whether `obj` is public, or will be once scheduled content goes live,
    while the user lacks `permission` to change what readers see.

    Asked many times for one page (the form, every inline), so the answer
    is kept on the request."""
    if obj is None or obj.pk is None or request.user.has_perm(permission):
        return False
    cache = request.__dict__.setdefault("_locked_for", {})
    key = (obj._meta.label, obj.pk)
    if key not in cache:
        public = type(obj)._default_manager.public(upcoming=True)
        cache[key] = public.filter(pk=obj.pk).exists()
    return cache[key]


class LockedWhenPublic:
    """Permissions refused on a row readers see, to staff without
    `public_permission`. For a ModelAdmin the row is the one shown; for an
    inline it is the parent, whose rows are locked with it."""

    public_permission = ""

    def has_change_permission(self, request, obj=None):
        if locked_for(request, obj, self.public_permission):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if locked_for(request, obj, self.public_permission):
            return False
        return super().has_delete_permission(request, obj)


class PublicRowAdmin(LockedWhenPublic):
    """A ModelAdmin mixin: what readers see is read-only to staff without
    `public_permission` (writers), and so is the row's own public flag.

    Writers keep full use of what only drafts show; an editor makes the
    change to a live page, or publishes the piece that shows the row.
    """

    public_flag = "is_public"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.public_flag and not request.user.has_perm(self.public_permission):
            fields.append(self.public_flag)
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if locked_for(request, obj, self.public_permission):
                name = obj._meta.verbose_name
                self.message_user(
                    request, LOCKED_NOTICE % {"name": name}, messages.WARNING
                )
        return super().change_view(request, object_id, form_url, extra_context)


class PublicRowInline(LockedWhenPublic):
    """An inline mixin: the rows of a locked parent cannot be added to
    either."""

    def has_add_permission(self, request, obj=None):
        if locked_for(request, obj, self.public_permission):
            return False
        return super().has_add_permission(request, obj)


class RestoresOverTheLatestSave:
    """A mixin for a django-reversion admin whose form is a
    core.conflicts.EditConflictForm: restoring a revision is refused when
    the row was saved after the revision page was opened.

    The stored row's version is read (locked, so that no save slips in
    before the restore is written) before django-reversion reverts it for
    the form, and handed to the form as `restoring_over`."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic():
            request.restoring_over = (
                self.model._default_manager.select_for_update()
                .filter(pk=unquote(object_id))
                .values_list("edit_version", flat=True)
                .first()
            )
            return super().revision_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        restoring_over = getattr(request, "restoring_over", None)
        if restoring_over is None:
            return form
        return type(form.__name__, (form,), {"restoring_over": restoring_over})
