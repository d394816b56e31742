"""Releases: the archive's four, each on its artist's discography and linked
from the interviews about it; a release page with its tracklist and
structured data; an unannounced comeback on no public surface until an
editor announces it or a live interview is about it."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from artists.models import Artist
from interviews.choices import InterviewStatus
from interviews.models import Interview
from photos.models import Photo
from releases.models import Release, ReleaseArtist, ReleaseKind, Track

from .admin_pages import add_inline_row, errors_of, read_form
from .factories import make_artist, make_interview, make_photo


def structured_data(response):
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(script.group(1))


@pytest.mark.parametrize(
    ("artist", "titles"), [("kim-sejeong", ["Door", "I’m"]), ("soseo", ["EX", "Candy"])]
)
def test_the_archive_discography_of_each_artist(archive, client, artist, titles):
    page = client.get(reverse("artists:detail", args=[artist]))
    assert [release.title for release in page.context["discography"]] == titles
    for release in page.context["discography"]:
        assert release.get_absolute_url() in page.content.decode()
    # The date closes its parenthesis without a stray space.
    assert "</time>)" in page.content.decode()


def test_a_kind_in_a_sentence_keeps_its_abbreviation(archive, client):
    """Lowercased, "Mini album (EP)" would read "mini album (ep)"."""
    page = client.get(reverse("artists:detail", args=["kim-sejeong"])).content.decode()
    assert '<span class="meta">(mini album (EP), ' in page
    assert "(ep)" not in page


def test_interviews_link_the_releases_they_are_about(archive, client):
    im = client.get(
        reverse("interviews:detail", args=["kim-se-jeong-reveals-goals-for-im-album"])
    ).content.decode()
    assert 'About <a href="/releases/im/"><cite>I’m</cite></a>' in im
    soseo = client.get(
        reverse("interviews:detail", args=["kcrush-interview-with-soseo"])
    ).content.decode()
    assert (
        'About <a href="/releases/candy/"><cite>Candy</cite></a> and '
        '<a href="/releases/ex/"><cite>EX</cite></a>'
    ) in soseo


def test_a_release_page_shows_its_tracklist_and_structured_data(archive, client):
    page = client.get(reverse("releases:detail", args=["im"]))
    html = page.content.decode()
    assert "Mini album (EP)" in html
    assert "March 29, 2022, 6:00 PM KST" in html
    assert '<li value="1"><bdi>Warning</bdi> <strong class="title-track">' in html
    assert "kim-se-jeong-reveals-goals-for-im-album" in html  # the interview
    data = structured_data(page)
    assert data["@type"] == "MusicAlbum"
    assert data["albumReleaseType"] == "https://schema.org/EPRelease"
    assert data["datePublished"].startswith("2022-03-29T18:00:00+09:00")
    assert [a["name"] for a in data["byArtist"]] == ["Kim Sejeong"]
    assert data["numTracks"] == 5
    assert data["track"]["itemListElement"][0]["item"]["name"] == "Warning"


def test_a_release_known_to_the_month_says_only_the_month(archive, client):
    page = client.get(reverse("releases:detail", args=["door"]))
    assert '<time datetime="2023-09">September 2023</time>' in page.content.decode()
    assert structured_data(page)["datePublished"] == "2023-09"


@pytest.fixture
def comeback(db):
    """An unannounced mini album by a public artist, with a cover."""
    artist = make_artist("Kim Sejeong", is_public=True)
    release = Release.objects.create(
        title="Secret Comeback",
        slug="secret-comeback",
        kind=ReleaseKind.MINI_ALBUM,
        released_at=timezone.now() + timedelta(days=30),
        cover=make_photo("Secret cover"),
    )
    ReleaseArtist.objects.create(release=release, artist=artist)
    Track.objects.create(release=release, position=1, title="Hidden Song")
    return release, artist


def surfaces(client, release, artist):
    """Everything a reader could read the release's title on."""
    pages = [
        client.get(artist.get_absolute_url()),
        client.get(reverse("sitemap-section", args=["releases"])),
        client.get(reverse("search"), {"q": "Kim Sejeong"}),
    ]
    return "".join(page.content.decode() for page in pages)


def test_an_unannounced_release_is_on_no_public_surface(comeback, client):
    release, artist = comeback
    assert client.get(release.get_absolute_url()).status_code == 404
    assert "Secret Comeback" not in surfaces(client, release, artist)
    assert "secret-comeback" not in surfaces(client, release, artist)
    assert not Photo.objects.public().filter(pk=release.cover_id).exists()


def test_announcing_a_release_shows_it_and_its_cover(comeback, client):
    release, artist = comeback
    release.is_public = True
    release.save()
    assert client.get(release.get_absolute_url()).status_code == 200
    assert "Secret Comeback" in surfaces(client, release, artist)
    assert Photo.objects.public().filter(pk=release.cover_id).exists()


def test_an_interview_about_it_shows_it_once_live(comeback, client):
    release, artist = comeback
    interview = make_interview(
        "The comeback",
        artist=artist,
        status=InterviewStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(hours=1),
    )
    interview.releases.add(release)
    # Scheduled: still under embargo.
    assert client.get(release.get_absolute_url()).status_code == 404
    Interview.objects.filter(pk=interview.pk).update(
        publish_at=timezone.now() - timedelta(minutes=1)
    )
    Release.shown_by.refresh([release.pk])
    assert client.get(release.get_absolute_url()).status_code == 200
    # Taken off the interview, it is hidden again.
    interview.releases.remove(release)
    assert client.get(release.get_absolute_url()).status_code == 404


def release_form(editor_client, release):
    url = reverse("admin:releases_release_change", args=[release.pk])
    return url, read_form(editor_client.get(url), "release_form")


def test_two_tracks_with_one_number_are_refused(comeback, editor_client):
    release, _ = comeback
    url, form = release_form(editor_client, release)
    add_inline_row(form, "tracks", position="1", title="Another first song")
    response = editor_client.post(url, form)
    assert response.status_code == 200
    assert "Two tracks share one number: number each track once." in errors_of(response)
    assert list(release.tracks.values_list("title", flat=True)) == ["Hidden Song"]


def test_a_release_before_the_artists_debut_is_saved_with_a_warning(
    comeback, editor_client
):
    release, artist = comeback
    artist.debut_date = timezone.localdate() + timedelta(days=60)
    artist.save()
    url, form = release_form(editor_client, release)
    response = editor_client.post(url, form, follow=True)
    assert response.redirect_chain, errors_of(response)
    assert "comes out before Kim Sejeong debuted" in response.content.decode()


def test_a_writer_cannot_change_an_announced_release(archive, writer_client):
    im = Release.objects.get(slug="im")
    url = reverse("admin:releases_release_change", args=[im.pk])
    page = writer_client.get(url)
    assert page.status_code == 200
    assert "only an editor can change it" in page.content.decode()
    writer_client.post(url, {"title": "Changed"})
    im.refresh_from_db()
    assert im.title == "I’m"


def test_the_artist_form_lists_the_discography(archive, editor_client):
    sejeong = Artist.objects.get(slug="kim-sejeong")
    page = editor_client.get(reverse("admin:artists_artist_change", args=[sejeong.pk]))
    html = page.content.decode()
    door = Release.objects.get(slug="door")
    assert reverse("admin:releases_release_change", args=[door.pk]) in html
    assert "Door</a> (2023)" in html
