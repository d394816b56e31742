"""The comeback calendar: upcoming releases and those of a month, in Korean
time, as pages and as iCalendar feeds that any calendar app reads. Only
public releases appear."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from releases.models import DatePrecision, Release, ReleaseArtist, ReleaseKind

from .factories import make_artist


def kst(*parts):
    return timezone.make_aware(datetime(*parts))


@pytest.fixture
def releases(db):
    """Kim Sejeong's announced comeback and her secret one, and Soseo's
    single known only to the day; all in the future."""
    sejeong = make_artist("Kim Sejeong", is_public=True)
    soseo = make_artist("Soseo", is_public=True)
    soon = timezone.localtime() + timedelta(days=3)
    made = {}
    for slug, title, artist, when, precision, public in [
        (
            "warning",
            "Warning",
            sejeong,
            soon.replace(hour=18, minute=0, second=0, microsecond=0),
            "minute",
            True,
        ),
        ("secret", "Secret", sejeong, soon + timedelta(days=1), "minute", False),
        ("ex", "EX", soseo, soon + timedelta(days=2), "day", True),
    ]:
        release = Release.objects.create(
            title=title,
            slug=slug,
            kind=ReleaseKind.SINGLE,
            released_at=when,
            precision=precision,
            is_public=public,
        )
        ReleaseArtist.objects.create(release=release, artist=artist)
        made[slug] = release
    return made, sejeong


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_upcoming_page_lists_public_releases_in_kst(releases, client):
    made, _ = releases
    page = client.get(reverse("releases:upcoming"))
    assert [r.slug for r in page.context["releases"]] == ["warning", "ex"]
    html = page.content.decode()
    assert "Warning</cite></a> by <bdi>Kim Sejeong</bdi>" in html
    assert "6:00 PM KST" in html
    assert "Secret" not in html


def test_a_month_page_lists_that_months_public_releases(archive, client):
    page = client.get(reverse("releases:month", args=[2022, 3]))
    assert [r.slug for r in page.context["releases"]] == ["im"]
    assert "6:00 PM KST" in page.content.decode()
    # Known only to the month: listed under the month, with no day.
    september = client.get(reverse("releases:month", args=[2023, 9]))
    assert "September 2023, day not yet known" in september.content.decode()


@pytest.mark.parametrize(("year", "month"), [(2022, 13), (2022, 0), (1000, 1)])
def test_a_month_that_is_not_is_a_404(db, client, year, month):
    assert client.get(reverse("releases:month", args=[year, month])).status_code == 404


def test_the_ical_feed_parses_and_holds_only_public_releases(releases, client):
    made, _ = releases
    calendar = parse(client.get(reverse("releases:calendar")))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"release-{made['warning'].pk}@testserver",
        f"release-{made['ex'].pk}@testserver",
    }
    warning = events[f"release-{made['warning'].pk}@testserver"]
    assert str(warning["summary"]) == "Kim Sejeong: Warning"
    start = warning.decoded("dtstart")
    assert start == made["warning"].released_at
    assert timezone.localtime(start).hour == 18
    ex = events[f"release-{made['ex'].pk}@testserver"]
    # Known to the day: an all-day event on that day in Korea.
    assert ex.decoded("dtstart") == timezone.localtime(made["ex"].released_at).date()


def test_an_artists_feed_holds_only_theirs(releases, client):
    made, sejeong = releases
    calendar = parse(
        client.get(reverse("releases:artist-calendar", args=[sejeong.slug]))
    )
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Kim Sejeong: Warning"
    ]


def test_an_unknown_or_secret_artist_has_no_feed(releases, client):
    hidden = make_artist("Debut Group")
    for slug in ("nobody", hidden.slug):
        url = reverse("releases:artist-calendar", args=[slug])
        assert client.get(url).status_code == 404


def test_a_release_known_only_to_the_month_is_not_in_a_calendar_feed(releases, client):
    made, _ = releases
    made["ex"].precision = DatePrecision.MONTH
    made["ex"].save()
    calendar = parse(client.get(reverse("releases:calendar")))
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Kim Sejeong: Warning"
    ]
