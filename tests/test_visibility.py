"""The rule that never bends: what is not live is on no public surface.

One scenario, driven across every public surface for each of the four ways
an interview can be hidden: draft, in review, archived, and scheduled. What
only the hidden interview shows (an artist created for it, the contributors
it credits, its lead photo and that photo's credit, a tag) is as hidden as
the interview itself, until it goes live.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from artists.models import Artist, ArtistKind, Membership
from core.visibility import refresh_all, registries
from interviews.choices import InterviewStatus, Role
from interviews.models import Credit, Interview
from people.models import Contributor
from photos.models import Photo

from .factories import make_artist, make_contributor, make_interview, make_photo
from .sitemap import sitemap_locations

HIDDEN_CASES = {
    "draft": {"status": InterviewStatus.DRAFT},
    "review": {"status": InterviewStatus.REVIEW},
    "archived": {"status": InterviewStatus.ARCHIVED},
    "scheduled": {
        "status": InterviewStatus.PUBLISHED,
        "publish_at": timezone.now() + timedelta(days=1),
    },
}
# Every hidden name and slug starts with the word; a search page echoes the
# bare word as typed, so a leak is the word followed by more of a name.
SECRET = re.compile(r"zyxwvsecret[- ]", re.IGNORECASE)


@pytest.fixture
def scenario(db):
    """A live interview and a hidden one that share an artist, a tag and a
    contributor. The hidden one also features an artist of its own (an
    unannounced debut, a new member of the shared artist), credits a
    photographer of its own and leads with a photo credited to an agency
    that nothing else credits."""
    artist = make_artist("Shared Artist", kind=ArtistKind.GROUP)
    writer = make_contributor("Shared Writer")
    visible = make_interview(
        "Visible piece",
        status=InterviewStatus.PUBLISHED,
        artist=artist,
        contributor=writer,
    )
    visible.tags.add("shared-topic")

    def hide(case):
        debut = make_artist("Zyxwvsecret Debut Group", slug="zyxwvsecret-debut-group")
        Membership.objects.create(member=debut, group=artist)
        hidden = make_interview(
            "Zyxwvsecret comeback",
            slug="zyxwvsecret-comeback",
            artist=debut,
            contributor=writer,
            body="Exclusive words only the Zyxwvsecret piece has.",
            lead_photo=make_photo(
                "Zyxwvsecret teaser",
                credit=make_contributor(
                    "Zyxwvsecret Agency", slug="zyxwvsecret-agency"
                ),
            ),
            **HIDDEN_CASES[case],
        )
        hidden.featured_artists.add(artist)
        hidden.tags.add("shared-topic", "zyxwvsecret-topic")
        Credit.objects.create(
            interview=hidden,
            contributor=make_contributor(
                "Zyxwvsecret Photographer", slug="zyxwvsecret-photographer"
            ),
            role=Role.PHOTOGRAPHER,
        )
        return hidden

    return visible, hide


def public_surfaces(visible):
    """Every public surface that lists things, and whether it shows the
    visible interview."""
    artist = visible.featured_artists.get()
    writer = visible.credits.get().contributor
    search = reverse("search")
    return [
        (reverse("home"), True),
        (reverse("interviews:list"), True),
        (visible.get_absolute_url(), True),
        (reverse("artists:index"), False),
        (artist.get_absolute_url(), True),
        (reverse("tags:detail", args=["shared-topic"]), True),
        (writer.get_absolute_url(), True),
        # Words only the hidden piece has find nothing, and a search that
        # finds nothing suggests the latest live pieces instead.
        (f"{search}?q=exclusive", True),
        (f"{search}?q=Shared+Artist", True),
        (f"{search}?q=comeback+piece", True),
        (f"{search}?q=zyxwvsecret", True),
        (f"{search}?q=debut+group", True),
        (search, True),
        (reverse("feeds:site-rss"), True),
        (reverse("feeds:site-atom"), True),
        (reverse("feeds:artist-rss", args=[artist.slug]), True),
        (reverse("feeds:artist-atom", args=[artist.slug]), True),
        (reverse("feeds:tag-rss", args=["shared-topic"]), True),
        (reverse("feeds:contributor-rss", args=[writer.slug]), True),
        (reverse("sitemap"), False),
        (reverse("sitemap-section", args=["interviews"]), True),
        (reverse("sitemap-section", args=["artists"]), False),
        (reverse("sitemap-section", args=["tags"]), False),
        (reverse("sitemap-section", args=["contributors"]), False),
    ]


def own_pages():
    """The pages of what only the hidden interview shows."""
    return [
        "/interviews/zyxwvsecret-comeback/",
        reverse("tags:detail", args=["zyxwvsecret-topic"]),
        reverse("feeds:tag-rss", args=["zyxwvsecret-topic"]),
        reverse("feeds:tag-atom", args=["zyxwvsecret-topic"]),
        reverse("artists:detail", args=["zyxwvsecret-debut-group"]),
        reverse("feeds:artist-rss", args=["zyxwvsecret-debut-group"]),
        reverse("feeds:artist-atom", args=["zyxwvsecret-debut-group"]),
        reverse("contributors:detail", args=["zyxwvsecret-photographer"]),
        reverse("feeds:contributor-rss", args=["zyxwvsecret-photographer"]),
        reverse("feeds:contributor-atom", args=["zyxwvsecret-photographer"]),
        reverse("contributors:detail", args=["zyxwvsecret-agency"]),
        reverse("feeds:contributor-rss", args=["zyxwvsecret-agency"]),
    ]


@pytest.mark.parametrize("page_cache", [False, True], ids=["rendered", "cached"])
@pytest.mark.parametrize("case", HIDDEN_CASES)
def test_a_hidden_interview_is_on_no_public_surface(
    client, settings, scenario, case, page_cache
):
    """Also with the page cache: what readers were served before the piece
    went live is stored, and must make way for it at once."""
    settings.PAGE_CACHE = page_cache
    visible, hide = scenario
    hidden = hide(case)

    for url in own_pages():
        assert client.get(url).status_code == 404, url

    for url, shows_visible in public_surfaces(visible):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not SECRET.search(text), url
        assert str(hidden.lead_photo.key) not in text, url  # its files' folder
        # The surface does work: the live interview is there.
        assert (visible.slug in text) == shows_visible, url

    # And each surface would show the hidden piece, and what it shows, the
    # moment it goes live.
    hidden.status, hidden.publish_at = InterviewStatus.PUBLISHED, timezone.now()
    hidden.save()
    for url in own_pages():
        assert client.get(url).status_code == 200, url
    article = client.get(hidden.get_absolute_url()).content.decode()
    assert str(hidden.lead_photo.key) in article
    for url, _ in public_surfaces(visible):
        text = client.get(url).content.decode()
        if url == reverse("artists:index") or url.endswith("artists.xml"):
            assert "zyxwvsecret-debut-group" in text, url
        elif url.endswith("tags.xml"):
            assert "zyxwvsecret-topic" in text, url
        elif url.endswith("contributors.xml"):
            assert "zyxwvsecret-photographer" in text, url
        elif url == reverse("sitemap"):
            continue
        elif "debut+group" in url:
            assert "Zyxwvsecret Debut Group" in text, url
        else:
            assert hidden.slug in text, url
    sitemap = " ".join(sitemap_locations(client))
    for slug in ["zyxwvsecret-debut-group", "zyxwvsecret-photographer"]:
        assert slug in sitemap
    assert "zyxwvsecret-agency" in sitemap


@pytest.mark.parametrize("case", HIDDEN_CASES)
def test_counts_count_live_interviews_only(client, scenario, case):
    visible, hide = scenario
    hide(case)
    artists = client.get(reverse("artists:index")).context["artists"]
    assert [artist.interview_count for artist in artists] == [1]
    tag_page = client.get(reverse("tags:detail", args=["shared-topic"]))
    assert tag_page.context["paginator"].count == 1
    search = client.get(reverse("search"), {"q": "Shared Artist"})
    assert search.context["paginator"].count == 1
    writer_page = client.get(visible.credits.get().contributor.get_absolute_url())
    assert [role.total for role in writer_page.context["roles"]] == [1]


@pytest.mark.parametrize("case", HIDDEN_CASES)
def test_a_public_group_never_names_a_secret_member(client, scenario, case):
    visible, hide = scenario
    hide(case)
    page = client.get(visible.featured_artists.get().get_absolute_url())
    assert page.context["members"] == []
    assert not SECRET.search(page.content.decode())


def test_an_editor_may_make_an_artist_public_before_any_interview(client, db):
    group = make_artist("Announced Group", kind=ArtistKind.GROUP)
    assert client.get(group.get_absolute_url()).status_code == 404
    group.is_public = True
    group.save()
    page = client.get(group.get_absolute_url())
    assert page.status_code == 200
    assert "Announced Group" in client.get(reverse("artists:index")).content.decode()
    assert group.get_absolute_url() in " ".join(sitemap_locations(client))
    found = client.get(reverse("search"), {"q": "announced group"})
    assert list(found.context["artists"]) == [group]
    rss = reverse("feeds:artist-rss", args=[group.slug])
    assert client.get(rss).status_code == 200


def test_an_editor_may_make_a_contributor_public_before_any_credit(client, db):
    columnist = make_contributor("New Columnist")
    assert client.get(columnist.get_absolute_url()).status_code == 404
    columnist.is_public = True
    columnist.save()
    assert client.get(columnist.get_absolute_url()).status_code == 200
    assert columnist.get_absolute_url() in " ".join(sitemap_locations(client))


def test_a_photo_credit_is_a_credit_readers_can_follow(client, db):
    """An agency credited only under a live interview's photo has a page
    that lists the interview, so the credit line's link never dead-ends."""
    agency = make_contributor("Photo Only Agency", kind="organisation")
    interview = make_interview(
        "Photo credited piece",
        status=InterviewStatus.PUBLISHED,
        lead_photo=make_photo(credit=agency),
    )
    article = client.get(interview.get_absolute_url()).content.decode()
    assert f'href="{agency.get_absolute_url()}"' in article
    page = client.get(agency.get_absolute_url())
    assert page.status_code == 200
    (photo_credit,) = page.context["roles"]
    assert (photo_credit.label, photo_credit.interviews) == (
        "Photo credit",
        [interview],
    )
    feed = client.get(reverse("feeds:contributor-rss", args=[agency.slug]))
    assert interview.slug in feed.content.decode()


