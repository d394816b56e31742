"""The admin's front page is the desk: what each role has to do today."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from interviews.choices import InterviewStatus
from interviews.models import Credit

from .admin_pages import errors_of, read_form
from .factories import make_interview

INDEX = reverse("admin:index")


def desk(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="editorial-desk"')
    return html[start : html.index("</div>", start)]


def test_an_editor_sees_review_this_weeks_schedule_the_latest_and_comments(
    editor_client,
):
    make_interview("Waiting piece", status=InterviewStatus.REVIEW)
    make_interview("Draft piece")
    make_interview(
        "Friday piece",
        status=InterviewStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=3),
    )
    make_interview(
        "Next month piece",
        status=InterviewStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=30),
    )
    live = make_interview("Live piece", status=InterviewStatus.PUBLISHED)
    Comment.objects.create(
        interview=live, name="Mina", email="m@example.com", text="Hi"
    )

    html = desk(editor_client)
    assert "Awaiting review (1)" in html and "Waiting piece" in html
    assert "Scheduled, next 7 days (1)" in html and "Friday piece" in html
    assert "Next month piece" not in html
    assert "KST" in html
    assert "Recently published (1)" in html and "Live piece" in html
    assert "Comments awaiting moderation (1)" in html
    assert "Draft piece" not in html


def test_a_writer_sees_their_own_drafts_and_what_they_sent(writer_client, writer):
    make_interview("My draft", created_by=writer)
    make_interview("My piece in review", created_by=writer, status="review")
    make_interview("Someone else's draft")

    html = desk(writer_client)
    assert "My drafts (1)" in html and "My draft" in html
    assert "Sent to review (1)" in html and "My piece in review" in html
    assert "Someone else" not in html
    assert "Comments awaiting moderation" not in html
    assert "Awaiting review" not in html


def test_an_empty_desk_says_so(editor_client, db):
    html = desk(editor_client)
    assert "Nothing waits for review." in html
    assert "Nothing is scheduled this week." in html


def test_the_desk_costs_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    for number in range(20):
        make_interview(f"Review {number}", status=InterviewStatus.REVIEW)
    # Session, user, permissions, then a count and a list per section and
    # the comment count: the same with 20 pieces as with 2.
    with django_assert_max_num_queries(12):
        editor_client.get(INDEX)


def test_an_editor_sends_a_piece_back_and_the_writer_sees_why(
    editor_client, writer, db
):
    piece = make_interview("Door", created_by=writer, status=InterviewStatus.REVIEW)
    change = reverse("admin:interviews_interview_change", args=[piece.pk])
    form = read_form(editor_client.get(change), "interview_form")
    form.update(status="draft", editor_note="Check the album title with the agency.")
    response = editor_client.post(change, form, follow=True)
    assert "Sent back to the writer, with your note." in response.content.decode(), (
        errors_of(response)
    )

    writer_client = Client()
    writer_client.force_login(writer)
    assert "Sent back to me (1)" in desk(writer_client)
    html = writer_client.get(change).content.decode()
    assert "Sent back by an editor on" in html
    assert "Check the album title with the agency." in html

    # Sent to review again: it leaves "Sent back to me".
    form = read_form(writer_client.get(change), "interview_form")
    form["status"] = "review"
    assert writer_client.post(change, form).status_code == 302
    assert "Sent back to me (0)" in desk(writer_client)


def test_a_writer_opening_a_published_piece_is_told_why_it_is_read_only(
    writer_client, db
):
    piece = make_interview("Door", status=InterviewStatus.PUBLISHED)
    change = reverse("admin:interviews_interview_change", args=[piece.pk])
    html = writer_client.get(change).content.decode()
    assert "This interview is published, so only an editor can change it" in html


def test_a_refused_publish_lists_what_is_missing_at_the_top_with_links(
    editor_client, db
):
    piece = make_interview("Door")
    Credit.objects.filter(interview=piece).delete()
    change = reverse("admin:interviews_interview_change", args=[piece.pk])
    form = read_form(editor_client.get(change), "interview_form")
    form["status"] = "published"
    html = editor_client.post(change, form).content.decode()
    top = html[html.index('class="errornote problems"') :]
    top = top[: top.index("</div>")]
    assert 'href="#credits-group">Credits</a>' in top
    assert "credit" in top.lower()


def test_times_are_said_once_to_be_korean_time(editor_client, db):
    piece = make_interview("Door")
    change = reverse("admin:interviews_interview_change", args=[piece.pk])
    html = editor_client.get(change).content.decode()
    assert html.count("Korean time (KST)") == 1 + 1  # the note, the field's help
    assert 'placeholder="YYYY-MM-DD"' in html and 'placeholder="HH:MM"' in html
    assert "magazine/korean-time" in html
