"""`migrate` on an empty database, as a site owner runs it: every table, and
the Writer and Editor groups with their permissions, with no other step."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

SHOW_GROUPS = """
import django
django.setup()
from django.contrib.auth.models import Group
for group in Group.objects.order_by("name"):
    codenames = set(group.permissions.values_list("codename", flat=True))
    print(group.name, "publish_interview" in codenames, "add_interview" in codenames)
"""


@pytest.fixture
def empty_database(tmp_path):
    """The URL of an empty database on the suite's own kind of server."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"fresh_{secrets.token_hex(4)}"
    server = {
        "host": params["HOST"],
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = params["USER"]
    yield f"postgres://{user}@{params['HOST']}:{server['port']}/{name}"
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(code_or_args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    env["DJANGO_SETTINGS_MODULE"] = "magazine.settings.dev"
    env["PYTHONPATH"] = str(ROOT)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_migrate_on_an_empty_database_sets_up_the_staff_roles(empty_database):
    run(["manage.py", "migrate", "--no-input", "-v", "0"], empty_database)
    assert run(SHOW_GROUPS, empty_database).split("\n")[:2] == [
        "Editor True True",
        "Writer False True",
    ]


def test_a_database_made_before_contributors_moved_keeps_every_row(empty_database):
    """Built at the schema before the people app and filled as the old code
    filled it, then migrated forward: nothing is lost, and the contributor's
    content type (its permissions, its admin history) moves with it."""
    survived = json.loads(run(["tests/migrate_forward.py"], empty_database))
    assert survived == {
        "contributors": ["jiyoung-lee", "starlight"],
        "credit": [["jiyoung-lee", "interviewer"]],
        "photo_credit": "starlight",
        "lead_photo_credit": "Starlight",
        "artists": ["soseo"],
        "aliases": ["SHUUU"],
        "qa_items": 1,
        "tags": ["kindie"],
        "comments": [["Mina", "soseo-speaks"]],
        "live": ["soseo-speaks"],
        # Worked out by the migration: the stored times did not exist before.
        "public": ["jiyoung-lee", "soseo", "starlight"],
        "old_content_types": 0,
        "history_points_to": ["people", "contributor", "Jiyoung Lee"],
        "writer_may": ["people.add_contributor", "people.view_contributor"],
    }
