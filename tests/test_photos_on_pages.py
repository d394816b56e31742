"""Photos as editors attach them and readers see them: the lead photo and
gallery on the article page, responsive and credited, and what publishing
asks of them."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from interviews import services
from interviews.choices import InterviewStatus
from interviews.models import GalleryPhoto

from .admin_pages import add_inline_row, errors_of, read_form
from .factories import make_artist, make_contributor, make_interview, make_photo


def interview_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def attach(client, interview, *, lead=None, gallery=(), **changes):
    data = read_form(client.get(interview_url(interview)), "interview_form")
    if lead is not None:
        data["lead_photo"] = str(lead.pk)
    for position, photo in enumerate(gallery, start=1):
        add_inline_row(data, "gallery", photo=str(photo.pk), position=str(position))
    data.update(changes)
    return client.post(interview_url(interview), data)


@pytest.fixture
def agency(db):
    return make_contributor("Jellyfish Entertainment", kind="organisation")


def test_an_editor_attaches_a_lead_photo_and_a_gallery(editor_client, agency):
    interview = make_interview("Sejeong talks", status=InterviewStatus.PUBLISHED)
    lead = make_photo("Sejeong at the showcase", credit=agency, size=(2000, 1300))
    gallery = [make_photo(f"Still {n}", credit_text="OCN") for n in range(1, 4)]
    response = attach(editor_client, interview, lead=lead, gallery=gallery)
    assert response.status_code == 302, errors_of(response)
    interview.refresh_from_db()
    assert interview.lead_photo == lead
    assert [item.photo for item in interview.gallery.all()] == gallery

    editor_client.logout()
    html = editor_client.get(interview.get_absolute_url()).content.decode()
    # The lead: WebP and JPEG sources at every width, sized, fetched first.
    assert f'srcset="{lead.srcset_webp}"' in html
    assert "/media/photos/" in lead.srcset_webp and " 1600w" in lead.srcset_webp
    assert f'srcset="{lead.srcset_jpeg}"' in html
    lead_img = re.search(rf'<img src="{lead.fallback_url}"[^>]*>', html).group(0)
    assert 'width="2000" height="1300"' in lead_img
    assert 'alt="The artist on stage, singing into a microphone"' in lead_img
    assert "lazy" not in lead_img  # above the fold: loaded at once
    # Across the page, not the text column.
    assert 'sizes="(min-width: 72rem) 68rem, calc(100vw - 2rem)"' in lead_img
    assert (
        'Photo: <a href="/contributors/jellyfish-entertainment/">'
        "<bdi>Jellyfish Entertainment</bdi></a>" in html
    )
    # The gallery: numbered, lazy, each credited.
    for number, photo in enumerate(gallery, start=1):
        assert f"Image {number} of 3" in html
        img = re.search(rf'<img src="{photo.fallback_url}"[^>]*>', html).group(0)
        assert 'loading="lazy"' in img
    assert html.count("Photo: <bdi>OCN</bdi>") == 3


def test_the_lead_photo_is_what_sharing_shows(client, agency):
    lead = make_photo("Sejeong", credit=agency)
    interview = make_interview(
        "Shared", status=InterviewStatus.PUBLISHED, lead_photo=lead
    )
    html = client.get(interview.get_absolute_url()).content.decode()
    og_url = f"http://testserver{lead.og_url}"
    assert f'<meta property="og:image" content="{og_url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert data["image"] == [og_url, f"http://testserver{lead.largest_url}"]


def test_an_interview_without_photos_shares_a_summary_card(db, client):
    interview = make_interview("No photos", status=InterviewStatus.PUBLISHED)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert "og:image" not in html and "<picture>" not in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_the_artist_page_shows_the_portrait(client, agency):
    artist = make_artist(
        "Kim Sejeong", is_public=True, portrait=make_photo("Portrait", credit=agency)
    )
    html = client.get(artist.get_absolute_url()).content.decode()
    assert f'srcset="{artist.portrait.srcset_webp}"' in html
    assert "Photo: <a" in html


def test_a_public_photo_is_served_with_nosniff_and_kept_a_year(db, client):
    photo = make_photo()
    make_interview("Live", status=InterviewStatus.PUBLISHED, lead_photo=photo)
    response = client.get(photo.og_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    response.close()


def test_an_embargoed_photos_files_are_for_staff_only(db, editor_client):
    """A photo waiting for its interview is on no public surface, its files
    included, even for whoever kept their address."""
    photo = make_photo()
    make_interview("Draft", lead_photo=photo)
    reader = Client()
    for url in [photo.og_url, photo.fallback_url, photo.original.url]:
        assert reader.get(url).status_code == 404, url
        response = editor_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        # Read to the end, which closes the file: close() itself would end
        # the "request" and, on PostgreSQL, the test's connection with it.
        assert response.getvalue()


def test_media_outside_the_media_folder_is_not_served(db, client, caplog):
    # db: the 404 page lists the latest pieces.
    for path in ["/media/../manage.py", "/media/%2e%2e/manage.py", "/media/"]:
        assert client.get(path).status_code in (400, 404), path


@pytest.mark.parametrize(
    "missing, lacks",
    [({"alt_text": ""}, "alt text"), ({"credit_text": ""}, "a credit")],
)
def test_publishing_is_refused_while_the_lead_photo_lacks(
    editor_client, missing, lacks
):
    photo = make_photo("Undescribed", **missing)
    interview = make_interview("Not yet")
    response = attach(
        editor_client, interview, lead=photo, status=InterviewStatus.PUBLISHED
    )
    assert (
        f"The lead photo, “Undescribed”, needs {lacks} before publishing."
        in errors_of(response)
    )
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_publishing_is_refused_naming_the_gallery_photo_that_lacks(editor_client):
    fine = make_photo("Fine")
    bare = make_photo("Bare", alt_text="", credit_text="")
    interview = make_interview("Not yet")
    response = attach(
        editor_client, interview, gallery=[fine, bare], status=InterviewStatus.PUBLISHED
    )
    assert (
        "Gallery photo 2, “Bare”, needs alt text and a credit before publishing."
        in errors_of(response)
    )
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT
    assert not GalleryPhoto.objects.exists()


def test_the_publish_action_names_the_photo_too(editor):
    interview = make_interview("Not yet", lead_photo=make_photo("Bare", alt_text=""))
    GalleryPhoto.objects.create(
        interview=interview, photo=make_photo("Also bare", credit_text="")
    )
    with pytest.raises(services.NotReadyToPublish) as refusal:
        services.publish_interview(interview=interview, by=editor)
    assert refusal.value.problems == [
        "The lead photo, “Bare”, needs alt text before publishing.",
        "Gallery photo 1, “Also bare”, needs a credit before publishing.",
    ]
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_a_draft_may_hold_undescribed_photos(editor_client):
    interview = make_interview("Draft")
    photo = make_photo("Later", alt_text="", credit_text="")
    response = attach(editor_client, interview, lead=photo, gallery=[photo])
    assert response.status_code == 302, errors_of(response)


def test_cards_show_the_lead_photo_as_a_decorative_thumbnail(db, client):
    photo = make_photo("Card photo")
    make_interview("With a photo", status=InterviewStatus.PUBLISHED, lead_photo=photo)
    make_interview("Without", status=InterviewStatus.PUBLISHED)
    for url in [reverse("home"), reverse("interviews:list")]:
        html = client.get(url).content.decode()
        img = re.search(
            rf'<img class="card-photo" src="{photo.thumbnail_url}"[^>]*>', html
        )
        assert img, url
        assert 'alt=""' in img.group(0) and 'loading="lazy"' in img.group(0)
        assert html.count('class="card-photo"') == 1, url
