"""Unicode direction controls in a name cannot turn the page around it.

A commenter named "Mina\u202e" (a right-to-left override) made the
timestamp beside the name read backwards. Every name a reader sees is
stored without such controls, and set in `<bdi>` on the page so that even a
right-to-left name leaves its neighbours as they are."""

from django.urls import reverse
from taggit.models import Tag

from artists.models import Alias, Artist
from comments.models import Comment, CommentStatus
from core.text import without_direction_controls
from interviews.choices import InterviewStatus

from .factories import as_posted, make_artist, make_contributor, make_interview

RLO = "\u202e"
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_every_direction_control_is_stripped_and_nothing_else():
    assert without_direction_controls(f"Mi{CONTROLS}na") == "Mina"
    # Real right-to-left names and Hangul are names, not controls.
    for name in ["مينا", "מינה", "김세정", "Beyoncé"]:
        assert without_direction_controls(name) == name


def test_a_commenters_name_is_stored_without_controls(client, db):
    interview = make_interview("Live", status=InterviewStatus.PUBLISHED)
    client.post(
        reverse("comments:post", kwargs={"slug": interview.slug}),
        as_posted(
            interview, {"name": f"Mina{RLO} 2024", "email": "m@ex.com", "text": "Hi"}
        ),
    )
    comment = Comment.objects.get()
    assert comment.name == "Mina 2024"


def test_a_name_of_controls_only_is_refused(client, db):
    interview = make_interview("Live", status=InterviewStatus.PUBLISHED)
    response = client.post(
        reverse("comments:post", kwargs={"slug": interview.slug}),
        as_posted(interview, {"name": RLO * 3, "email": "m@ex.com", "text": "Hi"}),
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_artist_alias_contributor_and_tag_names_are_stored_without_controls(db):
    artist = make_artist(f"Sose{RLO}o", hangul_name=f"소서{RLO}")
    alias = Alias.objects.create(artist=artist, name=f"SHU{RLO}UU")
    writer = make_contributor(f"Jiyoung{RLO} Lee")
    make_interview("Tagged").tags.add(f"k{RLO}pop")
    artist = Artist.objects.get(pk=artist.pk)
    assert (artist.name, artist.hangul_name) == ("Soseo", "소서")
    assert Alias.objects.get(pk=alias.pk).name == "SHUUU"
    writer.refresh_from_db()
    assert writer.name == "Jiyoung Lee"
    assert Tag.objects.get().name == "kpop"


def test_names_on_the_page_are_isolated(client, db):
    """An Arabic name (no control at all) beside a timestamp: <bdi> keeps
    the timestamp reading left to right."""
    writer = make_contributor("مينا", slug="mina")
    interview = make_interview("Isolated", status=InterviewStatus.PUBLISHED)
    interview.credits.update(contributor=writer)
    Comment.objects.create(
        interview=interview,
        name="مينا",
        email="m@example.com",
        text="Hi",
        status=CommentStatus.APPROVED,
    )
    html = client.get(interview.get_absolute_url()).content.decode()
    assert '-by"><bdi>مينا</bdi></span>' in html  # the comment's author
    assert "><bdi>مينا</bdi></a>" in html  # the byline
