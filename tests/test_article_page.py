"""The article as readers see it: a headline block with the reading time,
pull quotes marked in the Markdown, the lead photo across the page with its
caption and credit set apart, and the next read as cards."""

import pytest
from django.utils.html import strip_tags

from interviews.choices import InterviewStatus
from interviews.models import WORDS_PER_MINUTE, Interview, QAItem
from interviews.rendering import render_markdown

from .factories import make_interview, make_photo

LIVE = InterviewStatus.PUBLISHED


def words(count):
    return " ".join(["word"] * count)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "count, minutes", [(0, 1), (10, 1), (WORDS_PER_MINUTE * 3, 3), (1540, 7)]
)
def test_the_reading_time_counts_the_stored_words(count, minutes):
    piece = make_interview("Timed", body=words(count) or "")
    assert Interview.objects.get(pk=piece.pk).reading_minutes == minutes


@pytest.mark.django_db
def test_the_q_and_a_counts_towards_the_reading_time(client):
    piece = make_interview("Timed", status=LIVE, body=words(WORDS_PER_MINUTE))
    assert "1 min read" in client.get(piece.get_absolute_url()).content.decode()
    QAItem.objects.create(
        interview=piece,
        position=1,
        question=words(WORDS_PER_MINUTE),
        answer=words(WORDS_PER_MINUTE * 2),
    )
    html = client.get(piece.get_absolute_url()).content.decode()
    assert '<span class="reading-time">4 min read</span>' in html


def test_a_quote_written_twice_is_a_pull_quote():
    html = render_markdown("Before.\n\n>> I wanted to be *honest*.\n\nAfter.")
    assert (
        '<blockquote class="pull-quote">\n<p>I wanted to be <em>honest</em>.</p>\n'
        "</blockquote>" in html
    )
    assert html.count("<blockquote") == 1


def test_a_plain_quote_and_a_quote_with_words_around_its_inner_quote_stay_quotes():
    assert render_markdown("> Just a quote.") == (
        "<blockquote>\n<p>Just a quote.</p>\n</blockquote>"
    )
    nested = render_markdown("> She said:\n>\n> > this")
    assert "pull-quote" not in nested and nested.count("<blockquote>") == 2


def test_editors_cannot_set_the_class_themselves():
    html = render_markdown('<blockquote class="pull-quote">x</blockquote>')
    assert "<blockquote" not in html  # raw HTML is text


@pytest.mark.django_db
def test_a_pull_quote_in_an_answer_shows_on_the_article(client):
    piece = make_interview("Quoted", status=LIVE)
    QAItem.objects.create(
        interview=piece,
        position=1,
        question="Did you cry?",
        answer="Yes.\n\n>> I always felt like crying.",
    )
    html = client.get(piece.get_absolute_url()).content.decode()
    assert '<blockquote class="pull-quote">\n<p>I always felt like crying.</p>' in html


@pytest.mark.django_db
def test_the_lead_photo_spans_the_page_with_caption_and_credit_apart(client):
    piece = make_interview("Pictured", status=LIVE)
    piece.lead_photo = make_photo("Showcase, Seoul, 2025", credit_text="Starlight Ent.")
    piece.save()
    html = client.get(piece.get_absolute_url()).content.decode()
    assert '<figure class="photo photo-wide">' in html
    assert (
        '<span class="photo-caption">Showcase, Seoul, 2025</span> '
        '<span class="photo-credit">Photo: <bdi>Starlight Ent.</bdi></span>'
    ) in html


@pytest.mark.django_db
def test_the_next_read_comes_as_cards_of_live_pieces_only(client):
    piece = make_interview("This one", status=LIVE)
    artist = piece.featured_artists.get()
    other = make_interview("Read me next", status=LIVE, artist=artist)
    make_interview("Still a draft", artist=artist)
    response = client.get(piece.get_absolute_url())
    html = response.content.decode()
    related = html[html.index('id="related-heading"') :]
    assert '<article class="card' in related
    assert f'href="{other.get_absolute_url()}">Read me next</a>' in related
    assert "Still a draft" not in strip_tags(html)
