"""The public chrome follows the language of the page: a Korean version's
article, and the list of Korean pieces, are drawn in Korean (navigation,
labels, byline, dates); every other page stays English, and no page leaves
its language to the next request."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from artists.models import ArtistKind, Membership
from comments.models import Comment
from interviews import services
from interviews.choices import InterviewStatus, Language, Role
from interviews.models import Credit

from .factories import as_posted, make_artist, make_contributor, make_interview

KST = ZoneInfo("Asia/Seoul")
PUBLISHED_AT = datetime(2023, 1, 25, 18, 0, tzinfo=KST)


@pytest.fixture(autouse=True)
def fresh_cache(korean):
    """The Korean catalogue as committed; the page cache and the comment
    rate limit start empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def piece(db):
    """An English interview and its live Korean version, conducted in
    English by one writer and translated into Korean by another."""
    original = make_interview(
        "Kim Sejeong on her album",
        status=InterviewStatus.PUBLISHED,
        publish_at=PUBLISHED_AT,
        contributor=make_contributor("Khriz Virgilio"),
    )
    korean = make_interview(
        "김세정 인터뷰",
        slug="kim-sejeong-ko",
        status=InterviewStatus.PUBLISHED,
        publish_at=PUBLISHED_AT,
        version_of=original,
        published_in=Language.KOREAN,
        conducted_in=Language.ENGLISH,
        body="세정이 노래를 부른다.",
        artist=original.featured_artists.get(),
        contributor=original.credits.get().contributor,
    )
    Credit.objects.create(
        interview=korean, contributor=make_contributor("Jung Bae"), role=Role.TRANSLATOR
    )
    return original, korean


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def byline(html):
    return re.sub(r"<[^>]+>", "", re.search(r'<p class="byline">.*?</p>', html)[0])


def test_the_korean_version_is_drawn_in_korean(client, piece):
    original, korean = piece
    html = page(client, korean.get_absolute_url())

    assert '<html lang="ko">' in html
    assert '<a class="skip-link" href="#content">본문으로 건너뛰기</a>' in html
    assert '<nav aria-label="주 메뉴">' in html
    for label in ["인터뷰", "아티스트", "음반", "검색"]:
        assert f">{label}</a></li>" in html
    assert ">정정</a></p>" in html
    assert byline(html) == "인터뷰: Khriz Virgilio · 영어 인터뷰, 한국어 번역: Jung Bae"
    assert "2023년 1월 25일 오후 6:00 KST</time>" in html
    assert "읽는 데 1분" in html
    for english in ["Skip to content", "Interview by", "min read", "Read next"]:
        assert english not in html
    # English words on the Korean page say so: the English version's card
    # in "Read next" (an artist's name needs nothing).
    assert (
        '<h3 class="card-title" lang="en">'
        f'<a href="{original.get_absolute_url()}">{original.title}</a></h3>'
    ) in html


def test_the_english_article_and_other_pages_stay_english(client, piece):
    original, _ = piece
    html = page(client, original.get_absolute_url())
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#content">Skip to content</a>' in html
    assert '<nav aria-label="Main">' in html
    assert byline(html) == "Interview by Khriz Virgilio."
    assert "January 25, 2023, 6:00 PM KST</time>" in html
    assert "1 min read" in html
    for url in ["/", reverse("interviews:list"), reverse("artists:index"), "/search/"]:
        html = page(client, url)
        assert '<html lang="en">' in html, url
        assert "Skip to content" in html, url


def test_the_list_of_korean_pieces_is_korean_and_marks_english_pieces(client, piece):
    original, korean = piece
    html = page(client, reverse("interviews:list") + "?lang=ko")
    assert '<html lang="ko">' in html
    assert "<h1>한국어 인터뷰</h1>" in html
    assert "2023년 1월 25일</time>" in html
    assert korean.get_absolute_url() in html
    assert original.get_absolute_url() not in html
    # A Korean card on a Korean page needs no lang of its own.
    assert f'<h3 class="card-title"><a href="{korean.get_absolute_url()}">' in html


def without_form_token(html):
    """The comment form's signed token carries the time it was made."""
    return re.sub(r'name="token" value="[^"]*"', 'name="token"', html)


def test_a_korean_page_leaves_no_korean_to_the_next_request(client, piece, settings):
    settings.PAGE_CACHE = False
    original, korean = piece
    before = page(client, original.get_absolute_url())
    page(client, korean.get_absolute_url())
    page(client, reverse("interviews:list") + "?lang=ko")
    assert translation.get_language() == "en"
    after = page(client, original.get_absolute_url())
    assert without_form_token(after) == without_form_token(before)
    assert '<html lang="en">' in page(client, "/")


