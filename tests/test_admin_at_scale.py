"""The editors' lists at a grown magazine's size: the interview list's
search reads the full-text index rather than every body, the filters by
artist and by interview offer a short list, and a deep page and the date
drill-down read indexes rather than every row (core.admin). Asking to
confirm a deletion names a few of the rows that would go with it and counts
the rest (core.admin.ShortDeleteSummary)."""

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from comments.admin import AwaitingModerationFilter, CommentAdmin
from comments.models import Comment, CommentStatus
from core.admin import ShortDeleteSummary
from interviews import admin as interview_admin
from interviews.admin import ContributorAdmin, FeaturedArtistFilter, TagFilter
from interviews.choices import InterviewStatus, Role
from interviews.models import Credit, Interview, TaggedInterview

from .factories import make_contributor, make_interview
from .planner import (
    postgres_index_definition,
    sqlite_plan,
    sqlite_statistics_as_if,
)

INTERVIEWS = reverse("admin:interviews_interview_changelist")
COMMENTS = reverse("admin:comments_comment_changelist")
CONTRIBUTORS = reverse("admin:people_contributor_changelist")
TAGS = reverse("admin:taggit_tag_changelist")


def change_list(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.context["cl"]


def slugs(client, **params):
    return {i.slug for i in change_list(client, INTERVIEWS, **params).result_list}


def offered(cl, filter_class):
    (spec,) = [spec for spec in cl.filter_specs if isinstance(spec, filter_class)]
    return [title for _, title in spec.lookup_choices]


def published(title, year, **fields):
    when = timezone.make_aware(datetime(year, 6, 1, 12))
    return make_interview(
        title, status=InterviewStatus.PUBLISHED, publish_at=when, **fields
    )


@pytest.mark.django_db
def test_the_search_finds_drafts_by_the_words_their_text_begins_with(editor_client):
    draft = make_interview("Untitled", body="The saxophonist rehearsed at dawn.")
    make_interview("Other", status=InterviewStatus.PUBLISHED, body="Nothing here.")

    assert slugs(editor_client, q="saxophon") == {draft.slug}
    assert slugs(editor_client, q="rehearsed dawn") == {draft.slug}
    assert slugs(editor_client, q="rehearsed nothing") == set()


@pytest.mark.django_db
def test_the_search_reads_the_text_index_not_every_body(editor_client):
    make_interview("Untitled", body="The saxophonist rehearsed at dawn.")

    with CaptureQueriesContext(connection) as queries:
        assert len(slugs(editor_client, q="dawn")) == 1

    for query in queries:
        sql = query["sql"]
        assert not re.search(r'"body"\S* LIKE', sql, re.I), sql
        # No join repeats an interview for DISTINCT to fold.
        assert 'DISTINCT "interviews_interview"' not in sql, sql


@pytest.mark.django_db
def test_a_search_lists_the_newest_matches_only(editor_client, monkeypatch):
    monkeypatch.setattr(interview_admin, "SEARCH_NEWEST", 2)
    oldest, newer, newest = (
        make_interview(title, body="A comeback.") for title in ("One", "Two", "Three")
    )

    cl = change_list(editor_client, INTERVIEWS, q="comeback")

    assert {i.pk for i in cl.result_list} == {newer.pk, newest.pk}
    assert cl.result_count == 2


@pytest.mark.django_db
def test_the_artist_filter_offers_the_artists_of_the_newest_pieces(
    editor_client, monkeypatch
):
    monkeypatch.setattr(FeaturedArtistFilter, "OFFERED", 2)
    oldest, newer, newest = (make_interview(t) for t in ("One", "Two", "Three"))

    cl = change_list(editor_client, INTERVIEWS)
    assert offered(cl, FeaturedArtistFilter) == ["Artist of Three", "Artist of Two"]

    # An artist not offered is still chosen by a link from elsewhere.
    artist = oldest.featured_artists.get()
    cl = change_list(editor_client, INTERVIEWS, featured_artists__id__exact=artist.pk)
    assert [i.pk for i in cl.result_list] == [oldest.pk]
    assert "Artist of One" in offered(cl, FeaturedArtistFilter)


@pytest.mark.django_db
def test_the_tag_filter_offers_the_tags_last_put_on_pieces(editor_client, monkeypatch):
    monkeypatch.setattr(TagFilter, "OFFERED", 2)
    for title in ("One", "Two", "Three"):
        make_interview(title).tags.add(f"tag {title}")

    cl = change_list(editor_client, INTERVIEWS)
    assert offered(cl, TagFilter) == ["tag Three", "tag Two"]

    oldest = cl.model.objects.get(title="One").tags.get()
    cl = change_list(editor_client, INTERVIEWS, tags__id__exact=oldest.pk)
    assert [i.title for i in cl.result_list] == ["One"]
    assert "tag One" in offered(cl, TagFilter)


@pytest.mark.django_db
def test_the_comment_filter_offers_the_interviews_with_comments_waiting(
    editor_client,
):
    waiting = make_interview("Waiting", status=InterviewStatus.PUBLISHED)
    moderated = make_interview("Moderated", status=InterviewStatus.PUBLISHED)
    for interview, status in [
        (waiting, CommentStatus.PENDING),
        (moderated, CommentStatus.APPROVED),
    ]:
        Comment.objects.create(
            interview=interview, text="Hello.", name="Mina", status=status
        )

    cl = change_list(editor_client, COMMENTS)
    assert offered(cl, AwaitingModerationFilter) == ["Waiting"]

    cl = change_list(editor_client, COMMENTS, interview__id__exact=moderated.pk)
    assert [c.interview_id for c in cl.result_list] == [moderated.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, params",
    [
        (INTERVIEWS, {"featured_artists__id__exact": "abc"}),
        (INTERVIEWS, {"featured_artists__id__exact": "9" * 30}),
        (INTERVIEWS, {"featured_artists__id__exact": "123456"}),
        (INTERVIEWS, {"publish_at__year": "9999"}),
        (INTERVIEWS, {"publish_at__year": "2020", "publish_at__month": "13"}),
        (COMMENTS, {"interview__id__exact": "x"}),
        (COMMENTS, {"interview__id__exact": "123456"}),
        (COMMENTS, {"created_at__year": "9999"}),
        (INTERVIEWS, {"contributor": "abc"}),
        (CONTRIBUTORS, {"credits__role": "chef"}),
    ],
)
def test_a_lookup_that_names_nothing_is_refused_with_a_note(editor_client, url, params):
    make_interview("One")

    response = editor_client.get(url, params)

    assert response.status_code == 302
    assert response["Location"] == f"{url}?e=1"


@pytest.mark.django_db
def test_a_page_of_the_list_leaves_out_the_texts_it_does_not_show(
    editor_client, monkeypatch
):
    monkeypatch.setattr(interview_admin.InterviewAdmin, "list_per_page", 2)
    oldest = published("One", 2019)
    published("Two", 2020)
    published("Three", 2021)

    cl = change_list(editor_client, INTERVIEWS, p=2)

    assert [i.pk for i in cl.result_list] == [oldest.pk]
    assert {"body", "search_document"} <= cl.result_list[0].get_deferred_fields()
    # The change form still reads the whole interview.
    form = editor_client.get(
        reverse("admin:interviews_interview_change", args=[oldest.pk])
    )
    assert form.context["original"].get_deferred_fields() == set()


@pytest.mark.django_db
def test_the_date_drill_down_offers_the_archive_years_without_reading_every_date(
    editor_client,
):
    published("One", 2019)
    published("Two", 2022)
    make_interview("A draft, with no date")

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(INTERVIEWS)

    html = response.content.decode()
    for year in (2019, 2020, 2021, 2022):
        assert f"?publish_at__year={year}" in html
    assert "?publish_at__year=2018" not in html
    assert "?publish_at__year=2023" not in html
    assert not [q for q in queries if "trunc" in q["sql"].lower()]

    cl = change_list(editor_client, INTERVIEWS, publish_at__year=2022)
    assert [i.title for i in cl.result_list] == ["Two"]


@pytest.mark.django_db
def test_the_contributor_list_counts_credits_without_fetching_them(editor_client):
    mina = make_contributor("Mina")
    for title in ("One", "Two"):
        make_interview(title, contributor=mina)
    Credit.objects.create(
        interview=make_interview("Three"), contributor=mina, role=Role.TRANSLATOR
    )

    with CaptureQueriesContext(connection) as queries:
        cl = change_list(editor_client, CONTRIBUTORS, credits__role="translator")

    (listed,) = cl.result_list
    assert cl.model_admin.credit_summary(listed) == ("Interviewer ×2, Translator ×1")
    fetched = [
        q["sql"]
        for q in queries
        if 'FROM "interviews_credit"' in q["sql"] and "COUNT(" not in q["sql"]
    ]
    assert not fetched


@pytest.mark.django_db
def test_a_contributors_page_lists_their_newest_pieces_and_links_to_all(
    editor_client, monkeypatch
):
    monkeypatch.setattr(ContributorAdmin, "NEWEST_PIECES", 2)
    mina = make_contributor("Mina")
    one, two, three = (
        make_interview(t, contributor=mina) for t in ("One", "Two", "Three")
    )
    # A second role on a piece lists it once in the interview list.
    Credit.objects.create(interview=one, contributor=mina, role=Role.TRANSLATOR)

    page = editor_client.get(
        reverse("admin:people_contributor_change", args=[mina.pk])
    ).content.decode()

    assert ">Three</a>" in page and ">Two</a>" in page
    assert ">One</a>" not in page
    every = f"{INTERVIEWS}?contributor={mina.pk}"
    assert f'href="{every}"' in page
    assert sorted(slugs(editor_client, contributor=mina.pk)) == sorted(
        [one.slug, two.slug, three.slug]
    )
    cl = change_list(editor_client, INTERVIEWS, contributor=mina.pk)
    assert cl.result_count == 3


@pytest.mark.django_db
def test_the_tag_list_counts_pieces_without_joining_every_tagging(admin_client):
    tagged(3, "many")
    tagged(1, "one")
    Tag.objects.create(name="unused", slug="unused")

    with CaptureQueriesContext(connection) as queries:
        cl = change_list(admin_client, TAGS, o="-3")

    assert [(tag.name, tag.interview_count) for tag in cl.result_list] == [
        ("many", 3),
        ("one", 1),
        ("unused", 0),
    ]
    assert not [q for q in queries if 'JOIN "interviews_taggedinterview"' in q["sql"]]


def delete_page(client, url_name, pk):
    response = client.get(reverse(url_name, args=[pk]))
    assert response.status_code == 200
    return response


def flattened(items):
    for item in items:
        if isinstance(item, list):
            yield from flattened(item)
        else:
            yield str(item)


def tagged(count, tag="comeback"):
    pieces = [make_interview(f"Piece {n} ({tag})") for n in range(count)]
    for piece in pieces:
        piece.tags.add(tag)
    return pieces


@pytest.mark.django_db
def test_deleting_a_tag_names_a_few_of_its_pieces_and_counts_the_rest(
    admin_client, monkeypatch
):
    monkeypatch.setattr(ShortDeleteSummary, "LISTED", 3)
    tagged(5)
    tag = TaggedInterview.objects.first().tag

    page = delete_page(admin_client, "admin:taggit_tag_delete", tag.pk)

    tag_row, what_goes_with_it = page.context["deleted_objects"]
    assert "comeback" in tag_row
    listed = list(flattened(what_goes_with_it))
    assert len(listed) == 4
    assert all(line.startswith("Tagged interview: Piece") for line in listed[:3])
    assert listed[3] == "and 2 more tagged interviews"
    assert dict(page.context["model_count"])["tagged interviews"] == 5
    assert "and 2 more tagged interviews" in page.content.decode()


@pytest.mark.django_db
def test_asking_to_delete_a_tag_costs_the_same_however_many_pieces_it_is_on(
    admin_client, monkeypatch
):
    monkeypatch.setattr(ShortDeleteSummary, "LISTED", 3)
    tagged(4, "few")
    tagged(12, "many")

    def queries_asking_to_delete(name):
        tag = TaggedInterview.objects.filter(tag__name=name).first().tag
        with CaptureQueriesContext(connection) as queries:
            delete_page(admin_client, "admin:taggit_tag_delete", tag.pk)
        return len(queries)

    assert queries_asking_to_delete("many") == queries_asking_to_delete("few")


@pytest.mark.django_db
def test_deleting_a_tag_still_takes_it_off_every_piece(admin_client, monkeypatch):
    monkeypatch.setattr(ShortDeleteSummary, "LISTED", 3)
    pieces = tagged(5)
    tag = TaggedInterview.objects.first().tag

    response = admin_client.post(
        reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not TaggedInterview.objects.exists()
    assert all(not piece.tags.exists() for piece in pieces)


@pytest.mark.django_db
def test_a_contributor_their_credits_keep_is_refused_naming_a_few_of_them(
    admin_client, monkeypatch
):
    monkeypatch.setattr(ShortDeleteSummary, "LISTED", 3)
    mina = make_contributor("Mina")
    for n in range(5):
        make_interview(f"Piece {n}", contributor=mina)
    url = reverse("admin:people_contributor_delete", args=[mina.pk])

    page = admin_client.get(url)
    refused = admin_client.post(url, {"post": "yes"})

    protected = [str(line) for line in page.context["protected"]]
    assert len(protected) == 4
    assert all(line.startswith("Credit: ") for line in protected[:3])
    assert protected[3] == "and 2 more credits"
    assert refused.status_code == 200
    assert Credit.objects.filter(contributor=mina).count() == 5


@pytest.mark.django_db
def test_the_delete_permission_is_asked_of_rows_the_page_does_not_name(
    admin_client, monkeypatch
):
    monkeypatch.setattr(ShortDeleteSummary, "LISTED", 3)
    piece = make_interview("Piece", status=InterviewStatus.PUBLISHED)
    comments = [
        Comment.objects.create(interview=piece, text=f"Hello {n}.", name="Mina")
        for n in range(5)
    ]
    # Only the last comment, beyond the three named, may not be deleted.
    kept = comments[-1].pk

    def may_delete(self, request, obj=None):
        return obj is None or obj.pk != kept

    monkeypatch.setattr(CommentAdmin, "has_delete_permission", may_delete)
    url = reverse("admin:interviews_interview_delete", args=[piece.pk])

    page = admin_client.get(url)
    refused = admin_client.post(url, {"post": "yes"})

    assert page.context["perms_lacking"] == {"comment"}
    assert refused.status_code == 403
    assert Comment.objects.filter(interview=piece).count() == 5


@pytest.mark.django_db
def test_deleting_an_interview_looks_for_its_versions_in_their_own_index(
    admin_client,
):
    """Almost no interview is a version: with statistics saying so, SQLite
    judged an index of every interview's `version_of` useless and walked
    the whole table in the list's order to find an original's versions.
    PostgreSQL, which keeps how many are empty, was never misled: there the
    index is only seen to hold the versions alone."""
    if connection.vendor == "postgresql":
        definition = postgres_index_definition("interview_versions")
        assert definition.endswith("WHERE (version_of_id IS NOT NULL)")
        return
    pieces = [make_interview(f"Piece {n}") for n in range(20)]
    sqlite_statistics_as_if(Interview, 100_000)
    with CaptureQueriesContext(connection) as queries:
        delete_page(admin_client, "admin:interviews_interview_delete", pieces[0].pk)

    (versions,) = [
        q["sql"]
        for q in queries
        if re.search(r'WHERE "interviews_interview"\."version_of_id" IN', q["sql"])
    ]
    plan = " ".join(sqlite_plan(versions))
    assert "interview_versions" in plan, plan
