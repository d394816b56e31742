"""Moderation: nothing a reader wrote is on the page until an editor
approves it; editors moderate in bulk in the admin and close comments on
one interview or on every interview older than a given age."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentStatus
from interviews.choices import InterviewStatus
from interviews.models import Interview
from magazine.roles import EDITOR, WRITER, setup_roles

from .factories import make_interview

CHANGELIST = reverse("admin:comments_comment_changelist")
CLOSE_OLD = reverse("admin:comments_comment_close_old")


@pytest.fixture
def interview(db):
    return make_interview("Live piece", status=InterviewStatus.PUBLISHED)


def comment(interview, text, status=CommentStatus.PENDING, **fields):
    fields = {"name": "Mina", "email": "mina@example.com", **fields}
    return Comment.objects.create(
        interview=interview, text=text, status=status, **fields
    )


def page_of(client, interview):
    response = client.get(interview.get_absolute_url())
    assert response.status_code == 200
    return response


def run_action(client, action, comments):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments]},
        follow=True,
    )


def statuses(*comments):
    return [Comment.objects.get(pk=c.pk).status for c in comments]


# What readers see


def test_only_approved_comments_show_and_are_counted(client, interview):
    comment(interview, "Shown one.", CommentStatus.APPROVED)
    comment(interview, "Shown two.", CommentStatus.APPROVED)
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM):
        comment(interview, f"Hidden {status}.", status)

    response = page_of(client, interview)
    html = response.content.decode()

    assert "Shown one." in html
    assert "Shown two." in html
    assert "Hidden" not in html
    assert '<span class="count">(2)</span>' in html
    assert response.context["comment_count"] == 2
    assert '"commentCount": 2' in html


def test_a_reply_shows_under_its_comment_only_when_both_are_approved(client, interview):
    first = comment(interview, "Top comment.", CommentStatus.APPROVED)
    reply = comment(interview, "A reply.", CommentStatus.PENDING, parent=first)
    assert "A reply." not in page_of(client, interview).content.decode()

    reply.status = CommentStatus.APPROVED
    reply.save()
    response = page_of(client, interview)
    assert response.context["comments"][0].thread_replies == [reply]
    assert response.context["comment_count"] == 2

    # Rejecting the comment takes its thread off the page, count included.
    first.status = CommentStatus.REJECTED
    first.save()
    response = page_of(client, interview)
    html = response.content.decode()
    assert "Top comment." not in html
    assert "A reply." not in html
    assert response.context["comment_count"] == 0
    assert "commentCount" not in html


def test_comments_of_one_interview_stay_on_its_page(client, interview):
    other = make_interview("Other piece", status=InterviewStatus.PUBLISHED)
    comment(other, "About the other piece.", CommentStatus.APPROVED)
    assert "About the other piece." not in page_of(client, interview).content.decode()
    assert page_of(client, interview).context["comment_count"] == 0


def test_the_staff_preview_shows_no_comment_section(editor_client, interview):
    comment(interview, "Approved words.", CommentStatus.APPROVED)
    response = editor_client.get(reverse("preview:interview", args=[interview.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="comments"' not in html
    assert "Approved words." not in html


# The admin


def test_the_changelist_lists_pending_comments_first_then_newest(
    editor_client, interview
):
    now = timezone.now()
    made = {}
    for text, status, age in [
        ("old pending", CommentStatus.PENDING, 3),
        ("new approved", CommentStatus.APPROVED, 0),
        ("new pending", CommentStatus.PENDING, 1),
        ("old spam", CommentStatus.SPAM, 5),
    ]:
        made[text] = comment(interview, text, status)
        Comment.objects.filter(pk=made[text].pk).update(
            created_at=now - timedelta(hours=age)
        )

    response = editor_client.get(CHANGELIST)

    listed = [c.text for c in response.context["cl"].result_list]
    assert listed == ["new pending", "old pending", "new approved", "old spam"]
    html = response.content.decode()
    for column in ("Comment", "Interview", "Name", "Email", "Status", "Posted"):
        assert f">{column}</a>" in html or f">{column}</span>" in html, column
    assert "mina@example.com" in html  # editors see the address, here only
    assert "Live piece" in html


def test_the_changelist_filters_by_status_and_interview_and_searches(
    editor_client, interview
):
    other = make_interview("Other piece", status=InterviewStatus.PUBLISHED)
    comment(interview, "Pending here.")
    comment(interview, "Approved here.", CommentStatus.APPROVED, name="Jisoo")
    comment(other, "Pending there.")

    def listed(**query):
        response = editor_client.get(CHANGELIST, query)
        return sorted(c.text for c in response.context["cl"].result_list)

    assert listed(status__exact="pending") == ["Pending here.", "Pending there."]
    assert listed(interview__id__exact=other.pk) == ["Pending there."]
    assert listed(q="Jisoo") == ["Approved here."]
    assert listed(q="there") == ["Pending there."]


@pytest.mark.parametrize(
    "action, status, message",
    [
        ("approve_selected", CommentStatus.APPROVED, "Approved 2 comments."),
        ("reject_selected", CommentStatus.REJECTED, "Rejected 2 comments."),
        ("mark_selected_as_spam", CommentStatus.SPAM, "Marked 2 comments as spam."),
    ],
)
def test_editors_moderate_in_bulk_and_are_told_how_many(
    editor_client, editor, interview, action, status, message
):
    first, second = comment(interview, "One."), comment(interview, "Two.")
    untouched = comment(interview, "Three.")

    response = run_action(editor_client, action, [first, second])

    assert message in response.content.decode()
    assert statuses(first, second, untouched) == [status, status, CommentStatus.PENDING]
    first.refresh_from_db()
    assert first.moderated_by == editor
    assert first.moderated_at is not None


def test_approving_in_the_admin_puts_the_comment_on_the_page(
    editor_client, client, interview
):
    pending = comment(interview, "Waiting words.")
    assert "Waiting words." not in page_of(client, interview).content.decode()
    run_action(editor_client, "approve_selected", [pending])
    assert "Waiting words." in page_of(client, interview).content.decode()


def test_an_editor_changes_the_status_on_the_change_form(
    editor_client, editor, interview
):
    pending = comment(interview, "Waiting words.")
    url = reverse("admin:comments_comment_change", args=[pending.pk])
    page = editor_client.get(url).content.decode()
    assert "Waiting words." in page
    assert 'name="text"' not in page  # what the reader wrote is not edited

    response = editor_client.post(
        url, {"status": CommentStatus.APPROVED, "_save": "Save"}
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CommentStatus.APPROVED
    assert pending.moderated_by == editor


def test_comments_cannot_be_added_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_writers_have_no_access_to_comments(writer_client, interview):
    pending = comment(interview, "Waiting words.")
    assert writer_client.get(CHANGELIST).status_code == 403
    change = reverse("admin:comments_comment_change", args=[pending.pk])
    assert writer_client.get(change).status_code == 403
    assert writer_client.get(CLOSE_OLD).status_code == 403
    run_action(writer_client, "approve_selected", [pending])
    assert statuses(pending) == [CommentStatus.PENDING]
    assert "Comments" not in writer_client.get(reverse("admin:index")).content.decode()


def test_readers_are_sent_to_the_login(client, db):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.django_db
def test_editors_alone_hold_the_comments_permissions():
    groups = setup_roles()
    editor = {p.codename for p in groups[EDITOR].permissions.all()}
    writer = {p.codename for p in groups[WRITER].permissions.all()}
    assert {"view_comment", "change_comment", "delete_comment"} <= editor
    assert not {codename for codename in writer if codename.endswith("_comment")}


# Closing comments


def test_an_editor_closes_comments_on_one_interview(editor_client, client, interview):
    change = reverse("admin:interviews_interview_change", args=[interview.pk])
    assert 'name="comments_open"' in editor_client.get(change).content.decode()
    interview.comments_open = False
    interview.save()
    html = page_of(client, interview).content.decode()
    assert "Comments are closed on this interview." in html


def aged(title, days, **fields):
    return make_interview(
        title,
        status=InterviewStatus.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=days),
        **fields,
    )


def open_titles():
    return sorted(Interview.objects.filter(comments_open=True).values_list("title"))


def test_editors_close_comments_on_interviews_older_than_an_age(editor_client, db):
    aged("Old piece", 40)
    aged("Older piece", 400)
    aged("Already closed", 90, comments_open=False)
    aged("Recent piece", 10)
    changelist = editor_client.get(CHANGELIST).content.decode()
    assert f'href="{CLOSE_OLD}"' in changelist
    assert editor_client.get(CLOSE_OLD).status_code == 200

    response = editor_client.post(CLOSE_OLD, {"days": "30"}, follow=True)

    assert response.redirect_chain[-1][0] == CHANGELIST
    assert (
        "Closed comments on 2 interviews published more than 30 days ago."
        in response.content.decode()
    )
    assert open_titles() == [("Recent piece",)]


@pytest.mark.parametrize("days", ["0", "-3", "abc", "", "99999999999999999999"])
def test_an_odd_age_is_refused_and_closes_nothing(editor_client, db, days):
    aged("Old piece", 40)
    response = editor_client.post(CLOSE_OLD, {"days": days})
    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    assert open_titles() == [("Old piece",)]


def test_the_close_comments_command_closes_old_interviews(db):
    aged("Old piece", 40)
    aged("Recent piece", 10)
    output = StringIO()
    call_command("close_comments", "30", stdout=output)
    assert "Closed comments on 1 interview published more than 30 days ago." in (
        output.getvalue()
    )
    assert open_titles() == [("Recent piece",)]
    with pytest.raises(CommandError, match="at least 1"):
        call_command("close_comments", "0")
