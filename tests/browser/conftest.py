"""Fixtures for the tests that need more than Django's test client: a real
Chromium driven by Playwright against pytest-django's `live_server`, and the
Nu HTML Checker, which runs on Java.

Both are system packages (`apt-get install chromium default-jre-headless`).
Where one is missing its tests are skipped with one clear reason, except under
CI=true, where they fail: CI must never pass by silently skipping them.

Playwright uses the system Chromium (`executable_path`); it never downloads a
browser of its own, which this network would not allow anyway.
"""

import os
import secrets
import shutil
from typing import NamedTuple

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright

from magazine.roles import EDITOR, setup_roles

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for a slow CI machine, short enough that a missing element
# fails the test in seconds rather than hanging it.
TIMEOUT_MS = 15_000

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _find_chromium():
    if os.access(CHROMIUM_PATH, os.X_OK):
        return CHROMIUM_PATH
    return shutil.which("chromium")


CHROMIUM = _find_chromium()
JAVA = shutil.which("java")

NO_CHROMIUM = (
    "browser tests skipped: Chromium is not installed (apt-get install chromium)"
)
NO_JAVA = (
    "HTML validity tests skipped: Java, which runs the Nu HTML Checker, is not "
    "installed (apt-get install default-jre-headless)"
)
# What each kind of test needs: the fixture that marks it, whether the tool is
# there, and the reason given when it is not.
NEEDS = [("browser", CHROMIUM, NO_CHROMIUM), ("java", JAVA, NO_JAVA)]
NOTED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    """Skip the tests whose tool is missing, with one reason each; under CI
    leave them to fail in their fixture instead."""
    if IN_CI:
        return
    for fixture, found, reason in NEEDS:
        if found:
            continue
        skip = pytest.mark.skip(reason=reason)
        for item in items:
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    """Say once, at the end, which tests were skipped for want of a tool.

    Under pytest-xdist the controller process, which writes the summary, loads
    this conftest only when tests/browser is named on the command line;
    importing this hook into tests/conftest.py makes it speak in every run
    (it writes once even when both conftests hold it). `make test` prints the
    Chromium note before it starts in any case.
    """
    if terminalreporter.config.stash.get(NOTED, False):
        return
    terminalreporter.config.stash[NOTED] = True
    skipped = " ".join(
        str(r.longrepr) for r in terminalreporter.stats.get("skipped", [])
    )
    for _fixture, found, reason in NEEDS:
        if not found and reason in skipped:
            terminalreporter.write_line(reason, yellow=True, bold=True)


def _require(found, what, package):
    """Reached only when the tool is missing under CI (elsewhere the test was
    skipped at collection)."""
    if not found:
        pytest.fail(
            f"CI=true and {what} is not installed: these tests must run in CI "
            f"(apt-get install {package})",
            pytrace=False,
        )


@pytest.fixture
def archive(archive_in_two_languages):
    """The archive, with a Korean version of its Kim Se Jeong interview among
    the pages checked."""


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (per xdist worker, that is, since
    --dist loadfile keeps a module on one worker).

    Module rather than session scope on purpose: Playwright's sync API keeps
    an asyncio loop running in the main thread while it is started, which
    would break any later test of the same worker that uses async_to_sync or
    asyncio.run. For the same reason Django's async-unsafe guard, which sees
    that loop and refuses ORM calls from the tests and fixtures, is switched
    off only while the browser is up.
    """
    _require(CHROMIUM, "Chromium", "chromium")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages in fresh browser contexts (separate cookies: a logged-in
    editor and an anonymous reader) addressed relative to the live server;
    closes them after the test."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


class Login(NamedTuple):
    username: str
    password: str


@pytest.fixture
def editor_login(transactional_db):
    """An editor who can log in through the form: the password is made at run
    time and exists nowhere else."""
    password = secrets.token_urlsafe()
    user = get_user_model().objects.create_user(
        username="browser-editor", password=password, is_staff=True
    )
    user.groups.add(setup_roles()[EDITOR])
    return Login(user.username, password)


def log_in(page, login):
    """Log in through the admin's login form, at whatever page shows it."""
    page.fill("#id_username", login.username)
    page.fill("#id_password", login.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(login.username)


@pytest.fixture(scope="session")
def java():
    """The Java runtime that runs the Nu HTML Checker."""
    _require(JAVA, "Java (for the Nu HTML Checker)", "default-jre-headless")
    return JAVA
