"""The magazine's archive as the site ships it (fixtures/archive.json), which
`load_archive` loads into a database that does not have it yet."""

import json
from collections import defaultdict
from pathlib import Path

from django.conf import settings

ARCHIVE_FIXTURE = "archive"


def archive_path():
    return Path(settings.FIXTURE_DIRS[0]) / f"{ARCHIVE_FIXTURE}.json"


def archive_rows():
    """The fields of each row the archive holds, by model
    ("app_label.model_name"; a model it holds no row of has none)."""
    rows = defaultdict(list)
    for obj in json.loads(archive_path().read_text()):
        rows[obj["model"]].append(obj["fields"])
    return rows


def archive_slugs():
    """The slugs of the interviews the archive holds."""
    return [fields["slug"] for fields in archive_rows()["interviews.interview"]]
