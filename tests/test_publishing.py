"""Publishing services: permission, readiness and the status they leave."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from interviews import services
from interviews.choices import InterviewStatus, Role
from interviews.models import Credit, Interview, QAItem
from interviews.readiness import NEEDS_ARTIST, NEEDS_CREDIT, NEEDS_TEXT

from .factories import make_contributor, make_interview


def test_an_editor_publishes_now(editor):
    interview = make_interview()
    services.publish_interview(interview=interview, by=editor)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PUBLISHED
    assert interview.is_live
    # Whole seconds, as <time datetime> may give them (at most 3 decimals).
    assert interview.publish_at.microsecond == 0


def test_republishing_keeps_the_original_date(editor):
    first_published = timezone.now() - timedelta(days=400)
    interview = make_interview(
        status=InterviewStatus.ARCHIVED, publish_at=first_published
    )
    services.publish_interview(interview=interview, by=editor)
    interview.refresh_from_db()
    assert interview.publish_at == first_published


def test_an_editor_schedules_and_it_is_not_live_yet(editor):
    interview = make_interview()
    at = timezone.now() + timedelta(hours=3)
    services.schedule_interview(interview=interview, by=editor, at=at)
    interview.refresh_from_db()
    assert interview.is_scheduled
    assert not Interview.objects.live().exists()


def test_scheduling_in_the_past_is_refused(editor):
    interview = make_interview()
    with pytest.raises(ValueError, match="in the future"):
        services.schedule_interview(
            interview=interview, by=editor, at=timezone.now() - timedelta(minutes=1)
        )


def test_a_writer_can_neither_publish_nor_archive(writer):
    interview = make_interview()
    for service in (services.publish_interview, services.archive_interview):
        with pytest.raises(PermissionDenied):
            service(interview=interview, by=writer)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_unpublishing_makes_a_draft_again(editor):
    interview = make_interview(status=InterviewStatus.PUBLISHED)
    services.unpublish_interview(interview=interview, by=editor)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT
    assert not Interview.objects.live().exists()


@pytest.mark.parametrize(
    "strip, problem",
    [("text", NEEDS_TEXT), ("artists", NEEDS_ARTIST), ("credits", NEEDS_CREDIT)],
)
def test_an_interview_that_is_not_ready_is_not_published(editor, strip, problem):
    interview = make_interview()
    if strip == "text":
        Interview.objects.filter(pk=interview.pk).update(body="   ")
        interview.refresh_from_db()
    elif strip == "artists":
        interview.featured_artists.clear()
    else:
        interview.credits.all().delete()
    with pytest.raises(services.NotReadyToPublish) as refusal:
        services.publish_interview(interview=interview, by=editor)
    assert refusal.value.problems == [problem]
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DRAFT


def test_q_and_a_items_are_enough_text_without_a_body(editor):
    interview = make_interview(body="")
    QAItem.objects.create(interview=interview, position=1, question="Q?", answer="A.")
    services.publish_interview(interview=interview, by=editor)
    assert interview.is_live


def test_a_translator_credit_needs_two_languages(editor):
    interview = make_interview(conducted_in="en", published_in="en")
    Credit.objects.create(
        interview=interview,
        contributor=make_contributor("Jung Bae"),
        role=Role.TRANSLATOR,
    )
    with pytest.raises(
        services.NotReadyToPublish, match="conducted and published in English"
    ):
        services.publish_interview(interview=interview, by=editor)
