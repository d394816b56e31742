"""No silent overwrite: an editor's save from a form made before another
editor's save is refused, changes nothing, says who changed what, keeps
what this editor typed, and goes through when they save again."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from artists.models import Artist
from interviews import services
from interviews.choices import InterviewStatus
from interviews.models import QAItem
from people.models import Contributor

from .admin_pages import errors_of, read_form
from .concurrent_edits import editor_client as make_editor
from .concurrent_edits import race
from .factories import make_artist, make_interview
from .production import ROOT


@pytest.fixture
def piece(db):
    interview = make_interview("Door", standfirst="The first standfirst.")
    QAItem.objects.create(
        interview=interview, position=1, question="Why Door?", answer="First answer."
    )
    return interview


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def open_form(client, interview):
    return read_form(client.get(change_url(interview)), "interview_form")


def test_a_save_from_a_stale_form_is_refused_and_changes_nothing(piece):
    mina, jun = make_editor("mina"), make_editor("jun")
    minas, juns = open_form(mina, piece), open_form(jun, piece)

    minas["standfirst"] = "Mina's standfirst."
    minas["qa_items-0-answer"] = "Mina's answer."
    assert mina.post(change_url(piece), minas).status_code == 302

    juns["title"] = "Door, by Jun"
    response = jun.post(change_url(piece), juns)

    assert response.status_code == 200
    piece.refresh_from_db()
    assert piece.title == "Door"
    assert piece.standfirst == "Mina's standfirst."
    assert piece.qa_items.get().answer == "Mina's answer."
    errors = " ".join(errors_of(response))
    assert "Your changes were not saved: Mina saved this interview" in errors
    assert "They changed: Standfirst, Q&A items." in errors
    assert "Their Standfirst: Mina's standfirst." in errors
    assert "Mina's answer." in errors
    # What Jun typed is still in the form.
    assert read_form(response, "interview_form")["title"] == "Door, by Jun"


def test_saving_again_after_the_refusal_goes_through(piece):
    mina, jun = make_editor("mina"), make_editor("jun")
    minas, juns = open_form(mina, piece), open_form(jun, piece)
    minas["standfirst"] = "Mina's standfirst."
    mina.post(change_url(piece), minas)
    juns["title"] = "Door, by Jun"
    refused = jun.post(change_url(piece), juns)

    merged = read_form(refused, "interview_form")
    merged["standfirst"] = "Mina's standfirst."  # Jun keeps Mina's
    assert jun.post(change_url(piece), merged).status_code == 302
    piece.refresh_from_db()
    assert (piece.title, piece.standfirst) == ("Door, by Jun", "Mina's standfirst.")


def test_a_publish_between_opening_and_saving_makes_the_form_stale(piece):
    mina = make_editor("mina")
    form = open_form(mina, piece)
    services.publish_interview(
        interview=piece, by=get_user_model().objects.get(username="mina")
    )
    form["standfirst"] = "Edited from before the publish."
    response = mina.post(change_url(piece), form)
    assert response.status_code == 200
    piece.refresh_from_db()
    assert piece.status == InterviewStatus.PUBLISHED
    assert piece.standfirst == "The first standfirst."
    assert "They changed: Status" in " ".join(errors_of(response))


@pytest.mark.parametrize("token", ["", "forged", None])
def test_a_missing_or_forged_token_counts_as_stale(piece, token):
    mina = make_editor("mina")
    form = open_form(mina, piece)
    if token is None:
        del form["edit_token"]
    else:
        form["edit_token"] = token
    form["standfirst"] = "Anything."
    assert mina.post(change_url(piece), form).status_code == 200
    piece.refresh_from_db()
    assert piece.standfirst == "The first standfirst."


def test_one_editor_saving_twice_from_fresh_forms_is_never_refused(piece):
    mina = make_editor("mina")
    for text in ["One.", "Two.", "Three."]:
        form = open_form(mina, piece)
        form["standfirst"] = text
        assert mina.post(change_url(piece), form).status_code == 302
    piece.refresh_from_db()
    assert piece.standfirst == "Three."


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_never_lose_a_field(tmp_path):
    """Both editors press Save at once from forms of the same save: one is
    taken whole, the other refused whole; no mix of the two is stored."""
    if connection.vendor == "sqlite":
        result = race_in_a_sqlite_file(tmp_path / "race.sqlite3")
    else:
        result = race()

    assert sorted(result["statuses"].values()) == [200, 302]
    (winner,) = [name for name, code in result["statuses"].items() if code == 302]
    assert result["stored"] == result["sent"][winner]


def race_in_a_sqlite_file(path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "magazine.settings.test",
        "DATABASE_URL": f"sqlite:///{path}",
    }
    finished = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from tests.concurrent_edits import main; main()",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.splitlines()[-1])


def test_opening_a_form_someone_else_has_open_says_who_and_since_when(piece):
    mina, jun = make_editor("mina"), make_editor("jun")
    first = mina.get(change_url(piece))
    assert "Also open" not in first.content.decode()
    html = jun.get(change_url(piece)).content.decode()
    assert "Also open: Mina since" in html
    assert "KST" in html
    # Mina opening it again sees Jun; nobody is told about themselves.
    again = mina.get(change_url(piece)).content.decode()
    assert "Also open: Jun since" in again
    assert "Mina since" not in again


def test_the_notice_is_soft_the_second_can_still_save(piece):
    mina, jun = make_editor("mina"), make_editor("jun")
    mina.get(change_url(piece))
    form = open_form(jun, piece)
    form["standfirst"] = "Jun's, while Mina looks."
    assert jun.post(change_url(piece), form).status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "review"}, "Sent for review."),
        ({"status": "published"}, "Published: it is live now."),
        (
            {
                "status": "published",
                "publish_at_0": "2030-03-29",
                "publish_at_1": "18:00",
            },
            "Scheduled for 29 March 2030, 18:00 KST.",
        ),
    ],
)
def test_a_status_change_says_what_happened(piece, changes, message):
    mina = make_editor("mina")
    form = open_form(mina, piece)
    form.update(changes)
    response = mina.post(change_url(piece), form, follow=True)
    assert message in response.content.decode(), errors_of(response)


def test_an_artist_saved_from_a_stale_form_keeps_the_other_editors_alias(db):
    artist = make_artist("Kim Sejeong")
    url = reverse("admin:artists_artist_change", args=[artist.pk])
    mina, jun = make_editor("mina"), make_editor("jun")
    minas, juns = (read_form(client.get(url), "artist_form") for client in (mina, jun))
    minas["aliases-0-name"] = "Sejeong"
    minas["aliases-0-kind"] = minas.get("aliases-0-kind") or "stage"
    saved = mina.post(url, minas)
    assert saved.status_code == 302, errors_of(saved)
    juns["bio"] = "Jun's bio."
    response = jun.post(url, juns)
    assert response.status_code == 200
    assert "They changed: Aliases." in " ".join(errors_of(response))
    assert Artist.objects.get(pk=artist.pk).aliases.filter(name="Sejeong").exists()


def test_a_contributor_saved_from_a_stale_form_is_refused(db):
    contributor = Contributor.objects.create(name="Jung Bae", slug="jung-bae")
    url = reverse("admin:people_contributor_change", args=[contributor.pk])
    mina, jun = make_editor("mina"), make_editor("jun")
    minas, juns = (read_form(c.get(url), "contributor_form") for c in (mina, jun))
    minas["name"] = "Bae Jung"
    assert mina.post(url, minas).status_code == 302
    juns["slug"] = "jung-bae-translator"
    assert jun.post(url, juns).status_code == 200
    contributor.refresh_from_db()
    assert (contributor.name, contributor.slug) == ("Bae Jung", "jung-bae")
