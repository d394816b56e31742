"""A deleted photo takes its files with it, once the deletion is committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete

from .services import delete_files


def remove_files(sender, instance, **kwargs):
    transaction.on_commit(partial(delete_files, instance.file_names()))


def connect(app_config):
    post_delete.connect(
        remove_files,
        sender=app_config.get_model("Photo"),
        dispatch_uid="photos.remove_files",
    )
