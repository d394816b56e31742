"""Nothing typed is lost: the interview form keeps its text in the browser,
and offers it back after a session that ran out before the save."""

import time

from django.urls import reverse
from playwright.sync_api import expect

from interviews.models import AutosavedText, Interview

from ..factories import make_interview
from .conftest import log_in
from .test_editor_to_reader import save

# What this form keeps (the admin keeps its theme there too).
KEPT = "Object.keys(window.localStorage).filter(k => k.startsWith('unsaved:')).length"
TYPED = "Quotes checked with the agency on Tuesday; the answer on Door stays."


def wait_until_kept(page, seconds=5):
    """The form keeps text a second after the last keystroke. (Polled from
    here: wait_for_function evaluates a string, which the admin's policy
    forbids, as it should.)"""
    for _ in range(seconds * 10):
        if page.evaluate(KEPT):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the form kept nothing of what was typed")


def test_text_typed_when_the_session_ran_out_is_offered_back_after_login(
    page, live_server, editor_login
):
    piece = make_interview("Door", standfirst="The first standfirst.")
    change = reverse("admin:interviews_interview_change", args=[piece.pk])
    page.goto(live_server.url + change)
    log_in(page, editor_login)
    page.fill("#id_standfirst", TYPED)

    # The session ends while the writer types (a timeout, a log out in
    # another tab): the save answers with the login page.
    page.context.clear_cookies(name="sessionid")
    page.locator("input[name=_save]").click()
    expect(page.locator("#id_username")).to_be_visible()
    piece.refresh_from_db()
    assert piece.standfirst == "The first standfirst."

    log_in(page, editor_login)  # back at the form, as the server has it
    expect(page.locator("#id_standfirst")).to_have_value("The first standfirst.")
    notice = page.get_by_role("alert").filter(has_text="was not saved")
    expect(notice).to_contain_text("1 field")
    notice.get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_standfirst")).to_have_value(TYPED)
    save(page, "the restored text", success="was changed successfully")
    assert Interview.objects.get(pk=piece.pk).standfirst == TYPED

    # Saved: the browser forgets it, and the form opens without a notice.
    page.goto(live_server.url + change)
    expect(page.locator("#id_standfirst")).to_have_value(TYPED)
    expect(page.get_by_role("alert").filter(has_text="was not saved")).to_have_count(0)
    assert page.evaluate(KEPT) == 0


def test_discarding_forgets_the_kept_text(page, live_server, editor_login):
    piece = make_interview("Door", standfirst="Stored.")
    change = reverse("admin:interviews_interview_change", args=[piece.pk])
    page.goto(live_server.url + change)
    log_in(page, editor_login)
    page.fill("#id_standfirst", "Typed, then the tab was closed.")
    wait_until_kept(page)
    page.goto(live_server.url + change)
    # The server forgets its copy too (the page sent one on leaving).
    with page.expect_response(lambda answer: "/autosave/" in answer.url):
        page.get_by_role("button", name="Discard").click()
    expect(page.locator("#id_standfirst")).to_have_value("Stored.")
    page.reload()
    expect(page.get_by_role("button", name="Restore it")).to_have_count(0)


def wait_until_sent(piece):
    """The server's copy of what was typed on `piece`, once a closed tab has
    sent it. The browser sends it after the page is gone, when it gets to
    it: on a machine whose two cores run the whole suite, that took over
    5 s once."""
    for _ in range(200):
        copy = AutosavedText.objects.filter(interview=piece).first()
        if copy is not None:
            return copy
        time.sleep(0.1)
    raise AssertionError("the closed tab sent nothing to the server")


def test_text_typed_in_one_browser_is_offered_in_another(
    new_page, live_server, editor_login
):
    """The laptop's tab is closed before the save; the editor opens the
    piece on another machine and is offered what they typed."""
    piece = make_interview("Door", standfirst="Stored.")
    change = live_server.url + reverse(
        "admin:interviews_interview_change", args=[piece.pk]
    )
    laptop = new_page()
    laptop.goto(change)
    log_in(laptop, editor_login)
    laptop.fill("#id_standfirst", "Typed on the laptop, never saved.")
    # The tab is closed as a person closes it (the page's leaving handlers
    # run): the page sends its last copy.
    laptop.close(run_before_unload=True)
    wait_until_sent(piece)

    desktop = new_page()
    desktop.goto(change)
    log_in(desktop, editor_login)
    desktop.get_by_role("button", name="Restore it").click()
    expect(desktop.locator("#id_standfirst")).to_have_value(
        "Typed on the laptop, never saved."
    )
    assert Interview.objects.get(pk=piece.pk).standfirst == "Stored."
    # Saved at last: nothing is left for the page to send when it closes
    # (a copy sent while the test's database is emptied would fail it).
    save(desktop, "the restored text", success="was changed successfully")
    stored = Interview.objects.get(pk=piece.pk)
    assert stored.standfirst == "Typed on the laptop, never saved."


def test_text_typed_while_the_page_loaded_reaches_the_server(
    new_page, live_server, editor_login
):
    """On a slow connection the fields show before the page's script runs,
    and an editor may type into them: that text too is what the server has
    not got, and the closed tab sends it."""
    piece = make_interview("Door", standfirst="Stored.")
    laptop = new_page()
    laptop.goto(
        live_server.url + reverse("admin:interviews_interview_change", args=[piece.pk])
    )
    log_in(laptop, editor_login)
    # Typed before the form's script ran (on the same event, listening first).
    laptop.add_init_script(TYPED_WHILE_LOADING)
    laptop.reload()
    expect(laptop.locator("#id_standfirst")).to_have_value("Typed while it loaded.")
    laptop.close(run_before_unload=True)

    copy = wait_until_sent(piece)
    assert copy.fields["standfirst"] == "Typed while it loaded."


def test_text_typed_before_another_tab_came_to_the_front_reaches_the_server(
    page, live_server, editor_login
):
    """A phone switching apps, a tab behind another: the page may never be
    told it is closed, so hiding it sends what the server has not got."""
    piece = make_interview("Door", standfirst="Stored.")
    page.goto(
        live_server.url + reverse("admin:interviews_interview_change", args=[piece.pk])
    )
    log_in(page, editor_login)
    page.fill("#id_standfirst", "Typed, then the phone rang.")
    with page.expect_response(lambda answer: "/autosave/" in answer.url):
        page.evaluate(HIDE_THE_PAGE)
    copy = wait_until_sent(piece)
    assert copy.fields["standfirst"] == "Typed, then the phone rang."


# Headless Chromium keeps every page visible: the page is told it is hidden
# as a browser tells it.
HIDE_THE_PAGE = """
Object.defineProperty(document, "visibilityState", { value: "hidden" });
document.dispatchEvent(new Event("visibilitychange"));
"""


TYPED_WHILE_LOADING = """
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("id_standfirst");
  if (field) {
    field.value = "Typed while it loaded.";
  }
});
"""
