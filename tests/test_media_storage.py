"""Photos go through Django's storage API only, so any storage works: the
local folder, or an S3-compatible object store through django-storages.

Django's in-memory storage stands in for the object store: what the admin
uploads, the pages link to and a deletion removes are all the storage's,
and nothing is written to MEDIA_ROOT."""

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.urls import reverse

from interviews.choices import InterviewStatus
from photos.models import Photo

from . import photo_files as files
from .admin_pages import errors_of, read_form
from .factories import make_interview
from .production import GOOD_KEY, start_django


class ObjectStore(InMemoryStorage):
    """Files kept in memory, addressed as an object store addresses them."""

    def url(self, name):
        return f"https://photos.example/{name}"


@pytest.fixture
def object_store(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.ObjectStore"},
    }
    settings.SERVE_MEDIA = False
    return default_storage


def test_uploads_renditions_pages_and_deletion_all_go_through_the_storage(
    editor_client, object_store, media_root, django_capture_on_commit_callbacks
):
    add = reverse("admin:photos_photo_add")
    form = read_form(editor_client.get(add), "photo_form")
    form.update(caption="Showcase", alt_text="Kim Sejeong smiling", credit_text="OCN")
    form["upload"] = files.upload(files.jpeg((1600, 1000)))
    response = editor_client.post(add, form)
    assert response.status_code == 302, errors_of(response)

    photo = Photo.objects.get()
    names = photo.file_names()
    assert len(names) == 1 + 2 * 4 + 1  # the original, WebP and JPEG x 4, og
    assert all(object_store.exists(name) for name in names)
    assert not media_root.exists()

    interview = make_interview(status=InterviewStatus.PUBLISHED, lead_photo=photo)
    html = editor_client.get(interview.get_absolute_url()).content.decode()
    assert f"https://photos.example/{photo.stem}-800w.webp 800w" in html

    interview.lead_photo = None
    interview.save()
    delete = reverse("admin:photos_photo_delete", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not any(object_store.exists(name) for name in names)


def test_the_s3_storage_is_configured_from_the_environment():
    """MEDIA_STORAGE=s3 and its variables make django-storages' S3 storage
    with plain, cacheable URLs on the custom domain, and allow images from
    that domain in the Content-Security-Policy."""
    result = start_django(
        "magazine.settings.production",
        show="default_storage.__class__.__name__, default_storage.bucket_name, "
        "default_storage.url('photos/a.jpg'), settings.SERVE_MEDIA, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="magazine.example",
        MEDIA_STORAGE="s3",
        MEDIA_BUCKET="magazine-photos",
        MEDIA_CUSTOM_DOMAIN="photos.magazine.example",
        MEDIA_REGION="ap-northeast-2",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "S3Storage magazine-photos https://photos.magazine.example/photos/a.jpg "
        "False [\"'self'\", 'https://photos.magazine.example']"
    )
