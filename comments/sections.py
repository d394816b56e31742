"""The comments section under an article: approved threads and the form."""

from .forms import CommentForm
from .models import Comment


def threads(interview):
    """The top-level comments readers see, oldest first, each with its
    replies in `.thread_replies`: one query for both levels."""
    comments = list(
        Comment.objects.visible().filter(interview=interview).order_by("created_at")
    )
    replies = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    top_level = [comment for comment in comments if comment.parent_id is None]
    for comment in top_level:
        comment.thread_replies = replies.get(comment.pk, [])
    return top_level


def _reply_to(request, comments):
    """The comment a `?reply_to=<id>` link asks to answer, if it is on the
    page; an unknown id is ignored and the form posts a new comment."""
    wanted = request.GET.get("reply_to", "")
    return next((c for c in comments if str(c.pk) == wanted), None)


def section_context(request, interview, *, form=None):
    """What templates/comments/includes/section.html needs.

    `interview.comment_count` comes annotated with the article (see
    `with_comment_count`); the comments themselves are fetched only when
    there are some, so an article without comments costs no query for them.
    """
    count = getattr(interview, "comment_count", None)
    comments = threads(interview) if count is None or count > 0 else []
    if count is None:
        count = sum(1 + len(c.thread_replies) for c in comments)
    if form is None:
        reply_to = _reply_to(request, comments)
        form = CommentForm(
            interview=interview,
            initial={"parent": reply_to.pk} if reply_to else {},
        )
        form.reply_to = reply_to
    return {
        "comments": comments,
        "comment_count": count,
        "comment_form": form,
    }
