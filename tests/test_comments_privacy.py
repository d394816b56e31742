"""Privacy: a commenter's email address is kept for moderation only. It is
on no public page, feed or page source, and `erase_commenter` removes every
comment and trace of one address."""

from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse

from comments.models import Comment, CommentStatus
from interviews.choices import InterviewStatus

from .factories import make_interview

EMAIL = "Secret.Reader@Example.com"


@pytest.fixture
def interview(db):
    return make_interview("Live piece", status=InterviewStatus.PUBLISHED)


def comment(interview, text, email=EMAIL, status=CommentStatus.APPROVED, **fields):
    return Comment.objects.create(
        interview=interview,
        name=fields.pop("name", "Mina"),
        email=email,
        text=text,
        status=status,
        **fields,
    )


def erase(*args):
    output = StringIO()
    call_command("erase_commenter", *args, stdout=output)
    return output.getvalue()


def test_no_public_surface_shows_a_commenters_email(client, interview):
    first = comment(interview, "Approved words.")
    comment(interview, "A reply.", parent=first)
    comment(interview, "Pending words.", status=CommentStatus.PENDING)
    artist = interview.featured_artists.get()
    surfaces = [
        interview.get_absolute_url(),
        f"{interview.get_absolute_url()}?reply_to={first.pk}",
        reverse("home"),
        reverse("interviews:list"),
        reverse("search") + "?q=Mina",
        reverse("feeds:site-rss"),
        reverse("feeds:site-atom"),
        reverse("feeds:artist-rss", args=[artist.slug]),
        reverse("sitemap"),
        reverse("sitemap-section", args=["interviews"]),
    ]
    for url in surfaces:
        response = client.get(url)
        assert response.status_code == 200, url
        source = response.content.decode().lower()
        assert "secret.reader" not in source, url
        assert "example.com" not in source, url
        assert "pending words." not in source, url
    # The comment itself is there: the check above looks at a real page.
    assert "Approved words." in client.get(interview.get_absolute_url()).text


def test_feeds_carry_no_comment_at_all(client, interview):
    comment(interview, "Approved words.")
    for name in ("feeds:site-rss", "feeds:site-atom"):
        assert "Approved words." not in client.get(reverse(name)).text


def test_erase_commenter_removes_every_comment_of_an_address_and_replies(
    interview, editor
):
    other = make_interview("Other piece", status=InterviewStatus.PUBLISHED)
    theirs = comment(interview, "Mine.")
    comment(
        other,
        "Also mine.",
        email="secret.reader@example.COM",
        status=CommentStatus.SPAM,
    )
    answered = comment(other, "Mine, answered.", email=EMAIL.upper())
    comment(other, "An answer to them.", email="jisoo@example.com", parent=answered)
    kept = comment(interview, "Someone else's.", email="jisoo@example.com")
    LogEntry.objects.log_actions(
        user_id=editor.pk,
        queryset=Comment.objects.filter(pk__in=[theirs.pk, kept.pk]),
        action_flag=CHANGE,
    )

    output = erase(EMAIL.lower())

    assert "Erased 3 comments by secret.reader@example.com and 1 reply to them." in (
        output
    )
    assert list(Comment.objects.all()) == [kept]
    comment_type = ContentType.objects.get_for_model(Comment)
    logged = LogEntry.objects.filter(content_type=comment_type)
    assert [entry.object_id for entry in logged] == [str(kept.pk)]


def test_a_dry_run_says_what_would_go_and_erases_nothing(interview):
    comment(interview, "Mine.")
    assert "Would erase 1 comment by" in erase(EMAIL, "--dry-run")
    assert Comment.objects.count() == 1


def test_an_address_with_no_comment_erases_nothing(interview):
    comment(interview, "Mine.")
    assert "Erased 0 comments by nobody@example.com and 0 replies to them." in (
        erase("nobody@example.com")
    )
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("address", ["", "not-an-address", "a@", "@example.com"])
def test_an_invalid_address_is_refused_and_erases_nothing(interview, address):
    comment(interview, "Mine.")
    with pytest.raises(CommandError, match="is not a valid email address"):
        erase(address)
    assert Comment.objects.count() == 1
