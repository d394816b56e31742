"""The server keeps what an editor typed and has not saved: one copy per
editor and interview, never a revision, from nobody who may not edit."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from interviews.choices import InterviewStatus
from interviews.models import AutosavedText

from .admin_pages import read_form
from .factories import make_interview


def autosave_url(interview):
    return reverse("admin:interviews_interview_autosave", args=[interview.pk])


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


@pytest.fixture
def piece(db):
    return make_interview("Door", standfirst="Stored.")


def test_typing_is_kept_replaced_and_never_a_revision(editor_client, editor, piece):
    for text in ("First draft of the standfirst.", "Second draft."):
        response = editor_client.post(
            autosave_url(piece), {"standfirst": text, "title": "Door"}
        )
        assert response.status_code == 204
    kept = AutosavedText.objects.get()
    assert (kept.user, kept.interview) == (editor, piece)
    assert kept.fields == {"standfirst": "Second draft.", "title": "Door"}
    assert not Version.objects.exists()
    piece.refresh_from_db()
    assert piece.standfirst == "Stored."


def test_only_text_fields_are_kept(editor_client, piece):
    editor_client.post(
        autosave_url(piece),
        {
            "body": "Words.",
            "qa_items-0-answer": "An answer.",
            "status": "published",
            "featured_artists": "1",
            "csrfmiddlewaretoken": "x",
        },
    )
    assert AutosavedText.objects.get().fields == {
        "body": "Words.",
        "qa_items-0-answer": "An answer.",
    }


def test_a_nul_in_the_typing_is_left_out_and_the_rest_kept(editor_client, piece):
    response = editor_client.post(
        autosave_url(piece), {"title": "Do\x00or", "body": "\x00Pasted words."}
    )
    assert response.status_code == 204
    assert AutosavedText.objects.get().fields == {
        "title": "Door",
        "body": "Pasted words.",
    }


def test_the_form_offers_the_servers_copy_back_until_the_save(editor_client, piece):
    editor_client.post(autosave_url(piece), {"standfirst": "Typed on the laptop."})
    html = editor_client.get(change_url(piece)).content.decode()
    start = html.index('<script id="autosaved-text" type="application/json">')
    data = json.loads(html[start : html.index("</script>", start)].split(">", 1)[1])
    assert data["fields"] == {"standfirst": "Typed on the laptop."}

    form = read_form(editor_client.get(change_url(piece)), "interview_form")
    form["standfirst"] = "Typed on the laptop."
    assert editor_client.post(change_url(piece), form).status_code == 302
    assert not AutosavedText.objects.exists()
    assert "autosaved-text" not in editor_client.get(change_url(piece)).content.decode()


def test_one_editors_copy_is_not_offered_to_another(editor_client, piece, writer):
    editor_client.post(autosave_url(piece), {"standfirst": "The editor's words."})
    other = Client()
    other.force_login(writer)
    assert "autosaved-text" not in other.get(change_url(piece)).content.decode()


def test_someone_who_may_not_edit_changes_nothing(writer, db):
    published = make_interview("Live", status=InterviewStatus.PUBLISHED)
    client = Client()
    client.force_login(writer)
    response = client.post(autosave_url(published), {"standfirst": "Sneaky."})
    assert response.status_code == 403
    assert not AutosavedText.objects.exists()
    assert Client().post(autosave_url(published), {"body": "x"}).status_code == 302


def test_only_a_post_is_taken(editor_client, piece):
    assert editor_client.get(autosave_url(piece)).status_code == 405


def test_discarding_removes_the_servers_copy(editor_client, piece):
    editor_client.post(autosave_url(piece), {"standfirst": "Not wanted."})
    assert (
        editor_client.post(autosave_url(piece), {"discard": "yes"}).status_code == 204
    )
    assert not AutosavedText.objects.exists()
