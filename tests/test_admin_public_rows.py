"""What readers see is the editors' to change: a writer may not change a
live artist (its bio, links, aliases, memberships) or replace the photo of
a published interview, but keeps full use of what only drafts show."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from artists.models import Artist, ArtistKind, ArtistLink, Membership
from interviews.choices import InterviewStatus
from people.models import Contributor

from .admin_pages import add_inline_row, read_form
from .factories import make_artist, make_interview, make_photo
from .photo_files import jpeg, upload

ARTIST_FORM = "artist_form"
PHOTO_FORM = "photo_form"


def artist_url(artist):
    return reverse("admin:artists_artist_change", args=[artist.pk])


def photo_url(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def edit_artist(client, artist, **changes):
    """Post the artist's form as a browser would, with `changes` on top and
    a phishing link added."""
    page = client.get(artist_url(artist))
    data = read_form(page, ARTIST_FORM) if page.status_code == 200 else {}
    data.update(changes)
    if "links-TOTAL_FORMS" in data:
        add_inline_row(
            data,
            "links",
            platform="website",
            url="https://phish.example/",
            position="1",
        )
    return client.post(artist_url(artist), data)


PUBLISHED = {
    "live": {"status": InterviewStatus.PUBLISHED},
    "scheduled": {
        "status": InterviewStatus.PUBLISHED,
        "publish_at": timezone.now() + timedelta(days=2),
    },
}


@pytest.mark.parametrize("state", PUBLISHED)
def test_a_writer_cannot_change_an_artist_readers_see(writer_client, state):
    artist = make_artist("Soseo", bio="Singer-songwriter.")
    make_interview("Soseo speaks", artist=artist, **PUBLISHED[state])

    page = writer_client.get(artist_url(artist))
    assert page.status_code == 200  # they may read it
    assert "only an editor can change it" in page.content.decode()
    assert not page.context["has_change_permission"]
    response = edit_artist(writer_client, artist, bio="Visit phish.example")
    assert response.status_code == 403
    artist.refresh_from_db()
    assert artist.bio == "Singer-songwriter."
    assert not ArtistLink.objects.exists()


def test_an_artist_an_editor_made_public_is_locked_too(writer_client):
    group = make_artist("I.O.I", kind=ArtistKind.GROUP, is_public=True)
    assert edit_artist(writer_client, group, bio="Changed").status_code == 403
    group.refresh_from_db()
    assert group.bio == ""


def test_a_writer_changes_an_artist_only_drafts_show(writer_client):
    artist = make_artist("Secret Debut Group", kind=ArtistKind.GROUP)
    make_interview("Debut draft", artist=artist, status=InterviewStatus.DRAFT)
    response = edit_artist(writer_client, artist, bio="Debuting soon.")
    assert response.status_code == 302
    artist.refresh_from_db()
    assert artist.bio == "Debuting soon."
    assert artist.links.get().url == "https://phish.example/"


def test_a_writer_cannot_make_an_artist_public(writer_client):
    artist = make_artist("Quiet Soloist")
    edit_artist(writer_client, artist, is_public="on")
    assert not Artist.objects.get(pk=artist.pk).is_public
    add = writer_client.get(reverse("admin:artists_artist_add"))
    assert "is_public" not in add.context["adminform"].form.fields


def test_an_editor_changes_a_live_artist_and_makes_one_public(editor_client):
    live = make_artist("Soseo")
    make_interview("Soseo speaks", artist=live, status=InterviewStatus.PUBLISHED)
    assert edit_artist(editor_client, live, bio="New bio.").status_code == 302
    live.refresh_from_db()
    assert live.bio == "New bio."
    group = make_artist("gugudan", kind=ArtistKind.GROUP)
    assert edit_artist(editor_client, group, is_public="on").status_code == 302
    assert Artist.objects.get(pk=group.pk).is_public


def test_a_writer_cannot_add_a_member_to_a_live_group(writer_client):
    group = make_artist("Live Group", kind=ArtistKind.GROUP, is_public=True)
    newcomer = make_artist("Newcomer")
    data = read_form(writer_client.get(artist_url(group)), ARTIST_FORM)
    assert "lineup-TOTAL_FORMS" not in data or data["lineup-TOTAL_FORMS"] == "0"
    data["lineup-TOTAL_FORMS"] = "1"
    data["lineup-INITIAL_FORMS"] = "0"
    data["lineup-0-member"] = str(newcomer.pk)
    assert writer_client.post(artist_url(group), data).status_code == 403
    assert not Membership.objects.exists()


def edit_photo(client, photo, **changes):
    page = client.get(photo_url(photo))
    data = read_form(page, PHOTO_FORM) if page.status_code == 200 else {}
    data.update(changes)
    data["upload"] = upload(jpeg((300, 200)), "replacement.jpg")
    return client.post(photo_url(photo), data)


@pytest.mark.parametrize("state", PUBLISHED)
def test_a_writer_cannot_change_or_replace_a_published_lead_photo(writer_client, state):
    photo = make_photo("On stage")
    make_interview("With a photo", lead_photo=photo, **PUBLISHED[state])
    before = photo.original.name
    response = edit_photo(writer_client, photo, caption="Replaced")
    assert response.status_code == 403
    photo.refresh_from_db()
    assert (photo.caption, photo.original.name) == ("On stage", before)


def test_a_writer_cannot_change_a_public_artists_portrait(writer_client):
    photo = make_photo("Portrait")
    make_artist("Portrayed", is_public=True, portrait=photo)
    assert edit_photo(writer_client, photo, caption="Other").status_code == 403


def test_a_writer_changes_a_photo_only_a_draft_shows(writer_client):
    photo = make_photo("Teaser")
    make_interview("Teaser draft", lead_photo=photo, status=InterviewStatus.DRAFT)
    response = edit_photo(writer_client, photo, caption="Teaser, cropped")
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Teaser, cropped"
    assert photo.width == 300


def test_an_editor_replaces_a_live_photo(editor_client):
    photo = make_photo("On stage")
    make_interview("With a photo", lead_photo=photo, status=InterviewStatus.PUBLISHED)
    assert edit_photo(editor_client, photo, caption="Better").status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.width) == ("Better", 300)


def test_a_writer_cannot_make_a_contributor_public(writer_client):
    add = writer_client.get(reverse("admin:people_contributor_add"))
    assert "is_public" not in add.context["adminform"].form.fields
    writer_client.post(
        reverse("admin:people_contributor_add"),
        {
            "name": "Self Promoter",
            "slug": "self-promoter",
            "kind": "person",
            "is_public": "on",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
        },
    )
    added = Contributor.objects.get(slug="self-promoter")
    assert not added.is_public
