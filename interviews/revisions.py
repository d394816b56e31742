"""What a revision of an interview keeps (django-reversion).

An interview is kept as one unit: its fields (featured artists included),
its credits, Q&A items, gallery and tags. Restoring a revision puts all of
them back as they were, and deletes rows added since. Its corrections are
kept with the save that made them, and stay when an earlier revision is
restored. The admin registers the inlines it edits too, but only where
nothing registered them before: this runs first, from the admin module, so
that the tags, which the admin edits as a field, are followed as well.
"""

import reversion
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from reversion.utils import mute_signals

from .models import (
    Contributor,
    Correction,
    Credit,
    GalleryPhoto,
    Interview,
    QAItem,
    TaggedInterview,
)

INTERVIEW_PARTS = ["credits", "qa_items", "gallery", "tagged_items"]


def register():
    # A contributor is kept alone: its credits belong to the interviews
    # (restoring a contributor must never remove a credit given since).
    if not reversion.is_registered(Contributor):
        reversion.register(Contributor)
    for part in (Credit, QAItem, GalleryPhoto, TaggedInterview):
        if not reversion.is_registered(part):
            reversion.register(part)
    # A correction is kept in the revision of the save that made it, so the
    # interview's history shows it, but the interview does not follow its
    # corrections: restoring an earlier text must never take back a
    # correction readers have seen (a correction is a public record).
    if not reversion.is_registered(Correction):
        reversion.register(Correction)
    if not reversion.is_registered(Interview):
        # The edit stamp is kept too: a restore puts the old one back for its
        # form (core.conflicts), and saving it makes a new one.
        reversion.register(Interview, follow=INTERVIEW_PARTS)


def render_as_saved(revision, render):
    """The response `render()` makes with the database as `revision` left
    it, then the database as it was.

    The revision is reverted inside a transaction that is rolled back once
    the page is rendered, with model signals muted, so that nothing outside
    the database (the page cache's generation) hears of a change that never
    was: django-reversion's admin shows a revision the same way."""
    muted = (pre_save, post_save, pre_delete, post_delete, m2m_changed)
    with transaction.atomic(), mute_signals(*muted):
        revision.revert(delete=True)
        response = render()
        response.render()
        transaction.set_rollback(True)
    return response
