"""Each public page has a query budget, and it holds with 1 item as with 50."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from artists.models import Artist, ArtistKind, Membership
from interviews.choices import InterviewStatus, Language, Role
from interviews.models import Credit, GalleryPhoto, Interview, QAItem
from releases.models import Release, ReleaseArtist, ReleaseKind, Track

from .factories import make_artist, make_contributor, make_interview, make_photo

# The photos every budget is counted with, whatever the number of items.
GALLERY_SIZE = 8

BUDGETS = {
    # The featured artists bring their groups ("then a member of"); the
    # mentioned artists and the releases it is about come with the piece.
    "article": 7,
    # The featured pieces (the lead among them), the latest, and the
    # releases coming up with their artists.
    "home": 4,
    "list": 2,
    "language list": 2,
    # With the topics the pieces it was last put on also carry.
    "tag": 4,
    # With the interviews that mention them, the agency history and the
    # discography.
    "artist": 8,
    "group": 10,
    "release": 5,
    # A group's feed reads its lineup first.
    "group feed": 5,
    "contributor": 5,
    # On PostgreSQL the planner first reckons how many pieces hold each
    # word of a query of several, then the pieces holding a rare one are
    # read from the GIN index: the planner's settings (SET, and in a test's
    # transaction a savepoint, RESET and its release), the EXPLAIN and the
    # read (interviews.search._newest_matching).
    "search": 10,
    # The latest pieces, the artists and topics they are about, and when the
    # next scheduled piece is due (they are kept until then at most, and
    # cost no query while kept: magazine.suggestions).
    "empty search": 4,
    "feed": 4,
    "sitemap": 8,  # a count per section, and the newest change of two
    "sitemap section": 2,
}


def build(n):
    """n live interviews of one artist, tag and writer; the first of them
    with n Q&A items, n credits and n tags, a lead photo and a gallery of 8;
    the artist in n groups, with a portrait; the first group with n more
    members."""
    writer = make_contributor("Budget Writer")
    artist = make_artist("Budget Artist", portrait=make_photo(credit=writer))
    for index in range(n):
        group = make_artist(f"Group {index}", kind=ArtistKind.GROUP, is_public=True)
        Membership.objects.create(member=artist, group=group)
        member = make_artist(f"Member {index}", is_public=True)
        Membership.objects.create(
            member=member, group=Artist.objects.get(slug="group-0")
        )
    interviews = [
        make_interview(
            f"Budget piece {index}",
            status=InterviewStatus.PUBLISHED,
            artist=artist,
            contributor=writer,
            body="Budget words for the search.",
        )
        for index in range(n)
    ]
    for interview in interviews:
        interview.tags.add("budget")
    first = interviews[0]
    # Every interview shows the lead photo, so that a card loading its photo
    # by itself would show in the count with 50 items.
    lead = make_photo("Lead", credit=writer, size=(400, 250))
    Interview.objects.filter(pk__in=[i.pk for i in interviews]).update(lead_photo=lead)
    for index in range(GALLERY_SIZE):
        photo = make_photo(f"Gallery {index}", credit=writer, size=(400, 250))
        GalleryPhoto.objects.create(interview=first, photo=photo, position=index)
    for index in range(n):
        QAItem.objects.create(
            interview=first, position=index + 1, question="Q?", answer="A."
        )
        Credit.objects.create(
            interview=first,
            contributor=make_contributor(f"Photographer {index}"),
            role=Role.PHOTOGRAPHER,
        )
        first.tags.add(f"topic {index}")
    # A release by the artist, with n tracks, that every interview is about.
    release = Release.objects.create(
        title="Budget release",
        slug="budget-release",
        kind=ReleaseKind.MINI_ALBUM,
        released_at=timezone.now(),
        is_public=True,
        cover=make_photo("Cover", credit=writer),
    )
    ReleaseArtist.objects.create(release=release, artist=artist)
    for index in range(n):
        Track.objects.create(release=release, position=index + 1, title=f"T{index}")
    for interview in interviews:
        interview.releases.add(release)
    # Every piece has a live Korean version: the article's language switcher
    # and alternates, the sitemap's and the Korean list and feed cost the
    # same whatever their number.
    for interview in interviews:
        make_interview(
            f"버전 {interview.title}",
            slug=f"{interview.slug}-ko",
            status=InterviewStatus.PUBLISHED,
            artist=artist,
            contributor=writer,
            version_of=interview,
            published_in=Language.KOREAN,
        )
    return first, artist, writer


def urls(first, artist, writer):
    return {
        "article": first.get_absolute_url(),
        "home": reverse("home"),
        "list": reverse("interviews:list"),
        "language list": reverse("interviews:list") + "?lang=ko",
        "language feed": reverse("feeds:language-rss", args=["ko"]),
        "tag": reverse("tags:detail", args=["budget"]),
        "artist": artist.get_absolute_url(),
        "group": reverse("artists:detail", args=["group-0"]),
        "release": reverse("releases:detail", args=["budget-release"]),
        "group feed": reverse("feeds:artist-atom", args=["group-0"]),
        "contributor": writer.get_absolute_url(),
        "search": reverse("search") + "?q=budget+artist",
        "empty search": reverse("search"),
        "feed": reverse("feeds:site-rss"),
        "artist feed": reverse("feeds:artist-atom", args=[artist.slug]),
        "tag feed": reverse("feeds:tag-rss", args=["budget"]),
        "contributor feed": reverse("feeds:contributor-rss", args=[writer.slug]),
        "sitemap": reverse("sitemap"),
        "sitemap section": reverse("sitemap-section", args=["interviews"]),
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def budget_of(page):
    if page in BUDGETS:
        return BUDGETS[page]
    return BUDGETS["feed"] if page.endswith("feed") else BUDGETS[page]


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 50])
def test_each_page_stays_within_its_budget(client, django_assert_max_num_queries, n):
    for page, url in urls(*build(n)).items():
        with django_assert_max_num_queries(budget_of(page)):
            response = client.get(url)
        assert response.status_code == 200, page


def counts_with(client, n):
    """Queries per page with `n` items, leaving the database as it was."""
    with transaction.atomic():
        counts = {
            page: count_queries(client, url) for page, url in urls(*build(n)).items()
        }
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_the_count_is_the_same_with_one_item_as_with_fifty(client):
    assert counts_with(client, 50) == counts_with(client, 1)
