"""The home page as a magazine's front: one lead story, then the featured
pieces, the latest, the releases coming up and the topics, none of them
ever showing what readers may not see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.choices import InterviewStatus
from releases.models import Release, ReleaseArtist, ReleaseKind

from .factories import make_artist, make_interview

LIVE = InterviewStatus.PUBLISHED


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def piece(title, *, hours_ago, featured=False, **fields):
    return make_interview(
        title,
        status=fields.pop("status", LIVE),
        publish_at=fields.pop("publish_at", ago(hours=hours_ago)),
        is_featured=featured,
        **fields,
    )


def home(client):
    return client.get(reverse("home"))


@pytest.mark.django_db
def test_the_newest_featured_piece_leads_even_over_newer_pieces(client):
    older_pick = piece("Older pick", hours_ago=48, featured=True)
    newer_pick = piece("Newer pick", hours_ago=24, featured=True)
    newest = piece("Newest of all", hours_ago=1)
    response = home(client)
    assert response.context["lead"] == newer_pick
    assert response.context["featured"] == [older_pick]
    assert response.context["latest"] == [newest]
    html = response.content.decode()
    lead = html.index('class="card card-lead')
    assert html.index(f'href="{newer_pick.get_absolute_url()}"') > lead
    # ...and not again among the featured.
    assert html.count(f'href="{newer_pick.get_absolute_url()}"') == 1


@pytest.mark.django_db
def test_without_a_featured_piece_the_newest_leads_and_is_not_listed_twice(client):
    older = piece("Older piece", hours_ago=48)
    newest = piece("Newest piece", hours_ago=1)
    response = home(client)
    assert response.context["lead"] == newest
    assert response.context["latest"] == [older]
    html = response.content.decode()
    assert html.count(f'href="{newest.get_absolute_url()}"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hidden",
    [
        {"status": InterviewStatus.DRAFT},
        {"status": InterviewStatus.REVIEW},
        {"status": InterviewStatus.ARCHIVED},
        {"publish_at": timezone.now() + timedelta(hours=1)},  # scheduled
    ],
)
def test_a_piece_readers_cannot_see_never_leads(client, hidden):
    piece("Not for readers", hours_ago=0, featured=True, **hidden)
    live = piece("Live pick", hours_ago=24, featured=True)
    response = home(client)
    assert response.context["lead"] == live
    assert "Not for readers" not in response.content.decode()


@pytest.mark.django_db
def test_with_nothing_live_there_is_no_lead_and_the_page_says_so(client):
    piece("Draft", hours_ago=1, featured=True, status=InterviewStatus.DRAFT)
    response = home(client)
    assert response.context["lead"] is None
    html = response.content.decode()
    assert "card-lead" not in html and "No interviews yet." in html


@pytest.mark.django_db
def test_the_lead_shows_its_photo_loaded_at_once_and_cards_without_a_photo_a_panel(
    client,
):
    from .factories import make_photo

    lead = piece("With a photo", hours_ago=1, featured=True)
    lead.lead_photo = make_photo("Backstage")
    lead.save()
    piece("Without a photo", hours_ago=2, artist=make_artist("Soseo"))
    html = home(client).content.decode()
    lead_card = html[html.index("card-lead") : html.index("</article>")]
    assert f'src="{lead.lead_photo.fallback_url}"' in lead_card
    assert "loading=" not in lead_card
    # The card without a photo keeps the shape, with the artist's name.
    assert '<div class="card-art card-art-' in html
    assert 'aria-hidden="true"><span>Soseo</span></div>' in html


def make_release(title, *, days_ahead, is_public=True, artist=None):
    release = Release.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        kind=ReleaseKind.SINGLE,
        released_at=timezone.now() + timedelta(days=days_ahead),
        is_public=is_public,
    )
    if artist:
        ReleaseArtist.objects.create(release=release, artist=artist)
    return release


@pytest.mark.django_db
def test_the_releases_coming_up_are_the_announced_ones_soonest_first(client):
    artist = make_artist("Kim Sejeong", is_public=True)
    later = make_release("Later single", days_ahead=20, artist=artist)
    sooner = make_release("Sooner single", days_ahead=3, artist=artist)
    make_release("Secret comeback", days_ahead=2, is_public=False)
    make_release("Last year's single", days_ahead=-365)
    response = home(client)
    assert response.context["upcoming_releases"] == [sooner, later]
    html = response.content.decode()
    assert "Coming up" in html and "by <bdi>Kim Sejeong</bdi>" in html
    assert "Secret comeback" not in html and "Last year" not in html


@pytest.mark.django_db
def test_without_releases_or_topics_the_home_page_leaves_their_sections_out(client):
    piece("Alone", hours_ago=1)
    html = home(client).content.decode()
    assert "Coming up" not in html and 'id="topics-heading"' not in html


@pytest.mark.django_db
def test_the_topics_are_the_tags_of_the_live_pieces_most_used_first(client):
    for index in range(2):
        piece(f"Comeback {index}", hours_ago=index + 1).tags.add("comeback")
    piece("Solo", hours_ago=5).tags.add("solo")
    piece("Hidden", hours_ago=1, status=InterviewStatus.DRAFT).tags.add("secret")
    response = home(client)
    assert [tag.name for tag in response.context["topics"]] == ["comeback", "solo"]
    assert "secret" not in response.content.decode()
