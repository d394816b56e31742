"""Writers draft, editors publish: every route to publication is guarded."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from interviews.choices import InterviewStatus
from interviews.models import Interview
from magazine.roles import EDITOR, WRITER, setup_roles

from .admin_pages import errors_of, read_form
from .factories import make_artist, make_contributor, make_interview

CHANGELIST = reverse("admin:interviews_interview_changelist")
ADD = reverse("admin:interviews_interview_add")


def change_url(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])


def run_action(client, action, interviews, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [i.pk for i in interviews], **extra},
        follow=True,
    )


def status_of(interview):
    interview.refresh_from_db()
    return interview.status


@pytest.mark.django_db
def test_roles_are_set_up_idempotently():
    first = {name: set(g.permissions.all()) for name, g in setup_roles().items()}
    second = {name: set(g.permissions.all()) for name, g in setup_roles().items()}
    assert first == second
    assert Group.objects.filter(name__in=[WRITER, EDITOR]).count() == 2
    codenames = {p.codename for p in first[EDITOR]}
    assert {"publish_interview", "delete_interview", "change_artist"} <= codenames
    writer_codenames = {p.codename for p in first[WRITER]}
    assert "publish_interview" not in writer_codenames
    assert "delete_interview" not in writer_codenames
    assert {"add_interview", "change_interview"} <= writer_codenames


def test_a_writer_is_offered_no_publishing_action(writer_client):
    make_interview()
    response = writer_client.get(CHANGELIST)
    form = response.context["action_form"]
    actions = dict(form.fields["action"].choices) if form else {}
    for name in ["publish_selected", "schedule_selected", "unpublish_selected"]:
        assert name not in actions
    assert "archive_selected" not in actions
    assert "delete_selected" not in actions


@pytest.mark.parametrize(
    "action",
    ["publish_selected", "schedule_selected", "archive_selected", "delete_selected"],
)
def test_a_writer_cannot_publish_or_delete_with_a_crafted_action(writer_client, action):
    interview = make_interview()
    future = timezone.localtime() + timedelta(days=1)
    run_action(
        writer_client,
        action,
        [interview],
        apply="1",
        post="yes",
        publish_at_0=future.strftime("%Y-%m-%d"),
        publish_at_1="18:00:00",
    )
    assert Interview.objects.filter(
        pk=interview.pk, status=InterviewStatus.DRAFT
    ).exists()


def test_a_writer_cannot_publish_by_editing_the_form(writer_client):
    interview = make_interview()
    page = writer_client.get(change_url(interview))
    status_choices = [
        value
        for value, _ in page.context["adminform"].form.fields["status"].widget.choices
    ]
    assert status_choices == [InterviewStatus.DRAFT, InterviewStatus.REVIEW]
    data = read_form(page, "interview_form")
    data["status"] = InterviewStatus.PUBLISHED
    response = writer_client.post(change_url(interview), data)
    assert response.status_code == 200
    assert any("Only editors can publish" in error for error in errors_of(response))
    assert status_of(interview) == InterviewStatus.DRAFT


@pytest.mark.parametrize(
    "status", [InterviewStatus.PUBLISHED, InterviewStatus.ARCHIVED]
)
def test_a_writer_cannot_add_an_interview_already_published(writer_client, status):
    artist = make_artist()
    data = read_form(writer_client.get(ADD), "interview_form")
    data.update(
        title="Crafted",
        slug="crafted",
        body="Text.",
        featured_artists=[artist.pk],
        status=status,
        publish_at_0="2020-01-01",
        publish_at_1="00:00:00",
    )
    data["credits-0-contributor"] = make_contributor().pk
    data["credits-0-role"] = "interviewer"
    response = writer_client.post(ADD, data)
    assert any("Only editors can publish" in error for error in errors_of(response))
    assert not Interview.objects.filter(slug="crafted").exists()


def test_a_writer_cannot_schedule_by_posting_a_publication_time(writer_client):
    interview = make_interview()
    data = read_form(writer_client.get(change_url(interview)), "interview_form")
    assert "publish_at_0" not in data
    data.update(publish_at_0="2030-01-01", publish_at_1="18:00:00", is_featured="on")
    writer_client.post(change_url(interview), data)
    interview.refresh_from_db()
    assert interview.publish_at is None
    assert not interview.is_featured


def test_a_writer_cannot_change_what_is_live(writer_client):
    interview = make_interview(status=InterviewStatus.PUBLISHED)
    data = read_form(writer_client.get(change_url(interview)), "interview_form")
    data.update(title="Rewritten", status=InterviewStatus.DRAFT)
    response = writer_client.post(change_url(interview), data)
    assert response.status_code == 403
    interview.refresh_from_db()
    assert (interview.title, interview.status) == (
        "A Test Interview",
        InterviewStatus.PUBLISHED,
    )


def test_a_writer_drafts_and_sends_to_review(writer_client, writer):
    artist = make_artist()
    data = read_form(writer_client.get(ADD), "interview_form")
    data.update(
        title="Fresh draft",
        slug="fresh-draft",
        featured_artists=[artist.pk],
        status="review",
    )
    response = writer_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)
    interview = Interview.objects.get(slug="fresh-draft")
    assert interview.status == InterviewStatus.REVIEW
    assert interview.created_by == writer


def test_a_writer_cannot_delete(writer_client):
    interview = make_interview()
    url = reverse("admin:interviews_interview_delete", args=[interview.pk])
    assert writer_client.post(url, {"post": "yes"}).status_code == 403
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_an_editor_publishes_with_the_action(editor_client):
    interview = make_interview()
    response = run_action(editor_client, "publish_selected", [interview])
    assert "Published 1 interview." in response.content.decode()
    assert status_of(interview) == InterviewStatus.PUBLISHED
    assert interview.is_live


def test_the_publish_action_says_why_an_interview_is_not_ready(editor_client):
    interview = make_interview()
    interview.featured_artists.clear()
    response = run_action(editor_client, "publish_selected", [interview])
    assert "Feature at least one artist before publishing." in response.content.decode()
    assert status_of(interview) == InterviewStatus.DRAFT


def test_an_editor_publishes_with_the_form(editor_client):
    interview = make_interview()
    data = read_form(editor_client.get(change_url(interview)), "interview_form")
    data["status"] = InterviewStatus.PUBLISHED
    response = editor_client.post(change_url(interview), data)
    assert response.status_code == 302, errors_of(response)
    assert status_of(interview) == InterviewStatus.PUBLISHED
    assert interview.is_live


def test_an_editor_schedules_with_the_action(editor_client):
    interview = make_interview()
    page = run_action(editor_client, "schedule_selected", [interview])
    assert "Schedule interviews" in page.content.decode()
    when = timezone.localtime() + timedelta(days=2)
    response = run_action(
        editor_client,
        "schedule_selected",
        [interview],
        apply="1",
        publish_at_0=when.strftime("%Y-%m-%d"),
        publish_at_1="18:00:00",
    )
    assert "Scheduled 1 interview" in response.content.decode()
    interview.refresh_from_db()
    assert interview.is_scheduled
    assert timezone.localtime(interview.publish_at).hour == 18


def test_scheduling_in_the_past_asks_again(editor_client):
    interview = make_interview()
    response = run_action(
        editor_client,
        "schedule_selected",
        [interview],
        apply="1",
        publish_at_0="2001-01-01",
        publish_at_1="18:00:00",
    )
    assert "Choose a time in the future." in response.content.decode()
    assert status_of(interview) == InterviewStatus.DRAFT


def test_an_editor_unpublishes_and_archives(editor_client):
    live, other = (
        make_interview(status=InterviewStatus.PUBLISHED),
        make_interview("Other", status=InterviewStatus.PUBLISHED),
    )
    run_action(editor_client, "unpublish_selected", [live])
    run_action(editor_client, "archive_selected", [other])
    assert status_of(live) == InterviewStatus.DRAFT
    assert status_of(other) == InterviewStatus.ARCHIVED
    assert not Interview.objects.live().exists()