def test_a_public_artists_portrait_makes_its_photographer_public(client, db):
    photographer = make_contributor("Portrait Photographer")
    artist = make_artist("Portrayed", portrait=make_photo(credit=photographer))
    assert client.get(photographer.get_absolute_url()).status_code == 404
    artist.is_public = True
    artist.save()
    page = client.get(photographer.get_absolute_url())
    assert page.status_code == 200
    assert page.context["portraits"] == [artist]


def test_what_a_scheduled_piece_shows_goes_public_at_its_time(client, db):
    """No job and no save: the artist, the writer and the lead photo of a
    scheduled interview are public the moment it goes live."""
    due = timezone.now() + timedelta(hours=2)
    agency = make_contributor("Scheduled Agency", slug="scheduled-agency")
    interview = make_interview(
        "Due later",
        status=InterviewStatus.PUBLISHED,
        publish_at=due,
        lead_photo=make_photo(credit=agency),
    )
    artist = interview.featured_artists.get()
    urls = [artist.get_absolute_url(), agency.get_absolute_url()]
    urls.append(interview.credits.get().contributor.get_absolute_url())
    for url in urls:
        assert client.get(url).status_code == 404, url
    # A query built before: it reads the clock when it runs.
    public_artists = Artist.objects.public()
    assert artist not in public_artists.all()
    later = due + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        for url in urls:
            assert client.get(url).status_code == 200, url
        assert artist in public_artists.all()


