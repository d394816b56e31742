"""Artist, tag and contributor pages, related interviews, the staff
preview, the error pages and the weight of an article."""

import gzip
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from interviews.choices import InterviewStatus, Role
from interviews.models import Credit

from .factories import make_artist, make_contributor, make_interview, make_photo


def test_a_member_lists_its_groups_and_a_group_its_members(archive, client):
    sejeong = client.get("/artists/kim-sejeong/")
    assert [m.group.name for m in sejeong.context["groups"]] == ["I.O.I", "gugudan"]
    html = sejeong.content.decode()
    assert (
        '<time datetime="2016-05-04">2016</time>–<time datetime="2017-01-31">2017'
        in html
    )
    assert "Jellyfish Entertainment" in html and "김세정" in html
    gugudan = client.get("/artists/gugudan/")
    assert gugudan.context["members"] == []  # she left at the end of 2020
    assert [m.member.name for m in gugudan.context["former_members"]] == ["Kim Sejeong"]
    assert {i.slug for i in sejeong.context["interviews"]} == {
        "kim-se-jeong-reveals-goals-for-im-album",
        "kim-sejeong-talks-first-full-length-album-door",
    }


def test_the_artist_index_shows_latin_and_hangul_names(archive, client):
    html = client.get("/artists/").content.decode()
    assert '<bdi>Kim Sejeong</bdi></a> <span lang="ko">김세정</span>' in html
    assert "2 interviews" in html


def test_the_contributor_page_groups_credits_by_role(db, client):
    person = make_contributor("Both Roles")
    first = make_interview(
        "First", status=InterviewStatus.PUBLISHED, contributor=person
    )
    make_interview("Second", status=InterviewStatus.PUBLISHED, contributor=person)
    Credit.objects.create(interview=first, contributor=person, role=Role.TRANSLATOR)
    roles = client.get(person.get_absolute_url()).context["roles"]
    assert [(r.label, [i.title for i in r.interviews], r.total) for r in roles] == [
        ("Interviewer", ["Second", "First"], 2),
        ("Translator", ["First"], 1),
    ]


def test_a_prolific_contributor_shows_the_newest_of_each_role_and_pages_the_rest(
    db, client, monkeypatch
):
    from interviews import views

    monkeypatch.setattr(views, "CREDITS_PER_ROLE", 2)
    monkeypatch.setattr(views, "CREDITS_PAGE", 2)
    person = make_contributor("Prolific")
    for number in range(5):
        make_interview(
            f"Piece {number}",
            status=InterviewStatus.PUBLISHED,
            contributor=person,
            publish_at=timezone.now() - timedelta(days=number),
        )
    page = client.get(person.get_absolute_url())
    (interviewer,) = page.context["roles"]
    assert [i.title for i in interviewer.interviews] == ["Piece 0", "Piece 1"]
    assert interviewer.total == 5
    assert "?role=interviewer" in page.content.decode()
    third = client.get(person.get_absolute_url(), {"role": "interviewer", "page": 3})
    assert [i.title for i in third.context["role"].interviews] == ["Piece 4"]
    assert third.context["paginator"].num_pages == 3
    # A number no page has is not found, as on every list: not the nearest
    # page, made afresh and kept once for each number anyone writes.
    for odd in ("4", "99999", "0", "abc"):
        response = client.get(
            person.get_absolute_url(), {"role": "interviewer", "page": odd}
        )
        assert response.status_code == 404, odd
    # An unknown role is the overview, not an error, at the overview's own
    # address, and so is a page number with no role: made-up roles and
    # numbers are not copies of it to render.
    for unknown in ({"role": "x", "page": 2}, {"role": "", "page": 2}, {"page": 7}):
        response = client.get(person.get_absolute_url(), unknown)
        assert response.status_code == 302
        assert response["Location"] == person.get_absolute_url()


def test_an_agency_shows_the_newest_pieces_it_took_photos_for_and_counts_them(
    db, client, monkeypatch
):
    from interviews import views

    monkeypatch.setattr(views, "CREDITS_PER_ROLE", 2)
    agency = make_contributor("Photo Agency", kind="organisation")
    for number in range(4):
        make_interview(
            f"Piece {number}",
            status=InterviewStatus.PUBLISHED,
            publish_at=timezone.now() - timedelta(days=number),
            lead_photo=make_photo(credit=agency),
        )
    # Not live: neither listed nor counted.
    make_interview("Draft", lead_photo=make_photo(credit=agency))

    (photo_credit,) = client.get(agency.get_absolute_url()).context["roles"]

    assert [i.title for i in photo_credit.interviews] == ["Piece 0", "Piece 1"]
    assert photo_credit.total == 4


