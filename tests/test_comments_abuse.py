"""Abuse protection: a per-address rate limit answered with a friendly 429,
and comments that stay plain text whatever a reader types into them."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from comments.models import Comment, CommentStatus
from interviews.choices import InterviewStatus

from .factories import as_posted, make_interview

GOOD = {"name": "Mina", "email": "mina@example.com", "text": "Lovely interview!"}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with no comment counted against its address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def interview(db):
    return make_interview("Live piece", status=InterviewStatus.PUBLISHED)


def post(client, interview, address="203.0.113.7", **data):
    return client.post(
        reverse("comments:post", kwargs={"slug": interview.slug}),
        as_posted(interview, {**GOOD, **data}),
        REMOTE_ADDR=address,
    )


# The rate limit


@pytest.mark.parametrize("limit", [(1, 60), (3, 600)])
def test_past_the_limit_an_address_gets_a_friendly_429(
    client, interview, settings, limit
):
    settings.COMMENTS_RATE_LIMIT = limit
    comments, seconds = limit
    for number in range(comments):
        assert post(client, interview, text=f"Comment {number}").status_code == 302

    response = post(client, interview, text="One too many")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= seconds
    html = response.content.decode()
    assert "Too many comments for now" in html
    assert interview.get_absolute_url() in html
    assert Comment.objects.count() == comments
    assert not Comment.objects.filter(text="One too many").exists()


def test_the_limit_is_per_address(client, interview, settings):
    settings.COMMENTS_RATE_LIMIT = (1, 600)
    assert post(client, interview, address="203.0.113.7").status_code == 302
    assert post(client, interview, address="203.0.113.7").status_code == 429
    assert post(client, interview, address="2001:db8::1").status_code == 302
    assert Comment.objects.count() == 2


def test_the_limit_ends_with_its_window(client, interview, settings, monkeypatch):
    settings.COMMENTS_RATE_LIMIT = (1, 600)
    monkeypatch.setattr("comments.ratelimit.time.time", lambda: 6_000.0)
    assert post(client, interview).status_code == 302
    assert post(client, interview).status_code == 429
    monkeypatch.setattr("comments.ratelimit.time.time", lambda: 6_600.0)
    assert post(client, interview).status_code == 302


def test_refused_posts_count_too(client, interview, settings):
    """A robot that keeps failing the form is slowed like any other."""
    settings.COMMENTS_RATE_LIMIT = (2, 600)
    assert post(client, interview, website="http://spam.example").status_code == 400
    assert post(client, interview, email="nope").status_code == 400
    assert post(client, interview).status_code == 429
    assert not Comment.objects.exists()


def test_the_configured_limit_allows_a_conversation_but_not_a_flood(
    client, interview, settings
):
    comments, _seconds = settings.COMMENTS_RATE_LIMIT
    statuses = [
        post(client, interview, text=f"Comment {n}").status_code
        for n in range(comments + 1)
    ]
    assert statuses == [302] * comments + [429]


def test_no_address_is_kept_in_the_cache_in_clear(client, interview):
    post(client, interview, address="198.51.100.23")
    keys = list(cache._cache)  # the local-memory backend's own store
    assert keys, "the post was not counted"
    assert not any("198.51.100.23" in key for key in keys)


# Plain text, whatever is typed

ATTACKS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '[click me](javascript:alert(1)) <a href="javascript:alert(1)">link</a>',
    "javascript:alert(document.cookie)",
    "https://example.com/a-link",
    "{{ request }} {% csrf_token %}",
]


def test_a_hostile_comment_shows_as_inert_text_once_approved(client, interview):
    for number, attack in enumerate(ATTACKS):
        address = f"203.0.113.{number}"  # one reader each, within the limit
        assert post(client, interview, address, text=attack).status_code == 302
    assert [c.text for c in Comment.objects.order_by("pk")] == ATTACKS
    Comment.objects.update(status=CommentStatus.APPROVED)

    html = client.get(interview.get_absolute_url()).content.decode()
    section = html.split('id="comments"')[1]

    # Shown, as text:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in section
    assert "javascript:alert(document.cookie)" in section
    assert "https://example.com/a-link" in section
    assert "{{ request }} {% csrf_token %}" in section
    # and never as markup or a link:
    assert "<script" not in section
    assert "<img" not in section
    assert 'href="javascript:' not in html
    assert 'href="https://example.com/a-link"' not in html


def test_line_breaks_become_paragraphs_and_nothing_else(client, interview):
    post(client, interview, text="First line\nsecond line\n\nNew paragraph")
    Comment.objects.update(status=CommentStatus.APPROVED)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert "<p>First line<br>second line</p>" in html
    assert "<p>New paragraph</p>" in html
