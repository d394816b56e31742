"""Stories of the desk in a real browser: two editors on one interview, and
a draft shared with an agency that opens it without an account."""

import secrets

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from interviews.models import Interview
from magazine.roles import EDITOR, setup_roles

from ..factories import make_interview
from .conftest import Login, log_in
from .test_editor_to_reader import save


def second_editor():
    password = secrets.token_urlsafe()
    user = get_user_model().objects.create_user(
        username="jun", password=password, is_staff=True
    )
    user.groups.add(setup_roles()[EDITOR])
    return Login(user.username, password)


def test_two_editors_on_one_interview_the_second_keeps_their_text(
    new_page, live_server, editor_login
):
    piece = make_interview("Door", standfirst="The first standfirst.")
    change = live_server.url + reverse(
        "admin:interviews_interview_change", args=[piece.pk]
    )
    mina, jun = new_page(), new_page()
    for page, login in ((mina, editor_login), (jun, second_editor())):
        page.goto(change)
        log_in(page, login)
    expect(jun.locator(".messagelist")).to_contain_text("Also open: browser-editor")

    mina.fill("#id_standfirst", "Mina's standfirst, checked with the agency.")
    save(mina, "Mina's change", success="was changed successfully")

    jun.fill("#id_title", "Door: Kim Sejeong on her second album")
    jun.locator("input[name=_save]").click()
    errors = jun.locator(".errornote, .errorlist.nonfield")
    expect(errors.last).to_contain_text("Your changes were not saved")
    expect(errors.last).to_contain_text(
        "Their Standfirst: Mina's standfirst, checked with the agency."
    )
    # Jun's typing is still in the form; Mina's change is safe.
    expect(jun.locator("#id_title")).to_have_value(
        "Door: Kim Sejeong on her second album"
    )
    assert (
        Interview.objects.get(pk=piece.pk).standfirst
        == "Mina's standfirst, checked with the agency."
    )

    jun.fill("#id_standfirst", "Mina's standfirst, checked with the agency.")
    save(jun, "the merged form", success="was changed successfully")
    stored = Interview.objects.get(pk=piece.pk)
    assert stored.title == "Door: Kim Sejeong on her second album"
    assert stored.standfirst == "Mina's standfirst, checked with the agency."


def test_an_editor_shares_a_draft_that_a_logged_out_browser_opens(
    new_page, live_server, editor_login
):
    piece = make_interview("Door", body="Quotes for the agency to check.")
    editor = new_page()
    editor.goto(
        live_server.url + reverse("admin:interviews_interview_change", args=[piece.pk])
    )
    log_in(editor, editor_login)
    editor.get_by_role(
        "link", name="Share a preview with someone without an account"
    ).click()
    editor.fill("#id_shared_with", "Jellyfish Entertainment, PR")
    editor.locator("input[name=_save]").click()
    sent = editor.locator(".messagelist .success").filter(has_text="Send this link")
    expect(sent).to_contain_text("Jellyfish Entertainment, PR")
    message = sent.inner_text()
    address = message[message.index("http") :].split(" ")[0]

    agency = new_page()
    response = agency.goto(address)
    assert response.status == 200
    expect(agency.get_by_role("status")).to_contain_text("Preview: not published")
    expect(agency.locator("article")).to_contain_text("Quotes for the agency to check.")
    assert response.headers["x-robots-tag"] == "noindex, nofollow"


def test_the_form_says_once_that_times_are_korean_time(
    new_page, live_server, editor_login
):
    """A browser in London: Django's widgets would warn "You are 9 hours
    behind server time" under each date field."""
    piece = make_interview("Door")
    page = new_page(timezone_id="Europe/London")
    page.goto(
        live_server.url + reverse("admin:interviews_interview_change", args=[piece.pk])
    )
    log_in(page, editor_login)
    expect(page.locator(".kst-note")).to_be_visible()
    expect(page.locator("#id_publish_at_0")).to_have_attribute(
        "placeholder", "YYYY-MM-DD"
    )
    expect(page.locator(".datetimeshortcuts").first).to_be_attached()
    expect(page.locator(".timezonewarning")).to_have_count(0)
