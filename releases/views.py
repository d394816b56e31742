from datetime import date, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import DetailView, ListView
from icalendar import Calendar, Event

from artists.models import Artist

from .models import DatePrecision, Release, start_of_day
from .structured_data import album_data

# The calendar lists this many releases a page, and a feed at most this many.
CALENDAR_PAGE = 100
# The months a calendar page can be asked for.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class ReleaseDetailView(DetailView):
    """A public release: cover, artists, tracklist with its title tracks,
    and the live interviews about it."""

    context_object_name = "release"

    def get_queryset(self):
        # Built per request: public() depends on the time.
        return (
            Release.objects.public()
            .with_public_credits()
            .select_related("label", "cover__credit")
            .prefetch_related("tracks")
        )

    def get_context_data(self, **kwargs):
        release = self.object
        # Interviews are reached through the relation they declare to
        # releases, with their own live rule: releases never import the app
        # above them.
        live = Release.interviews.field.model.objects.live()
        # The names as one phrase ("A, B and C"), so that the description is
        # one sentence a translation can word in its own order.
        artist_names = get_text_list(
            [credit.artist.name for credit in release.public_credits],
            pgettext("the last of several names", "and"),
        )
        return super().get_context_data(
            interviews=live.filter(releases=release).with_cards(),
            artist_names=artist_names,
            structured_data=album_data(release, self.request),
            **kwargs,
        )


class CalendarMixin:
    """The calendar pages: releases by day, in Korean time."""

    template_name = "releases/calendar.html"
    context_object_name = "releases"


class UpcomingReleasesView(CalendarMixin, ListView):
    """The comeback calendar: what comes out from today on."""

    paginate_by = CALENDAR_PAGE
    page_params = ("page",)

    def get_queryset(self):
        return calendar_releases().upcoming()

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            heading=_("Upcoming releases"),
            this_month=today.replace(day=1),
            **kwargs,
        )


class MonthReleasesView(CalendarMixin, ListView):
    """The releases of one month, Korean time."""

    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise Http404("No such month.")
        self.month = date(year, month, 1)
        following = next_month(self.month)
        return calendar_releases().filter(
            released_at__gte=start_of_day(self.month),
            released_at__lt=start_of_day(following),
        )

    def get_context_data(self, **kwargs):
        previous = (self.month - timedelta(days=1)).replace(day=1)
        following = next_month(self.month)
        return super().get_context_data(
            heading=date_format(self.month, _("F Y")),
            month=self.month,
            previous_month=previous if previous.year >= FIRST_YEAR else None,
            next_month=following if following.year <= LAST_YEAR else None,
            **kwargs,
        )


def calendar_releases():
    """Public releases, soonest first, with the artists readers may see."""
    return (
        Release.objects.public().with_public_credits().order_by("released_at", "title")
    )


def next_month(first):
    return (first + timedelta(days=32)).replace(day=1)


def upcoming_calendar(request, slug=None):
    """The upcoming releases as iCalendar (RFC 5545), for the whole magazine
    or one public artist, so that a fan subscribes in any calendar app. A
    release known only to the month has no day to put in a calendar and is
    left out; one known to the day is an all-day event."""
    releases = calendar_releases().filter(
        released_at__gte=start_of_day(),
        precision__in=[DatePrecision.MINUTE, DatePrecision.DAY],
    )
    name = _("K-pop Magazine: upcoming releases")
    if slug is not None:
        artist = get_object_or_404(Artist.objects.public(), slug=slug)
        releases = releases.filter(credits__artist=artist)
        name = _("K-pop Magazine: upcoming releases of %(artist)s") % {
            "artist": artist.name
        }
    calendar = Calendar()
    calendar.add("prodid", "-//K-pop Magazine//Releases//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host()
    for release in releases[:CALENDAR_PAGE]:
        calendar.add_component(release_event(release, request, host))
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="releases.ics"'
    return response


def release_event(release, request, host):
    event = Event()
    event.add("uid", f"release-{release.pk}@{host}")
    event.add("dtstamp", release.updated_at)
    by = ", ".join(credit.artist.name for credit in release.public_credits)
    event.add("summary", f"{by}: {release.title}" if by else release.title)
    address = request.build_absolute_uri(release.get_absolute_url())
    event.add("description", f"{release.get_kind_display()}. {address}")
    event.add("url", address)
    when = timezone.localtime(release.released_at)
    if release.precision == DatePrecision.DAY:
        event.add("dtstart", when.date())
        event.add("dtend", when.date() + timedelta(days=1))
    else:
        event.add("dtstart", when)
        event.add("duration", timedelta(hours=1))
    return event