def test_a_refresh_puts_right_every_stale_time_and_writes_nothing_else(db):
    """As after a bulk load or a migration, which send no signals: every
    time that is stale, whichever way, is put right and what depends on it
    follows; then a refresh finds nothing to write and asks nothing more."""
    photographer = make_contributor("Portrait Photographer")
    portrait = make_photo(credit=photographer)
    artist = make_artist("Featured", portrait=portrait)
    interview = make_interview(
        "Live piece", status=InterviewStatus.PUBLISHED, artist=artist
    )
    unseen = make_artist("Unseen")
    earlier = interview.publish_at - timedelta(days=3)
    Interview.objects.filter(pk=interview.pk).update(publish_at=earlier)
    stale = [(Artist, artist), (Photo, portrait), (Contributor, photographer)]
    for model, row in stale:
        model.objects.filter(pk=row.pk).update(shown_from=None)
    Artist.objects.filter(pk=unseen.pk).update(shown_from=timezone.now())

    assert refresh_all() > 0
    for row in (artist, portrait, photographer, unseen):
        row.refresh_from_db()
    assert artist.shown_from == portrait.shown_from == earlier
    assert photographer.shown_from == earlier
    assert unseen.shown_from is None

    with CaptureQueriesContext(connection) as queries:
        assert refresh_all() == 0
    # One UPDATE a registry, which matched no row; no follower was asked.
    assert len(queries) == len(registries)
    assert all(query["sql"].startswith("UPDATE") for query in queries)