def test_the_page_cache_keeps_each_language_to_its_address(client, piece, settings):
    settings.PAGE_CACHE = True
    original, korean = piece
    for _ in range(2):  # stored, then served from the store
        assert "인터뷰:" in page(client, korean.get_absolute_url())
        assert "Interview by" in page(client, original.get_absolute_url())
        assert "<h1>한국어 인터뷰</h1>" in page(client, "/interviews/?lang=ko")
        assert "<h1>Interviews</h1>" in page(client, "/interviews/")


def test_the_comment_form_on_a_korean_page_is_korean_and_takes_comments(client, piece):
    _, korean = piece
    html = page(client, korean.get_absolute_url())
    assert "댓글 남기기" in html
    assert "Leave a comment" not in html

    good = {"name": "미나", "email": "mina@example.com", "text": "좋은 인터뷰!"}
    post = reverse("comments:post", kwargs={"slug": korean.slug})
    response = client.post(post, as_posted(korean, good), follow=True)
    assert Comment.objects.get().text == "좋은 인터뷰!"
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "awaits moderation" not in html

    # A refused comment comes back with the form and its errors in Korean.
    response = client.post(post, as_posted(korean, {**good, "name": ""}))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ko">' in html and "댓글 남기기" in html
    assert "This field is required." not in html
    assert Comment.objects.count() == 1
    assert translation.get_language() == "en"


def test_an_editors_preview_of_a_korean_draft_is_korean(editor_client, piece):
    _, korean = piece
    korean.status = InterviewStatus.DRAFT
    korean.save()
    response = editor_client.get(reverse("preview:interview", args=[korean.pk]))
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "미리보기: " in html and "독자는 이 페이지를 볼 수 없습니다." in html
    assert "Readers cannot see" not in html


def test_a_korean_article_words_its_groups_and_corrections_in_korean_order(
    client, piece, editor
):
    """Korean puts the group's name inside "then a member of", and the date
    before "corrected": each is translated as one sentence around its names."""
    original, korean = piece
    gugudan = make_artist("gugudan", kind=ArtistKind.GROUP, is_public=True)
    Membership.objects.create(
        member=korean.featured_artists.get(),
        group=gugudan,
        start_date=date(2016, 6, 28),
    )
    services.add_correction(
        interview=korean,
        note="발매일을 바로잡았습니다.",
        by=editor,
        at=datetime(2023, 2, 1, 10, 0, tzinfo=KST),
    )
    group_link = f'<a href="{gugudan.get_absolute_url()}"><bdi>gugudan</bdi></a>'

    html = page(client, korean.get_absolute_url())
    assert f", 당시 {group_link} 멤버" in html
    assert (
        '<strong><time datetime="2023-02-01T10:00:00+0900">2023년 2월 1일</time>'
        " 정정:</strong> 발매일을 바로잡았습니다." in html
    )
    assert "then a member" not in html and "Corrected" not in html

    english = page(client, original.get_absolute_url())
    assert f", then a member of {group_link}" in english


def test_the_korean_feeds_are_korean_and_the_others_stay_english(client, piece, editor):
    original, korean = piece
    for interview in piece:
        services.add_correction(
            interview=interview,
            note="A date was wrong.",
            by=editor,
            at=datetime(2023, 2, 1, 10, 0, tzinfo=KST),
        )
    rss, atom = (
        feedparser.parse(client.get(reverse(name, args=["ko"])).content)
        for name in ("feeds:language-rss", "feeds:language-atom")
    )
    assert rss.feed.title == atom.feed.title == "K-pop Magazine (한국어)"
    assert rss.feed.description == "K-pop 아티스트가 자신의 목소리로 말하는 인터뷰."
    assert atom.feed.subtitle == rss.feed.description
    for feed in (rss, atom):
        (entry,) = feed.entries
        assert entry.link.endswith(korean.get_absolute_url())
        assert (
            "<p>인터뷰: Khriz Virgilio · 영어 인터뷰, 한국어 번역: Jung Bae</p>"
            in entry.summary
        )
        assert "<strong>2023년 2월 1일 정정:</strong>" in entry.summary
        assert "Interview by" not in entry.summary
        assert "Corrected" not in entry.summary

    english = feedparser.parse(
        client.get(reverse("feeds:language-rss", args=["en"])).content
    )
    assert english.feed.title == "K-pop Magazine (English)"
    (entry,) = english.entries
    assert "<p>Interview by Khriz Virgilio.</p>" in entry.summary
    assert "<strong>Corrected 1 February 2023:</strong>" in entry.summary
    # The whole magazine's feed is English, its Korean piece's chrome too.
    whole = client.get(reverse("feeds:site-rss")).content.decode()
    assert korean.get_absolute_url() in whole and "인터뷰:" not in whole
    assert translation.get_language() == "en"
