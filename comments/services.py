"""Comment workflows: post, moderate, close, and erase a commenter.

Each is a plain function with keyword-only arguments, used by the views, the
admin and the management commands alike.
"""

from datetime import timedelta
from typing import NamedTuple

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.signals import content_changed
from interviews.models import Interview

from .models import Comment, CommentStatus

MODERATE_PERMISSION = "comments.change_comment"


class InterviewNotLive(Exception):
    """Readers cannot see the interview, so it takes no comments."""


class CommentsClosed(Exception):
    """The interview takes no more comments."""


def post_comment(*, interview, name, email, text, parent=None):
    """A reader's comment, pending until an editor approves it.

    Refuses an interview that is not live or whose comments are closed, and a
    parent that is not a top-level comment of the same interview: whatever
    route a comment takes, nothing breaks these rules.
    """
    if not interview.is_live:
        raise InterviewNotLive(_("Only a live interview takes comments."))
    if not interview.comments_open:
        raise CommentsClosed(_("Comments are closed on this interview."))
    if parent is not None and (
        parent.interview_id != interview.pk or parent.parent_id is not None
    ):
        raise ValueError(_("A reply answers a top-level comment of the interview."))
    return Comment.objects.create(
        interview=interview,
        parent=parent,
        name=name,
        email=email,
        text=text,
        status=CommentStatus.PENDING,
    )


def moderate(*, comments, status, by):
    """Give `comments` a moderation status; returns how many changed."""
    if not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied(_("Only editors moderate comments."))
    changing = comments.exclude(status=status).order_by()
    interviews = set(changing.values_list("interview", flat=True))
    changed = changing.update(
        status=status, moderated_at=timezone.now(), moderated_by=by
    )
    if changed:
        # Comments show on their own interview's page alone.
        content_changed.send(sender=Comment, comments_of=interviews)
    return changed


def close_comments(*, published_before):
    """Close comments on every interview published before a moment; returns
    how many interviews were closed (those already closed are not counted)."""
    closed = Interview.objects.filter(
        comments_open=True, publish_at__lt=published_before
    ).update(comments_open=False)
    if closed:
        content_changed.send(sender=Interview)
    return closed


def close_comments_older_than(*, days):
    return close_comments(published_before=timezone.now() - timedelta(days=days))


class Erased(NamedTuple):
    """How many comments went: by the address, and replies by others to them."""

    own: int
    replies: int


@transaction.atomic
def erase_commenter(*, email, dry_run=False):
    """Remove every comment by one address, the replies to them, and the
    admin's history entries about them (they quote the name and the text).

    The address lives nowhere else: not in the rate limit (which counts by
    client address, hashed, for minutes), not in any page or feed.
    """
    own = Comment.objects.by_address(email)
    own_ids = set(own.values_list("pk", flat=True))
    reply_ids = set(
        Comment.objects.filter(parent__in=list(own_ids))
        .exclude(pk__in=own_ids)
        .values_list("pk", flat=True)
    )
    erased = Erased(own=len(own_ids), replies=len(reply_ids))
    if dry_run:
        return erased
    all_ids = own_ids | reply_ids
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(pk) for pk in all_ids],
    ).delete()
    Comment.objects.filter(pk__in=all_ids).delete()
    return erased
