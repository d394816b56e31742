"""The photo library in the admin: upload, list, search, replace, delete,
and the rules that keep a published interview's photos described."""

import re

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from interviews.choices import InterviewStatus
from photos.models import Photo

from . import photo_files as files
from .admin_pages import errors_of, read_form
from .factories import make_contributor, make_interview, make_photo

PHOTO_ADD = reverse("admin:photos_photo_add")
PHOTO_LIST = reverse("admin:photos_photo_changelist")


def photo_url(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def stored_files(media_root):
    if not media_root.exists():
        return []
    return sorted(
        p.relative_to(media_root).as_posix()
        for p in media_root.rglob("*")
        if p.is_file()
    )


def post_photo(client, url, data, upload=None):
    form = read_form(client.get(url), "photo_form")
    form.update(data)
    if upload is not None:
        form["upload"] = upload
    return client.post(url, form)


def test_an_editor_uploads_a_photo(editor_client, editor, media_root):
    response = post_photo(
        editor_client,
        PHOTO_ADD,
        {
            "caption": "Sejeong at the showcase",
            "alt_text": "Kim Sejeong smiling",
            "credit_text": "OCN",
        },
        files.upload(files.jpeg((2000, 1250)), name="../../IMG 0042 (home).jpg"),
    )
    assert response.status_code == 302, errors_of(response)
    photo = Photo.objects.get()
    assert photo.uploaded_by == editor
    assert (photo.width, photo.height) == (2000, 1250)
    assert photo.rendition_widths == [400, 800, 1200, 1600]
    # A generated name in the photo's folder; the uploaded name is nowhere.
    assert re.fullmatch(rf"photos/{photo.key}/[0-9a-f]{{16}}\.jpg", photo.original.name)
    names = stored_files(media_root)
    assert len(names) == 1 + 4 * 2 + 1
    assert sorted(photo.file_names()) == names
    assert not any("IMG" in name or "home" in name for name in names)


@pytest.mark.parametrize(
    "data, message",
    [
        (files.NOT_IMAGES["html renamed .jpg"], "not a JPEG, PNG, WebP or GIF image"),
        (files.polyglot_png(), "web page code"),
        (files.png_declaring(14000, 14000), "million pixels"),
        (b"", "The submitted file is empty."),
    ],
    ids=["html", "polyglot", "bomb", "empty"],
)
def test_a_bad_file_is_a_form_error_and_nothing_is_stored(
    editor_client, media_root, data, message
):
    response = post_photo(
        editor_client,
        PHOTO_ADD,
        {"caption": "Bad", "alt_text": "Bad", "credit_text": "Nobody"},
        files.upload(data, name="photo.jpg"),
    )
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response)), errors_of(response)
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_a_photo_needs_a_file(editor_client):
    response = post_photo(editor_client, PHOTO_ADD, {"caption": "No file"})
    assert "Choose the image file to upload." in errors_of(response)
    assert not Photo.objects.exists()


def test_a_photo_is_credited_to_a_contributor_or_a_text_not_both(editor_client):
    agency = make_contributor("Jellyfish Entertainment", kind="organisation")
    response = post_photo(
        editor_client,
        PHOTO_ADD,
        {"caption": "Both", "credit": str(agency.pk), "credit_text": "OCN"},
        files.upload(files.jpeg()),
    )
    assert "Credit a contributor or type a credit, not both." in errors_of(response)
    assert not Photo.objects.exists()


def test_the_list_shows_thumbnails_and_searches_caption_and_credit(editor_client):
    agency = make_contributor("Jellyfish Entertainment", kind="organisation")
    showcase = make_photo("Showcase in Seoul", credit=agency)
    make_photo("Backstage", credit_text="KBS2")
    page = editor_client.get(PHOTO_LIST).content.decode()
    assert f'src="{showcase.thumbnail_url}"' in page
    for term, caption in [
        ("showcase", "Showcase in Seoul"),
        ("jellyfish", "Showcase in Seoul"),
        ("kbs2", "Backstage"),
    ]:
        page = editor_client.get(PHOTO_LIST, {"q": term}).content.decode()
        assert caption in page, term
        assert ("Backstage" in page) == (caption == "Backstage"), term


def test_the_list_filters_photos_that_lack_alt_text_or_credit(editor_client):
    make_photo("Described")
    make_photo("Undescribed", alt_text="")
    page = editor_client.get(PHOTO_LIST, {"ready": "no"}).content.decode()
    assert "Undescribed" in page and "Described<" not in page


def test_replacing_the_image_removes_the_old_files(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    photo = make_photo("Replace me")
    old = photo.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_photo(
            editor_client, photo_url(photo), {}, files.upload(files.jpeg((640, 480)))
        )
    assert response.status_code == 302, errors_of(response)
    photo.refresh_from_db()
    assert photo.rendition_widths == [400, 640]
    assert stored_files(media_root) == sorted(photo.file_names())
    assert not set(old) & set(photo.file_names())


def test_deleting_a_photo_removes_its_files(
    db, media_root, django_capture_on_commit_callbacks
):
    photo = make_photo("Gone")
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored_files(media_root) == []


def test_a_photo_an_interview_shows_cannot_be_deleted(db):
    photo = make_photo("In use")
    make_interview("Lead", lead_photo=photo)
    with pytest.raises(ProtectedError):
        photo.delete()


def test_a_published_interviews_photo_keeps_its_alt_text_and_credit(editor_client):
    photo = make_photo("Live")
    make_interview("A live piece", status=InterviewStatus.PUBLISHED, lead_photo=photo)
    response = post_photo(
        editor_client, photo_url(photo), {"alt_text": "", "credit_text": ""}
    )
    assert (
        "“A live piece” is published with this photo: it needs alt text and a credit."
        in errors_of(response)
    )
    photo.refresh_from_db()
    assert photo.alt_text and photo.credit_text


def test_writers_may_upload_photos_but_not_delete_them(writer_client):
    response = post_photo(
        writer_client,
        PHOTO_ADD,
        {"caption": "By a writer", "alt_text": "A stage", "credit_text": "OCN"},
        files.upload(files.jpeg()),
    )
    assert response.status_code == 302, errors_of(response)
    photo = Photo.objects.get()
    delete = reverse("admin:photos_photo_delete", args=[photo.pk])
    assert writer_client.get(delete).status_code == 403
