"""Storing a processed photo: its files, then its row, all or nothing."""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction


def store_photo(photo, processed, *, uploaded_by=None):
    """Write the original and renditions of `processed` under a generated
    name and save `photo` with them. A replaced image's files are removed
    once the change is committed; if saving fails, the new files are."""
    previous = photo.file_names()
    # Never the uploaded name: a fresh random stem in the photo's folder.
    stem = f"photos/{photo.key}/{secrets.token_hex(8)}"
    written = []
    try:
        original = f"{stem}.{processed.original_extension}"
        written.append(default_storage.save(original, ContentFile(processed.original)))
        for suffix, data in processed.renditions.items():
            written.append(default_storage.save(f"{stem}-{suffix}", ContentFile(data)))
        photo.original.name = original
        photo.width = processed.width
        photo.height = processed.height
        photo.rendition_widths = processed.widths
        if photo.pk is None and uploaded_by is not None:
            photo.uploaded_by = uploaded_by
        with transaction.atomic():
            photo.save()
    except BaseException:
        delete_files(written)
        raise
    transaction.on_commit(lambda: delete_files(previous))
    return photo


def delete_files(names):
    for name in names:
        default_storage.delete(name)
