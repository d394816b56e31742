"""Publishing workflows: publish, schedule, unpublish and archive; and
correcting a live piece.

Each checks the editor's permission and the interview's readiness, then
changes the status in one save. Writers hold no `publish_interview`
permission, so every route to publication (admin action, form, import) that
goes through here refuses them.
"""

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import InterviewStatus, Role
from .models import EMPTY_CORRECTION, Correction, Interview, now_to_the_second
from .readiness import publication_problems

PUBLISH_PERMISSION = "interviews.publish_interview"


class NotReadyToPublish(Exception):
    def __init__(self, interview, problems):
        self.interview = interview
        self.problems = problems
        super().__init__(f"{interview}: {' '.join(str(p) for p in problems)}")


def _require_publisher(user):
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only editors can publish, schedule or archive."))


@transaction.atomic
def publish_interview(*, interview, by, at=None):
    """Publish now, or at `at` (a future time schedules it).

    Publishing now keeps an earlier publication time that has already passed,
    so republishing an archived piece keeps its original date.
    """
    _require_publisher(by)
    problems = publication_problems(interview)
    if problems:
        raise NotReadyToPublish(interview, problems)
    interview.publish_at = interview.publication_time(at)
    interview.status = InterviewStatus.PUBLISHED
    interview.save(update_fields=["status", "publish_at", "updated_at"])
    return interview


def schedule_interview(*, interview, by, at):
    if at <= timezone.now():
        raise ValueError(_("A scheduled time must be in the future."))
    return publish_interview(interview=interview, by=by, at=at)


def unpublish_interview(*, interview, by):
    """Take an interview off the site; it goes back to draft."""
    _require_publisher(by)
    interview.status = InterviewStatus.DRAFT
    interview.save(update_fields=["status", "updated_at"])
    return interview


def archive_interview(*, interview, by):
    _require_publisher(by)
    interview.status = InterviewStatus.ARCHIVED
    interview.save(update_fields=["status", "updated_at"])
    return interview


CORRECT_PERMISSION = "interviews.add_correction"
NOT_LIVE_MESSAGE = gettext_lazy(
    "Only a live interview takes a correction. Readers have not seen this "
    "one, so it is just an edit: change the text itself."
)


def correction_problems(*, interview, note):
    """Why `note` cannot be added to `interview` as a correction, as form
    errors by field: an empty note, or a piece readers have not seen (as
    stored, and as it is about to be saved)."""
    problems = {}
    if not note.strip():
        problems["note"] = [EMPTY_CORRECTION]
    live_as_stored = Interview.objects.live().filter(pk=interview.pk).exists()
    if not (live_as_stored and interview.is_live):
        problems[NON_FIELD_ERRORS] = [NOT_LIVE_MESSAGE]
    return problems


@transaction.atomic
def add_correction(*, interview, note, by, at=None):
    """Add a correction to a live interview and keep it as a revision of the
    interview, so that its history shows who corrected it and when."""
    if not by.has_perm(CORRECT_PERMISSION):
        raise PermissionDenied(_("Only editors can correct a published interview."))
    problems = correction_problems(interview=interview, note=note)
    if problems:
        raise ValidationError(problems)
    with reversion.create_revision():
        correction = Correction.objects.create(
            interview=interview,
            note=note.strip(),
            made_by=by,
            made_at=at or now_to_the_second(),
        )
        reversion.add_to_revision(interview)
        reversion.set_user(by)
        reversion.set_comment(_("Added correction “%s”.") % correction)
    return correction


def free_slug(base):
    """`base`, or `base-2`, `base-3`... whichever no interview has."""
    slug, number = base, 1
    while Interview.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def add_language_version(*, interview, language, by):
    """A draft version of `interview`'s piece in `language`, to translate in
    place: a copy of the original's text, Q&A items, artists, releases,
    tags, photos and credits, save its translators (a translation credits
    its own). Refused with a ValidationError when the piece has that
    language already, also when another editor adds it at the same moment."""
    # Two editors adding the same language wait for each other here, so the
    # second is told of the first's version by `full_clean`; where the
    # database cannot lock a row (SQLite), its unique constraint refuses the
    # second, and `full_clean` says why.
    original = Interview.objects.select_for_update().get(
        pk=interview.version_of_id or interview.pk
    )
    version = Interview(
        title=original.title,
        slug=free_slug(f"{original.slug}-{language}"[:250]),
        standfirst=original.standfirst,
        body=original.body,
        closing=original.closing,
        conducted_in=original.conducted_in,
        published_in=language,
        version_of=original,
        lead_photo=original.lead_photo,
        comments_open=original.comments_open,
        status=InterviewStatus.DRAFT,
        created_by=by,
    )
    version.full_clean(exclude=["slug"])
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        version.full_clean(exclude=["slug"])  # says what the database refused
        raise
    version.featured_artists.set(original.featured_artists.all())
    version.mentioned_artists.set(original.mentioned_artists.all())
    version.releases.set(original.releases.all())
    version.tags.set(original.tags.all())
    for credit in original.credits.exclude(role=Role.TRANSLATOR):
        version.credits.create(
            contributor=credit.contributor, role=credit.role, position=credit.position
        )
    for item in original.qa_items.all():
        version.qa_items.create(
            position=item.position, question=item.question, answer=item.answer
        )
    for item in original.gallery.all():
        version.gallery.create(photo=item.photo, position=item.position)
    return version
