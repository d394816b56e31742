"""`Interview.objects.live()`: published, and its time has come. Nothing else."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from interviews.choices import InterviewStatus
from interviews.models import Interview

from .factories import make_interview

pytestmark = pytest.mark.django_db


def live_slugs():
    return set(Interview.objects.live().values_list("slug", flat=True))


def test_only_published_interviews_whose_time_has_come_are_live():
    now = timezone.now()
    make_interview("Draft", status=InterviewStatus.DRAFT, publish_at=now)
    make_interview("Review", status=InterviewStatus.REVIEW, publish_at=now)
    make_interview("Archived", status=InterviewStatus.ARCHIVED, publish_at=now)
    make_interview(
        "Scheduled",
        status=InterviewStatus.PUBLISHED,
        publish_at=now + timedelta(hours=1),
    )
    make_interview(
        "Live", status=InterviewStatus.PUBLISHED, publish_at=now - timedelta(seconds=1)
    )
    assert live_slugs() == {"live"}


def test_a_scheduled_interview_goes_live_at_its_time_with_no_job_run():
    release = timezone.now() + timedelta(days=1)
    interview = make_interview(
        "Comeback", status=InterviewStatus.PUBLISHED, publish_at=release
    )
    assert interview.is_scheduled
    assert live_slugs() == set()

    with mock.patch(
        "django.utils.timezone.now", return_value=release - timedelta(seconds=1)
    ):
        assert live_slugs() == set()
    with mock.patch("django.utils.timezone.now", return_value=release):
        assert live_slugs() == {"comeback"}
        assert Interview.objects.get(slug="comeback").is_live
    with mock.patch(
        "django.utils.timezone.now", return_value=release + timedelta(days=30)
    ):
        assert live_slugs() == {"comeback"}


def test_a_query_built_before_a_piece_is_due_finds_it_once_it_is_due(client):
    """`live()` reads the clock when its query runs, not when it is built:
    the article view builds its query once, for every request."""
    release = timezone.now() + timedelta(days=1)
    interview = make_interview(
        "Comeback", status=InterviewStatus.PUBLISHED, publish_at=release
    )
    built_now = Interview.objects.live()
    assert client.get(interview.get_absolute_url()).status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=release):
        assert list(built_now.all()) == [interview]
        assert client.get(interview.get_absolute_url()).status_code == 200


def test_six_pm_kst_is_nine_am_utc():
    """Releases drop at 6 PM KST: the stored instant is 09:00 UTC."""
    kst = timezone.get_default_timezone()
    six_pm = datetime(2022, 3, 29, 18, 0, tzinfo=kst)
    interview = make_interview(
        "Warning", status=InterviewStatus.PUBLISHED, publish_at=six_pm
    )
    interview.refresh_from_db()
    assert interview.publish_at.astimezone(UTC).hour == 9
