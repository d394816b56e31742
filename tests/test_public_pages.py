"""The readers' first pages: home, the interview list and the article."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from interviews.choices import InterviewStatus

from .factories import make_interview

SOSEO = "/interviews/kcrush-interview-with-soseo/"


def test_the_home_page_lists_the_archive(archive, client):
    html = client.get(reverse("home")).content.decode()
    assert "KCrush Interview With Soseo" in html
    assert "Kim Sejeong talks first full-length album" in html
    assert "Kim Se Jeong Reveals Goals" in html


def test_the_article_shows_byline_q_and_a_and_tags(archive, client):
    response = client.get("/interviews/kim-se-jeong-reveals-goals-for-im-album/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Interview by Khriz Virgilio. Conducted in Korean, translated into English "
        "by Jung Bae. Photos: Jellyfish Entertainment, OCN, KBS2."
    ) in strip_tags(html)
    assert "<h2>Message to her loving fans</h2>" in html
    assert '<time datetime="2022-03-28T18:00:00+09:00">' in html

    html = client.get(SOSEO).content.decode()
    assert html.count('<dt id="q') == 16
    assert "Korean Singer: IU, Naul<br>" in html
    assert "Happy New Year &lt;3" in html
    assert "emotionally sympathized with the song &lt;Ex&gt;." in html
    assert "#<bdi>rnb</bdi>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status, delay",
    [
        (InterviewStatus.DRAFT, 0),
        (InterviewStatus.REVIEW, 0),
        (InterviewStatus.ARCHIVED, 0),
        (InterviewStatus.PUBLISHED, 3600),
    ],
)
def test_what_is_not_live_is_absent_for_readers(client, status, delay):
    hidden = make_interview(
        "Hidden piece",
        status=status,
        publish_at=timezone.now() + timedelta(seconds=delay),
    )
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for page in (reverse("home"), reverse("interviews:list")):
        assert "Hidden piece" not in client.get(page).content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999"])
def test_odd_page_numbers_never_fail(archive, client, page):
    assert client.get(reverse("interviews:list"), {"page": page}).status_code == 404


def test_an_unknown_address_answers_with_the_sites_404(db, client):
    response = client.get("/interviews/no-such-piece/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
