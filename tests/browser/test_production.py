"""The site as a site owner serves it (`make serve`), in Chromium: gunicorn
with the production settings, static files collected under hashed names with
compressed copies, a published photo served from MEDIA_ROOT, the page cache
in local memory (no REDIS_URL).

Readers' pages are styled, hide the comment form's honeypot, carry the
public Content-Security-Policy, pass axe-core and make the browser report no
policy violation and no failed static or media request; the lead photo loads
from /media/ with nosniff and the sandbox policy. The admin is styled, runs
its JavaScript under its own policy, and an editor can log in over plain
HTTP on the loopback although the cookies are Secure.
"""

import gzip
import re
import secrets
import urllib.request
from pathlib import Path
from typing import NamedTuple

import brotli
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ..production import gunicorn, manage, production_environment
from . import PUBLIC_PAGES
from .conftest import TIMEOUT_MS, Login, log_in

AXE = Axe()

SOSEO = "kcrush-interview-with-soseo"
ARTICLE = f"/interviews/{SOSEO}/"
LEAD_IMG = "article.interview > figure.photo img"
HONEYPOT = "Leave this field empty"
STYLESHEETS = [
    re.compile(r"^/static/css/fonts\.[0-9a-f]{12}\.css$"),
    re.compile(r"^/static/css/site\.[0-9a-f]{12}\.css$"),
]
FOREVER = "public, max-age=31536000, immutable"
MEDIA_POLICY = "default-src 'none'; sandbox"

# Run by `manage.py shell` in the production environment: a photo stored as
# an upload is (checked, re-encoded, renditions made), made the lead photo of
# a live archive interview, and an editor with the password the test made.
SETUP = f"""
import os

from django.contrib.auth import get_user_model

from interviews.models import Interview
from magazine.roles import EDITOR, setup_roles
from photos.models import Photo
from photos.processing import process
from photos.services import store_photo
from photos.uploads import inspect_upload
from tests.photo_files import jpeg, upload

photo = Photo(
    caption="Soseo at the showcase",
    alt_text="Soseo on a small stage, smiling, a guitar over her shoulder",
    credit_text="Hanbit Studio",
)
photo = store_photo(photo, process(inspect_upload(upload(jpeg((1200, 750))))))
interview = Interview.objects.get(slug="{SOSEO}")
interview.lead_photo = photo
interview.save()

user = get_user_model().objects.create_user(
    username=os.environ["EDITOR_USERNAME"],
    password=os.environ["EDITOR_PASSWORD"],
    is_staff=True,
)
user.groups.add(setup_roles()[EDITOR])

# A Korean version among the public pages.
from tests.browser import add_korean_version

add_korean_version()
"""


class Site(NamedTuple):
    url: str
    login: Login
    log: Path


@pytest.fixture(scope="module")
def site(collected_static, tmp_path_factory):
    """The archive with a published photo and an editor, served by gunicorn
    (one worker) with the production settings, as `make serve` serves it."""
    folder = tmp_path_factory.mktemp("production-site")
    variables = {
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "MEDIA_ROOT": folder / "media",
        "STATIC_ROOT": collected_static,
    }
    environment = production_environment(**variables)
    manage("migrate", "--no-input", environment=environment)
    manage("load_archive", environment=environment)
    login = Login("production-editor", secrets.token_urlsafe())
    manage(
        "shell",
        "-c",
        SETUP,
        environment={
            **environment,
            "EDITOR_USERNAME": login.username,
            "EDITOR_PASSWORD": login.password,
        },
    )
    log = folder / "gunicorn.log"
    with gunicorn(log, workers=1, **variables) as url:
        yield Site(url, login, log)
    # Whatever the pages showed, the server must not have failed behind them.
    failures = [
        line
        for line in log.read_text().splitlines()
        if " ERROR " in line or "Traceback" in line
    ]
    assert not failures, f"gunicorn logged errors ({log}):\n" + "\n".join(failures)


class Watched(NamedTuple):
    """What the browser said about a page while it was open."""

    policy: list  # console messages about the Content-Security-Policy
    errors: list  # other console errors, uncaught exceptions
    failed: list  # static and media requests that failed or were refused
    responses: dict  # URL path -> response, for every response


