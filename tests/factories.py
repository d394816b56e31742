"""Small builders for test data, so each test states only what matters to it."""

from django.utils import timezone
from django.utils.text import slugify

from artists.models import Artist, ArtistKind
from interviews.choices import InterviewStatus, Role
from interviews.models import Credit, Interview
from people.models import Contributor


def make_artist(name="Test Artist", *, kind=ArtistKind.SOLOIST, **fields):
    return Artist.objects.create(
        name=name, slug=fields.pop("slug", slugify(name)), kind=kind, **fields
    )


def make_contributor(name="Test Writer", **fields):
    return Contributor.objects.create(
        name=name, slug=fields.pop("slug", slugify(name)), **fields
    )


def make_interview(
    title="A Test Interview",
    *,
    status=InterviewStatus.DRAFT,
    publish_at=None,
    artist=None,
    contributor=None,
    body="Some words.",
    **fields,
):
    """An interview ready to publish: a body, a featured artist, a credit."""
    if status == InterviewStatus.PUBLISHED and publish_at is None:
        publish_at = timezone.now()
    interview = Interview.objects.create(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        status=status,
        publish_at=publish_at,
        body=body,
        **fields,
    )
    interview.featured_artists.add(
        artist or make_artist(f"Artist of {title}", slug=f"artist-{interview.slug}")
    )
    Credit.objects.create(
        interview=interview,
        contributor=contributor
        or make_contributor(f"Writer of {title}", slug=f"writer-{interview.slug}"),
        role=Role.INTERVIEWER,
    )
    return interview


def make_photo(
    caption="On stage",
    *,
    alt_text="The artist on stage, singing into a microphone",
    credit=None,
    credit_text=None,
    size=(800, 500),
):
    """A stored photo, processed as an upload is: credited to `credit` (a
    contributor) or `credit_text` (default "Test Agency")."""
    from photos.models import Photo
    from photos.processing import process
    from photos.services import store_photo
    from photos.uploads import inspect_upload

    from .photo_files import jpeg, upload

    if credit_text is None:
        credit_text = "" if credit else "Test Agency"
    photo = Photo(
        caption=caption, alt_text=alt_text, credit=credit, credit_text=credit_text
    )
    return store_photo(photo, process(inspect_upload(upload(jpeg(size)))))


def as_posted(interview, data):
    """A comment as the article's form sends it: `data` with the form's
    signed token (see comments.forms.form_token)."""
    from comments.forms import form_token

    return {"token": form_token(interview), **data}
