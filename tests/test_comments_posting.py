"""A reader comments under a live interview: the comment waits for an
editor, the reader is told so, and bad input is refused with a clear error
while nothing is stored."""

from datetime import timedelta

import pytest
from crispy_forms.utils import render_crispy_form
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.forms import CommentForm, form_token
from comments.models import MAX_TEXT_LENGTH, Comment, CommentStatus
from comments.sections import blank_form_html
from interviews.choices import InterviewStatus

from .factories import as_posted, make_interview

GOOD = {"name": "Mina", "email": "mina@example.com", "text": "Lovely interview!"}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with no comment counted against its address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def interview(db):
    return make_interview("Live piece", status=InterviewStatus.PUBLISHED)


def post_url(interview):
    return reverse("comments:post", kwargs={"slug": interview.slug})


def approved(interview, **fields):
    fields = {**GOOD, **fields}
    return Comment.objects.create(
        interview=interview,
        status=fields.pop("status", CommentStatus.APPROVED),
        **fields,
    )


def errors_of(response):
    form = response.context["comment_form"]
    return [str(e) for errors in form.errors.values() for e in errors]


def test_a_comment_is_stored_pending_and_the_reader_is_told(client, interview):
    response = client.post(post_url(interview), as_posted(interview, GOOD), follow=True)

    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.text) == (
        "Mina",
        "mina@example.com",
        "Lovely interview!",
    )
    assert comment.status == CommentStatus.PENDING
    assert comment.interview == interview
    assert response.redirect_chain == [
        (f"{interview.get_absolute_url()}#comments", 302)
    ]
    html = response.content.decode()
    assert "awaits moderation" in html
    # Pending: not on the page, and not counted.
    assert "Lovely interview!" not in html
    assert response.context["comment_count"] == 0


def test_the_text_is_stored_as_typed_only_stripped(client, interview):
    text = "  First line <b>bold</b>\n\nhttps://example.com & more  "
    client.post(post_url(interview), as_posted(interview, {**GOOD, "text": text}))
    assert Comment.objects.get().text == text.strip()


def test_the_article_offers_the_form_with_the_privacy_notice(client, interview):
    html = client.get(interview.get_absolute_url()).content.decode()
    assert 'id="comments"' in html
    assert f'action="{post_url(interview)}#comment-form"' in html
    assert "Your email address will not be published." in html
    assert "Required fields are marked *" in html
    assert 'name="token"' in html
    assert 'name="csrfmiddlewaretoken"' not in html
    for field in ("name", "email", "text"):
        assert f'name="{field}"' in html
    assert "No comments yet." in html


