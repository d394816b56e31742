"""The staff roles, as code: which permissions a Writer and an Editor hold.

`setup_roles()` makes the groups match this file exactly and is idempotent;
it runs after every `migrate` and as `manage.py setup_roles`.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

WRITER = "Writer"
EDITOR = "Editor"

# Writers draft: they add and change interviews (and the credits, Q&A items,
# artists and contributors an interview needs) but never publish or delete.
WRITER_PERMISSIONS = [
    "interviews.view_interview",
    "interviews.add_interview",
    "interviews.change_interview",
    "interviews.view_credit",
    "interviews.add_credit",
    "interviews.change_credit",
    "interviews.delete_credit",
    "interviews.view_qaitem",
    "interviews.add_qaitem",
    "interviews.change_qaitem",
    "interviews.delete_qaitem",
    # Writers read corrections; only editors correct a live piece.
    "interviews.view_correction",
    "people.view_contributor",
    "people.add_contributor",
    "interviews.view_galleryphoto",
    "interviews.add_galleryphoto",
    "interviews.change_galleryphoto",
    "interviews.delete_galleryphoto",
    "photos.view_photo",
    "photos.add_photo",
    "photos.change_photo",
    "artists.view_artist",
    "artists.add_artist",
    "artists.change_artist",
    "artists.view_alias",
    "artists.add_alias",
    "artists.change_alias",
    "artists.view_membership",
    "artists.add_membership",
    "artists.change_membership",
    "artists.view_artistlink",
    "artists.add_artistlink",
    "artists.change_artistlink",
    "artists.view_agency",
    "artists.add_agency",
    "releases.view_release",
    "releases.add_release",
    "releases.change_release",
    "releases.view_track",
    "releases.add_track",
    "releases.change_track",
    "releases.delete_track",
    "releases.view_releaseartist",
    "releases.add_releaseartist",
    "releases.change_releaseartist",
    "releases.delete_releaseartist",
    "taggit.view_tag",
    "taggit.add_tag",
]

# Editors can do everything to the magazine's content, publishing included,
# and they alone moderate readers' comments (writers hold no comments right).
EDITOR_APPS = [
    "people",
    "photos",
    "artists",
    "releases",
    "interviews",
    "taggit",
    "comments",
]
# And they manage staff accounts: add writers and editors, reset their
# passwords, close them (magazine/admin.py keeps superusers out of reach).
EDITOR_ACCOUNT_PERMISSIONS = ["auth.view_user", "auth.add_user", "auth.change_user"]


def _permissions(codenames):
    found = []
    for dotted in codenames:
        app_label, codename = dotted.split(".")
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def setup_roles(verbosity=0):
    """Create or update the Writer and Editor groups; returns them by name."""
    # Permissions are made after migrate; make sure they exist when this runs
    # first (from post_migrate, before the content apps' own handlers).
    for label in [*EDITOR_APPS, "auth"]:
        create_permissions(apps.get_app_config(label), verbosity=verbosity)
    writer, _ = Group.objects.get_or_create(name=WRITER)
    writer.permissions.set(_permissions(WRITER_PERMISSIONS))
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(
        [
            *Permission.objects.filter(content_type__app_label__in=EDITOR_APPS),
            *_permissions(EDITOR_ACCOUNT_PERMISSIONS),
        ]
    )
    return {WRITER: writer, EDITOR: editor}


def setup_roles_after_migrate(sender, verbosity=1, **kwargs):
    setup_roles(verbosity=max(verbosity - 1, 0))
