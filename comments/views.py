import math

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from interviews.views import InterviewDetailView

from . import services
from .forms import CommentForm
from .ratelimit import count_comment_post


def comments_url(interview):
    return f"{interview.get_absolute_url()}#comments"


class PostCommentView(InterviewDetailView):
    """Takes a reader's comment on a live interview.

    The interview comes from the article's own queryset, so a draft, a
    scheduled or an archived interview answers 404 here as on its page. A
    valid comment is stored as pending and the reader goes back to the
    article, told that it awaits moderation; an invalid one re-renders the
    article with the form as they filled it in, and stores nothing.
    """

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        # The form lives on the article: someone who lands here goes there.
        return redirect(comments_url(self.get_object()))

    def post(self, request, *args, **kwargs):
        self.object = interview = self.get_object()
        verdict = count_comment_post(request)
        if not verdict.allowed:
            response = render(
                request,
                "comments/too_many.html",
                {
                    "interview": interview,
                    "retry_minutes": math.ceil(verdict.retry_after / 60),
                },
                status=429,
            )
            response["Retry-After"] = str(verdict.retry_after)
            return response
        if not interview.comments_open:
            return render(
                request, "comments/closed.html", {"interview": interview}, status=403
            )
        form = CommentForm(request.POST, interview=interview)
        if not form.is_valid():
            self.comment_form = form
            context = self.get_context_data(object=interview)
            return self.render_to_response(context, status=400)
        services.post_comment(
            interview=interview,
            parent=form.cleaned_data["parent"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            text=form.cleaned_data["text"],
        )
        messages.success(
            request,
            _(
                "Thank you for your comment. It awaits moderation and will "
                "appear here once an editor approves it."
            ),
        )
        return redirect(comments_url(interview))
