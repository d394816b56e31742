"""The rule that never bends: what is not live is on no public surface.

One scenario, driven across every public surface for each of the four ways
an interview can be hidden: draft, in review, archived, and scheduled.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.choices import Role, Status
from interviews.models import Credit

from .factories import make_artist, make_contributor, make_interview

HIDDEN_CASES = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "archived": {"status": Status.ARCHIVED},
    "scheduled": {
        "status": Status.PUBLISHED,
        "publish_at": timezone.now() + timedelta(days=1),
    },
}
SECRET = "Zyxwvsecret"


@pytest.fixture
def scenario(db):
    """A live interview and a hidden one that share an artist, a tag and a
    contributor; the hidden one also has a tag and a contributor of its own."""
    artist = make_artist("Shared Artist")
    writer = make_contributor("Shared Writer")
    visible = make_interview(
        "Visible piece", status=Status.PUBLISHED, artist=artist, contributor=writer
    )
    visible.tags.add("shared-topic")

    def hide(case):
        hidden = make_interview(
            f"{SECRET} comeback",
            slug="secret-comeback",
            artist=artist,
            contributor=writer,
            body=f"Exclusive words only the {SECRET} piece has.",
            **HIDDEN_CASES[case],
        )
        hidden.tags.add("shared-topic", "hidden-topic")
        Credit.objects.create(
            interview=hidden,
            contributor=make_contributor("Hidden Photographer"),
            role=Role.PHOTOGRAPHER,
        )
        return hidden

    return visible, hide


def public_surfaces(visible):
    """Every public surface, and whether it shows the visible interview."""
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
        (reverse("contributors:detail", args=["hidden-photographer"]), False),
        (f"{search}?q=exclusive", False),
        (f"{search}?q=Shared+Artist", True),
        (f"{search}?q=comeback+piece", False),
        (reverse("feeds:site-rss"), True),
        (reverse("feeds:site-atom"), True),
        (reverse("feeds:artist-rss", args=[artist.slug]), True),
        (reverse("feeds:artist-atom", args=[artist.slug]), True),
        (reverse("feeds:tag-rss", args=["shared-topic"]), True),
        (reverse("feeds:contributor-rss", args=[writer.slug]), True),
        (reverse("feeds:contributor-atom", args=["hidden-photographer"]), False),
        (reverse("sitemap"), True),
    ]


@pytest.mark.parametrize("case", HIDDEN_CASES)
def test_a_hidden_interview_is_on_no_public_surface(client, scenario, case):
    visible, hide = scenario
    hidden = hide(case)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in [
        reverse("tags:detail", args=["hidden-topic"]),
        reverse("feeds:tag-rss", args=["hidden-topic"]),
        reverse("feeds:tag-atom", args=["hidden-topic"]),
    ]:
        assert client.get(url).status_code == 404, url

    for url, shows_visible in public_surfaces(visible):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert SECRET not in text, url
        assert hidden.slug not in text, url
        assert "hidden-topic" not in text, url
        # The surface does work: the live interview is there.
        assert (visible.slug in text) == shows_visible, url

    # And each surface would show the hidden piece the moment it goes live.
    hidden.status, hidden.publish_at = Status.PUBLISHED, timezone.now()
    hidden.save()
    for url, _ in public_surfaces(visible):
        if url != reverse("artists:index"):
            assert hidden.slug in client.get(url).content.decode(), url


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
    assert [len(interviews) for _, interviews in writer_page.context["roles"]] == [1]
