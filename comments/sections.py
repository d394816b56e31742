"""The comments section under an article: approved threads and the form."""

from functools import lru_cache

from crispy_forms.utils import render_crispy_form
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from interviews.models import Interview

from .forms import CommentForm
from .models import Comment

# Stand-ins for what differs between two blank forms (see `blank_form_html`).
ACTION_MARK = "@@comment-form-action@@"
TOKEN_MARK = "@@comment-form-token@@"
PARENT_MARK = "@@comment-form-parent@@"


@lru_cache(maxsize=8)
def _blank_form_markup(replying, language):
    form = CommentForm(
        interview=Interview(pk=0, slug="x"),
        initial={"parent": PARENT_MARK} if replying else {},
    )
    form.fields["token"].initial = TOKEN_MARK
    form.helper.form_action = ACTION_MARK
    return render_crispy_form(form)


def blank_form_html(form):
    """An unbound form as `{% crispy form %}` draws it. Its markup is the same
    for every article and reader but for the action, the token and the
    comment replied to: crispy draws it once per process (it is a fifth of
    the article's cost) and the three are put in, escaped."""
    markup = _blank_form_markup(form.reply_to is not None, get_language())
    markup = markup.replace(ACTION_MARK, escape(form.helper.form_action))
    markup = markup.replace(TOKEN_MARK, escape(form.fields["token"].initial))
    if form.reply_to is not None:
        markup = markup.replace(PARENT_MARK, escape(form.reply_to.pk))
    return mark_safe(markup)


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
        form_html = blank_form_html(form)
    else:
        form_html = None
    return {
        "comments": comments,
        "comment_count": count,
        "comment_form": form,
        "comment_form_html": form_html,
    }