def watch(page, base):
    watched = Watched([], [], [], {})

    def on_console(message):
        if "Content Security Policy" in message.text:
            watched.policy.append(message.text)
        elif message.type == "error":
            watched.errors.append(f"{message.text} ({message.location})")

    def on_response(response):
        path = response.url.removeprefix(base)
        watched.responses[path] = response
        if path.startswith(("/static/", "/media/")) and response.status >= 400:
            watched.failed.append(f"{path}: {response.status}")

    def on_failed(request):
        path = request.url.removeprefix(base)
        if path.startswith(("/static/", "/media/")):
            watched.failed.append(f"{path}: {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"uncaught: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    return watched


@pytest.fixture
def open_page(browser, site):
    """Pages in fresh browser contexts addressed relative to the gunicorn
    site, each watched (see `watch`); closed after the test."""
    contexts = []

    def open_one():
        context = browser.new_context(base_url=site.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        return page, watch(page, site.url)

    yield open_one
    for context in contexts:
        context.close()


def fetch(url, **headers):
    """Status, headers and body of a GET, as sent (never decompressed)."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def assert_quiet(url, watched):
    assert not watched.policy, f"{url}: the policy blocked {watched.policy}"
    assert not watched.failed, f"{url}: requests failed: {watched.failed}"
    assert not watched.errors, f"{url}: errors in the console: {watched.errors}"


# The site's own look, which the browser's defaults (Times New Roman, black
# on white) do not have: custom property, font and background of site.css
# (the font is the interface face of fonts.css).
SITE_STYLE = """() => {
  const body = getComputedStyle(document.body);
  return {
    accent: getComputedStyle(document.documentElement)
      .getPropertyValue("--accent").trim(),
    font: body.fontFamily,
    background: body.backgroundColor,
  };
}"""


@pytest.mark.parametrize("url", ["/", ARTICLE])
def test_the_hashed_stylesheet_applies_and_is_cached_for_good_and_compressed(
    site, open_page, url
):
    page, watched = open_page()
    assert page.goto(url).status == 200
    style = page.evaluate(SITE_STYLE)
    assert style["accent"] == "#a3145a", style
    assert style["background"] == "rgb(253, 251, 252)", style
    assert style["font"].startswith('"IBM Plex Sans KR"'), style

    links = page.locator('link[rel="stylesheet"]')
    expect(links).to_have_count(2)
    fonts_href, href = (link.get_attribute("href") for link in links.all())
    for name, pattern in zip([fonts_href, href], STYLESHEETS, strict=True):
        assert pattern.match(name), f"{url} links {name}, not a hashed name"
        assert watched.responses[name].status == 200
    loaded = watched.responses[href]
    assert loaded.status == 200
    assert loaded.headers["cache-control"] == FOREVER
    assert loaded.headers["content-type"].startswith("text/css")

    status, headers, plain = fetch(site.url + href, **{"Accept-Encoding": "identity"})
    assert status == 200 and headers["Cache-Control"] == FOREVER
    assert headers.get("Content-Encoding") is None
    assert b"--accent: #a3145a" in plain
    for encoding, decompress in [("br", brotli.decompress), ("gzip", gzip.decompress)]:
        status, headers, body = fetch(site.url + href, **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers["Content-Encoding"] == encoding
        assert headers["Cache-Control"] == FOREVER
        assert "Accept-Encoding" in headers["Vary"]
        assert len(body) < len(plain)
        assert decompress(body) == plain
    assert_quiet(url, watched)


@pytest.mark.parametrize("url", ["/", ARTICLE, "/feeds/rss/", "/sitemap.xml"])
def test_readers_pages_come_from_the_page_cache_compressed(site, url):
    plain = fetch(site.url + url, **{"Accept-Encoding": "identity"})
    assert plain[0] == 200
    assert plain[1].get("Content-Encoding") is None
    status, headers, body = fetch(site.url + url, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert int(headers["Content-Length"]) == len(body) < len(plain[2])
    assert gzip.decompress(body) == plain[2]


def test_the_comment_forms_honeypot_is_hidden(site, open_page):
    page, watched = open_page()
    assert page.goto(ARTICLE).status == 200
    form = page.locator("form#comment-form")
    expect(form.get_by_label("Name")).to_be_visible()
    expect(form.get_by_label("Comment")).to_be_visible()
    honeypot = form.get_by_label(HONEYPOT)
    expect(honeypot).to_have_count(1)
    expect(honeypot).to_be_hidden()
    expect(form.locator("label", has_text=HONEYPOT)).to_be_hidden()
    assert_quiet(ARTICLE, watched)


@pytest.mark.parametrize("url, status", PUBLIC_PAGES)
def test_the_public_page_carries_the_policy_passes_axe_and_breaks_none_of_it(
    site, open_page, url, status
):
    page, watched = open_page()
    response = page.goto(url, wait_until="load")
    assert response.status == status
    policy = response.headers["content-security-policy"]
    assert "script-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"

    results = AXE.run(page)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
    for link in page.locator('link[rel="stylesheet"]').all():
        assert watched.responses[link.get_attribute("href")].status == 200
    if status == 404:
        # The page itself is the one error Chromium reports.
        watched.errors[:] = [
            error for error in watched.errors if "status of 404" not in error
        ]
    assert_quiet(url, watched)


def test_the_lead_photo_loads_from_media_with_nosniff_and_the_sandbox(site, open_page):
    page, watched = open_page()
    response = page.goto(ARTICLE, wait_until="load")
    assert response.status == 200
    image = page.locator(LEAD_IMG)
    expect(image).to_have_count(1)
    assert image.get_attribute("src").startswith("/media/photos/")
    loaded = image.evaluate(
        """(img) => ({ complete: img.complete, naturalWidth: img.naturalWidth,
                       currentSrc: img.currentSrc })"""
    )
    assert loaded["complete"] and loaded["naturalWidth"] > 0, loaded
    path = loaded["currentSrc"].removeprefix(site.url)
    assert path.startswith("/media/photos/"), path
    served = watched.responses[path]
    assert served.status == 200
    assert served.headers["content-type"] in {"image/webp", "image/jpeg"}
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-security-policy"] == MEDIA_POLICY
    assert served.headers["cache-control"] == FOREVER
    # The fallback JPEG answers the same way to a plain request.
    status, headers, _body = fetch(site.url + image.get_attribute("src"))
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == MEDIA_POLICY
    assert_quiet(ARTICLE, watched)


def assert_admin_policy(response):
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy, policy
    assert "style-src 'self' 'unsafe-inline'" in policy, policy
    assert "script-src 'none'" not in policy, policy


ADMIN_HEADER = """() => ({
  background: getComputedStyle(document.querySelector("#header")).backgroundColor,
  font: getComputedStyle(document.body).fontFamily,
})"""


def test_the_admin_is_styled_logs_in_over_loopback_http_and_runs_its_scripts(
    site, open_page
):
    page, watched = open_page()
    response = page.goto("/admin/login/?next=/admin/")
    assert response.status == 200
    assert_admin_policy(response)
    admin_css = [
        path
        for path in watched.responses
        if re.match(r"^/static/admin/css/base\.[0-9a-f]{12}\.css$", path)
    ]
    assert admin_css, f"no hashed admin stylesheet in {list(watched.responses)}"
    assert watched.responses[admin_css[0]].status == 200
    # Django's --header-bg (#417690) and its font stack, not the defaults.
    style = page.evaluate(ADMIN_HEADER)
    assert style["background"] == "rgb(65, 118, 144)", style
    assert "Times" not in style["font"], style

    # The session and CSRF cookies are Secure; Chromium keeps them for
    # http://127.0.0.1, a secure context, so logging in works without TLS.
    log_in(page, site.login)
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
    assert cookies["csrftoken"]["secure"]

    response = page.goto("/admin/interviews/interview/")
    assert response.status == 200
    assert_admin_policy(response)
    # The archive's three and the Korean version.
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(4)
    # actions.js counts the ticked rows.
    rows.first.locator("input.action-select").check()
    expect(page.locator(".action-counter")).to_have_text(re.compile(r"1 of 4"))
    expect(rows.first).to_have_class(re.compile(r"\bselected\b"))

    page.locator("#result_list a", has_text="Soseo").first.click()
    expect(page.locator("#interview_form")).to_be_visible()
    response = watched.responses[page.url.removeprefix(site.url)]
    assert response.status == 200
    assert_admin_policy(response)
    # Drawn by the admin's scripts: the inlines' "Add another" links
    # (inlines.js), the autocomplete widgets (select2, autocomplete.js) and
    # the date and time shortcuts (DateTimeShortcuts.js).
    expect(page.locator(".add-row a", has_text="Add another Credit")).to_be_visible()
    expect(page.locator("#id_lead_photo + .select2-container")).to_be_visible()
    expect(page.locator(".datetimeshortcuts").first).to_be_visible()
    credits = page.locator("#credits-group tr.dynamic-credits")
    before = credits.count()
    page.locator(".add-row a", has_text="Add another Credit").click()
    expect(credits).to_have_count(before + 1)
    assert_quiet(page.url, watched)
