"""Interview cards are drawn once between changes (magazine/templatetags/
cards.py): a list page draws only the cards it has not drawn since the last
change, any change a card could show is seen at once, each language keeps
its own cards, and a preview keeps none."""

import pytest
from django.template import Context, Template
from django.test.signals import template_rendered

from interviews.choices import InterviewStatus
from magazine import pagecache

from .factories import make_interview

CARD = "interviews/includes/card.html"


@pytest.fixture
def pieces(db):
    return [
        make_interview(f"Piece {number}", status=InterviewStatus.PUBLISHED)
        for number in range(3)
    ]


@pytest.fixture
def cards_drawn():
    """The interviews whose card was drawn, in order, while the test runs."""
    drawn = []

    def note(sender, template, context, **kwargs):
        if template.name == CARD:
            drawn.append(context["interview"].pk)

    template_rendered.connect(note)
    yield drawn
    template_rendered.disconnect(note)


def test_a_list_draws_each_card_once_until_something_changes(
    client, pieces, cards_drawn
):
    first = client.get("/interviews/").content.decode()
    assert sorted(cards_drawn) == sorted(piece.pk for piece in pieces)

    cards_drawn.clear()
    second = client.get("/interviews/").content.decode()
    assert cards_drawn == []
    assert second == first

    # The same cards serve another page that shows them with their artists;
    # only the home page's lead story, drawn large, is its own.
    client.get("/")
    assert cards_drawn == [pieces[-1].pk]


def test_a_change_a_card_shows_is_seen_at_once(client, pieces, cards_drawn):
    client.get("/interviews/")
    artist = pieces[0].featured_artists.get()
    artist.name = "Renamed Artist"
    artist.save()

    html = client.get("/interviews/").content.decode()
    assert "Renamed Artist" in html
    # Every card is drawn again: the change moved the generation.
    assert len(cards_drawn) == 2 * len(pieces)

    pieces[1].title = "A Better Title"
    pieces[1].save()
    assert "A Better Title" in client.get("/interviews/").content.decode()


def test_which_cards_a_page_shows_is_still_its_own_query(client, pieces):
    client.get("/interviews/")
    pieces[2].status = InterviewStatus.DRAFT
    pieces[2].save()
    html = client.get("/interviews/").content.decode()
    assert pieces[2].title not in html
    assert pieces[0].title in html


def test_each_language_keeps_its_own_cards(client, db):
    korean = make_interview(
        "세정의 인터뷰",
        slug="sejeong-ko",
        status=InterviewStatus.PUBLISHED,
        published_in="ko",
    )
    year, month = korean.publish_at.year, korean.publish_at.strftime("%B")
    english_list = client.get("/interviews/").content.decode()
    korean_list = client.get("/interviews/?lang=ko").content.decode()
    assert month in english_list
    assert month not in korean_list
    assert f"{year}년" in korean_list


def test_a_preview_keeps_no_card(pieces, cards_drawn):
    template = Template("{% load cards %}{% cards interviews %}")
    for _ in range(2):
        template.render(Context({"interviews": pieces, "is_preview": True}))
    assert len(cards_drawn) == 2 * len(pieces)
    template.render(Context({"interviews": pieces}))
    assert len(cards_drawn) == 3 * len(pieces)


def test_cards_are_drawn_afresh_when_the_card_cache_is_off(
    client, pieces, cards_drawn, settings
):
    settings.CARD_CACHE = False
    client.get("/interviews/")
    client.get("/interviews/")
    assert len(cards_drawn) == 2 * len(pieces)


def test_the_cards_of_an_old_generation_are_not_served(pieces, cards_drawn):
    template = Template("{% load cards %}{% cards interviews %}")
    template.render(Context({"interviews": pieces}))
    pagecache._bump()
    template.render(Context({"interviews": pieces}))
    assert len(cards_drawn) == 2 * len(pieces)
