import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from magazine.roles import EDITOR, WRITER, setup_roles

# Under xdist only the controller writes the summary: it needs the hook that
# says why browser tests were skipped.
from .browser.conftest import pytest_terminal_summary  # noqa: F401


@pytest.fixture
def archive(db):
    """The magazine's three archive interviews, as `make run` loads them."""
    call_command("load_archive", verbosity=0)


@pytest.fixture
def archive_in_two_languages(archive):
    """The archive, with a live Korean version of its Kim Se Jeong interview:
    the public pages checked page by page include a Korean one."""
    from .browser import add_korean_version

    add_korean_version()


def _staff(username, role):
    user = get_user_model().objects.create_user(
        username=username, password=None, is_staff=True
    )
    user.groups.add(setup_roles()[role])
    return user


@pytest.fixture
def editor(db):
    return _staff("editor", EDITOR)


@pytest.fixture
def writer(db):
    return _staff("writer", WRITER)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with no stored page and no counted comment."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores uploads in a folder of its own, removed after it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected as `make serve` collects them (hashed names,
    compressed copies), once per test process."""
    from .production import collect_static

    static_root = tmp_path_factory.mktemp("staticfiles")
    collect_static(static_root)
    return static_root


KOREAN = Path(__file__).resolve().parent.parent / "locale/ko/LC_MESSAGES"
# The strings of the Python code and templates, and those of the admin's
# JavaScript.
DOMAINS = ["django", "djangojs"]


@pytest.fixture(scope="session")
def compiled_korean(tmp_path_factory):
    """The committed Korean .po files compiled by msgfmt into a folder of this test
    process, checked as `compilemessages` checks it (placeholders that do not
    match fail here): tests read the translation as committed, whether or
    not `make` compiled it, and no two processes write one .mo."""
    locale = tmp_path_factory.mktemp("locale")
    target = locale / "ko" / "LC_MESSAGES"
    target.mkdir(parents=True)
    for domain in DOMAINS:
        subprocess.run(
            [
                "msgfmt",
                "--check-format",
                "-o",
                target / f"{domain}.mo",
                KOREAN / f"{domain}.po",
            ],
            check=True,
        )
    return locale


@pytest.fixture
def korean(settings, compiled_korean):
    """The project's translations come from the freshly compiled catalogue."""
    settings.LOCALE_PATHS = [compiled_korean]