BAD_INPUT = {
    "empty name": ({"name": ""}, "This field is required."),
    "blank name": ({"name": "   "}, "This field is required."),
    "empty email": ({"email": ""}, "This field is required."),
    "invalid email": ({"email": "mina@"}, "Enter a valid email address."),
    "long email": (
        {"email": "m" * 64 + "@" + "e" * 190 + ".com"},
        "at most 254 characters",
    ),
    "empty comment": ({"text": ""}, "This field is required."),
    "blank comment": ({"text": " \n\t "}, "This field is required."),
    "long comment": (
        {"text": "가" * (MAX_TEXT_LENGTH + 1)},
        f"Ensure this value has at most {MAX_TEXT_LENGTH} characters",
    ),
    "long name": ({"name": "x" * 101}, "at most 100 characters"),
    "null character": ({"text": "hi\x00there"}, "Null characters are not allowed."),
    "honeypot": ({"website": "http://spam.example"}, "looks automated"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_refused_with_an_error_and_kept_in_the_form(
    client, interview, case
):
    changes, error = BAD_INPUT[case]
    data = {**GOOD, **changes}

    response = client.post(post_url(interview), as_posted(interview, data))

    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert any(error in message for message in errors_of(response)), errors_of(response)
    # The article is still there around the form, and what was typed is kept.
    html = response.content.decode()
    assert interview.title in html
    assert 'value="Mina"' in html or case.endswith("name")
    if not case.endswith("comment") and case != "null character":
        assert "Lovely interview!</textarea>" in html


def test_exactly_the_maximum_length_is_accepted(client, interview):
    client.post(
        post_url(interview),
        as_posted(interview, {**GOOD, "text": "가" * MAX_TEXT_LENGTH}),
    )
    assert len(Comment.objects.get().text) == MAX_TEXT_LENGTH


def test_a_missing_wrong_or_stale_form_token_is_refused(client, interview, settings):
    """The form's signed token stands in for Django's CSRF token, so that the
    article is one page for every reader (and the page cache can serve it)."""
    refused = client.post(post_url(interview), GOOD)
    assert refused.status_code == 403
    assert "The form was not sent" in refused.content.decode()
    other = make_interview("Another piece", status=InterviewStatus.PUBLISHED)
    for token in ["x" * 40, form_token(other), form_token(interview) + "x"]:
        response = client.post(post_url(interview), {**GOOD, "token": token})
        assert response.status_code == 403, token
    settings.COMMENT_FORM_MAX_AGE = -1  # every token has expired
    assert (
        client.post(post_url(interview), as_posted(interview, GOOD)).status_code == 403
    )
    assert not Comment.objects.exists()

    settings.COMMENT_FORM_MAX_AGE = 3600
    page = client.get(interview.get_absolute_url()).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(post_url(interview), {**GOOD, "token": token})
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_form_posted_from_a_browser_that_checks_csrf_is_taken(interview):
    """The comment form needs no CSRF cookie: a browser without one posts."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(interview.get_absolute_url())
    response = browser.post(post_url(interview), as_posted(interview, GOOD))
    assert response.status_code == 302
    assert "csrftoken" not in browser.cookies


NOT_LIVE = {
    "draft": {"status": InterviewStatus.DRAFT},
    "review": {"status": InterviewStatus.REVIEW},
    "archived": {"status": InterviewStatus.ARCHIVED, "publish_at": timezone.now()},
    "scheduled": {
        "status": InterviewStatus.PUBLISHED,
        "publish_at": timezone.now() + timedelta(days=1),
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", NOT_LIVE)
def test_an_interview_that_is_not_live_takes_no_comment(client, case):
    hidden = make_interview("Hidden piece", **NOT_LIVE[case])
    assert client.post(post_url(hidden), as_posted(hidden, GOOD)).status_code == 404
    assert client.get(post_url(hidden)).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_an_unknown_interview_takes_no_comment(client):
    url = reverse("comments:post", kwargs={"slug": "no-such-piece"})
    assert client.post(url, GOOD).status_code == 404
    assert not Comment.objects.exists()


def test_closed_comments_refuse_clearly_and_keep_what_is_approved(client, interview):
    approved(interview, text="Said before closing.")
    interview.comments_open = False
    interview.save()

    response = client.post(post_url(interview), as_posted(interview, GOOD))
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert Comment.objects.count() == 1

    html = client.get(interview.get_absolute_url()).content.decode()
    assert "Said before closing." in html
    assert "Comments are closed on this interview." in html
    assert 'id="comment-form"' not in html
    assert "reply_to=" not in html


def test_the_post_address_sends_a_visitor_to_the_article(client, interview):
    response = client.get(post_url(interview))
    assert response.status_code == 302
    assert response["Location"] == f"{interview.get_absolute_url()}#comments"


# Replies


def test_a_reply_to_an_approved_comment_joins_its_thread(client, interview):
    first = approved(interview, text="First!")
    client.post(
        post_url(interview),
        as_posted(interview, {**GOOD, "text": "Agreed.", "parent": first.pk}),
    )
    reply = Comment.objects.get(text="Agreed.")
    assert reply.parent == first
    assert reply.status == CommentStatus.PENDING

    reply.status = CommentStatus.APPROVED
    reply.save()
    comments = client.get(interview.get_absolute_url()).context["comments"]
    assert comments == [first]
    assert comments[0].thread_replies == [reply]


def test_a_reply_to_a_reply_joins_the_top_level_thread(client, interview):
    """Replies are one level deep: the reader meant to take part in that
    thread, so the reply goes under its top-level comment."""
    first = approved(interview, text="First!")
    answer = approved(interview, text="Answer.", parent=first)
    client.post(
        post_url(interview),
        as_posted(interview, {**GOOD, "text": "Me too.", "parent": answer.pk}),
    )
    assert Comment.objects.get(text="Me too.").parent == first


@pytest.mark.parametrize(
    "status", [CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM]
)
def test_a_reply_to_a_comment_readers_cannot_see_is_refused(client, interview, status):
    hidden = approved(interview, text="Not shown.", status=status)
    response = client.post(
        post_url(interview),
        as_posted(interview, {**GOOD, "text": "Reply.", "parent": hidden.pk}),
    )
    assert response.status_code == 400
    assert "not open for replies" in " ".join(errors_of(response))
    assert not Comment.objects.filter(text="Reply.").exists()
    # Sending again posts a new comment: the form forgot the reply.
    assert response.context["comment_form"]["parent"].value() == ""


def test_a_reply_to_a_comment_of_another_interview_is_refused(client, interview):
    other = make_interview("Other piece", status=InterviewStatus.PUBLISHED)
    elsewhere = approved(other, text="Elsewhere.")
    response = client.post(
        post_url(interview),
        as_posted(interview, {**GOOD, "text": "Reply.", "parent": elsewhere.pk}),
    )
    assert response.status_code == 400
    assert "not open for replies" in " ".join(errors_of(response))
    assert not Comment.objects.filter(text="Reply.").exists()


@pytest.mark.parametrize("parent", ["abc", "-1", "0", "99999999999999999999999", "²"])
def test_a_reply_to_a_nonsense_id_is_refused_without_failing(client, interview, parent):
    response = client.post(
        post_url(interview), as_posted(interview, {**GOOD, "parent": parent})
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_reply_link_fills_in_the_comment_it_answers(client, interview):
    first = approved(interview, name="Jisoo", text="First!")
    html = client.get(interview.get_absolute_url()).content.decode()
    link = f"{interview.get_absolute_url()}?reply_to={first.pk}#comment-form"
    assert f'href="{link}"' in html

    response = client.get(interview.get_absolute_url(), {"reply_to": first.pk})
    html = response.content.decode()
    assert "Reply to <bdi>Jisoo</bdi>" in html
    assert f'name="parent" value="{first.pk}"' in html


def test_a_reply_link_to_an_unknown_comment_offers_a_new_comment(client, interview):
    """A stale or made-up `?reply_to=` goes to the page's own form: the
    page with every number anyone writes is not one more page to render."""
    pending = approved(interview, status=CommentStatus.PENDING)
    reply = approved(interview, parent=approved(interview))
    elsewhere = approved(make_interview("Elsewhere", status=InterviewStatus.PUBLISHED))
    for wanted in (pending.pk, reply.pk, elsewhere.pk, "nonsense", "", 10**30):
        response = client.get(
            interview.get_absolute_url(), {"reply_to": wanted}, follow=True
        )
        assert response.redirect_chain == [
            (f"{interview.get_absolute_url()}#comments", 302)
        ]
        assert "Leave a comment" in response.content.decode()
        assert response.context["comment_form"]["parent"].value() in (None, "")


@pytest.mark.parametrize("replying", [False, True])
def test_the_blank_form_drawn_once_is_the_form_crispy_draws(
    client, interview, replying
):
    """The article reuses one drawing of the blank form, with its action,
    token and parent put in: it must be what crispy would draw for this
    interview and reader, whatever the form's layout becomes."""
    parent = approved(interview) if replying else None
    form = CommentForm(
        interview=interview, initial={"parent": parent.pk} if parent else {}
    )
    form.reply_to = parent
    assert blank_form_html(form) == render_crispy_form(form)
