import math

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from interviews.models import Interview
from interviews.views import InterviewDetailView, render_in

from . import services
from .forms import CommentForm, comment_id, token_is_valid
from .models import Comment, with_comment_count
from .ratelimit import count_comment_post


def comments_url(interview):
    return f"{interview.get_absolute_url()}#comments"


class CommentedArticleView(InterviewDetailView):
    """The article page with its comments, as the site serves it.

    The count comes with the article's own query (so an article without
    comments costs no query for them) and goes into the structured data;
    the section itself is drawn by `{% comment_section %}`. `comment_form`
    is a reader's bound form when the page is shown again with its errors.
    """

    comment_form = None
    # The comment a reader replies to (see comments.sections).
    page_params = ("reply_to",)
    # The URL argument naming the interview whose comments the page shows:
    # the page cache makes this page, and no other, stale when one of them
    # changes (magazine.pagecache).
    page_shows_comments_of = "slug"
    queryset = with_comment_count(InterviewDetailView.queryset)

    def get(self, request, *args, **kwargs):
        # `?reply_to=` names one of the page's threads, or it is a link gone
        # stale (the comment taken down) or made up: those go to the page
        # itself, at the cost of a lookup, rather than each number anyone can
        # write being one more copy of the page to render and keep.
        wanted = request.GET.get("reply_to")
        if wanted is not None and not self.opens_a_thread(wanted):
            return redirect(comments_url(Interview(slug=self.kwargs["slug"])))
        return super().get(request, *args, **kwargs)

    def opens_a_thread(self, wanted):
        """Whether `wanted` is the id of a top-level comment readers see on
        this live interview (as comments.sections finds it on the page)."""
        pk = comment_id(wanted)
        if pk is None:
            return False
        return (
            Comment.objects.visible()
            .filter(
                pk=pk,
                parent=None,
                interview__in=Interview.objects.live().filter(slug=self.kwargs["slug"]),
            )
            .exists()
        )

    def structured_data(self, interview):
        data = super().structured_data(interview)
        if interview.comment_count:
            data["commentCount"] = interview.comment_count
        return data

    def get_context_data(self, **kwargs):
        if self.comment_form is not None:
            kwargs["comment_form"] = self.comment_form
        return super().get_context_data(**kwargs)


class PostCommentView(View):
    """Takes a reader's comment on a live interview.

    A draft, a scheduled or an archived interview answers 404 here as on its
    page. A valid comment is stored as pending and the reader goes back to
    the article, told that it awaits moderation; an invalid one shows the
    article again with the form as they filled it in (status 400), and
    stores nothing.
    """

    http_method_names = ["get", "post"]

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        # The form's signed token stands in for the CSRF token (see
        # comments.forms.form_token), checked first in post().
        return super().dispatch(request, *args, **kwargs)

    def get_interview(self):
        return get_object_or_404(Interview.objects.live(), slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        # The form lives on the article: someone who lands here goes there.
        return redirect(comments_url(self.get_interview()))

    def post(self, request, *args, **kwargs):
        interview = self.get_interview()
        # The form's errors, the refusals and the thanks are in the article's
        # language, as the form was.
        return render_in(interview.published_in, lambda: self.take(interview))

    def take(self, interview):
        request = self.request
        if not token_is_valid(interview, request.POST.get("token", "")):
            return render(request, "403_csrf.html", status=403)
        verdict = count_comment_post(request)
        if verdict.unavailable:
            return self.cannot_count_now(interview)
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
            return self.article_with_errors(form)
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

    def cannot_count_now(self, interview):
        """The rate limit could not count this post (its cache is down): the
        post is refused, and the reader gets the form back as they filled it
        in, to send again in a minute."""
        form = CommentForm(self.request.POST, interview=interview)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Comments cannot be taken just now. Please send yours again in "
                "a minute: what you wrote is still below."
            ),
        )
        response = self.article_with_errors(form, status=503)
        response["Retry-After"] = "60"
        return response

    def article_with_errors(self, form, status=400):
        """The article page, rendered for this POST with the bound form."""
        article = CommentedArticleView(comment_form=form)
        article.setup(self.request, *self.args, **self.kwargs)
        response = article.get(self.request, *self.args, **self.kwargs)
        response.status_code = status
        return response
