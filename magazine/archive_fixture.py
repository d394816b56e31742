"""The magazine's archive as the site ships it (fixtures/archive.json), which
`load_archive` loads into a database that does not have it yet."""

import json
from pathlib import Path

from django.conf import settings

ARCHIVE_FIXTURE = "archive"


def archive_path():
    return Path(settings.FIXTURE_DIRS[0]) / f"{ARCHIVE_FIXTURE}.json"


def archive_rows(model):
    """The fields of each row of `model` ("app_label.model_name") the
    archive holds."""
    objects = json.loads(archive_path().read_text())
    return [obj["fields"] for obj in objects if obj["model"] == model]


def archive_slugs():
    """The slugs of the interviews the archive holds."""
    return [fields["slug"] for fields in archive_rows("interviews.interview")]