def test_related_interviews_put_the_same_artist_before_shared_tags(db, client):
    artist = make_artist("The Artist")
    now = timezone.now()
    piece = make_interview("Piece", status=InterviewStatus.PUBLISHED, artist=artist)
    piece.tags.add("topic")
    same_artist = make_interview(
        "Same artist",
        status=InterviewStatus.PUBLISHED,
        artist=artist,
        publish_at=now - timedelta(days=9),
    )
    shared_tag = make_interview("Shared tag", status=InterviewStatus.PUBLISHED)
    shared_tag.tags.add("topic")
    make_interview("Unrelated", status=InterviewStatus.PUBLISHED)
    hidden = make_interview("Hidden", artist=artist)
    hidden.tags.add("topic")
    related = client.get(piece.get_absolute_url()).context["related"]
    assert [i.title for i in related] == [same_artist.title, shared_tag.title]


def test_a_tag_page_lists_its_live_interviews(archive, client):
    response = client.get(reverse("tags:detail", args=["kpop"]))
    assert response.context["paginator"].count == 1
    assert client.get(reverse("tags:detail", args=["no-such-tag"])).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "4"])
def test_odd_page_numbers_on_a_tag_page_are_not_found(archive, client, page):
    response = client.get(reverse("tags:detail", args=["kpop"]), {"page": page})
    assert response.status_code == 404


class TestPreview:
    @pytest.fixture
    def draft(self, db):
        return make_interview("Unreleased", body="Draft words.")

    def url(self, draft):
        return reverse("preview:interview", args=[draft.pk])

    def test_an_editor_previews_a_draft_never_cached(self, editor_client, draft):
        response = editor_client.get(self.url(draft))
        assert response.status_code == 200
        assert "Draft words." in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<script type="application/ld+json">' not in response.content.decode()

    def test_a_reader_gets_the_login_page(self, client, draft):
        response = client.get(self.url(draft))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_a_logged_in_non_staff_user_gets_no_preview(self, client, draft):
        reader = get_user_model().objects.create_user("reader")
        client.force_login(reader)
        response = client.get(self.url(draft))
        assert response.status_code == 302
        assert "Draft words." not in response.content.decode()

    def test_the_admin_links_a_draft_to_its_preview(self, editor_client, draft):
        page = editor_client.get(
            reverse("admin:interviews_interview_change", args=[draft.pk])
        )
        assert self.url(draft) in page.content.decode()


def test_the_500_page_is_in_the_sites_design(db):
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "site-header" in html


def test_an_article_weighs_under_60_kb_compressed(archive, client):
    html = client.get("/interviews/kcrush-interview-with-soseo/").content
    css = (Path(settings.BASE_DIR) / "magazine/static/css/site.css").read_bytes()
    weight = len(gzip.compress(html)) + len(gzip.compress(css))
    assert weight < 60 * 1024, f"{weight} bytes"


def test_a_contributors_photo_credits_are_ranked_once(db, client):
    """Photo credits are ranked with the photos credited to the contributor;
    the ranking of their other roles leaves them out. Read by both, an
    agency's 14,000 photo credits cost 40 ms more a page."""
    agency = make_contributor("Photo Agency", kind="organisation")
    for number in range(3):
        Credit.objects.create(
            interview=make_interview(
                f"Piece {number}", status=InterviewStatus.PUBLISHED
            ),
            contributor=agency,
            role=Role.PHOTO_CREDIT,
        )
    Credit.objects.create(
        interview=make_interview("Talk", status=InterviewStatus.PUBLISHED),
        contributor=agency,
        role=Role.INTERVIEWER,
    )

    with CaptureQueriesContext(connection) as queries:
        roles = client.get(agency.get_absolute_url()).context["roles"]

    assert [(credits.role, credits.total) for credits in roles] == [
        (Role.INTERVIEWER, 1),
        (Role.PHOTO_CREDIT, 3),
    ]
    # The one query that ranks credits by role excludes the photo credits.
    (ranking,) = [q["sql"] for q in queries if "PARTITION BY" in q["sql"]]
    assert re.search(r"""NOT \("?\w+"?\."role" = 'photo_credit'""", ranking), ranking
