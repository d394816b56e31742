"""Pages that list some of the archive's interviews (a topic, an artist, a
contributor) find them through other rows (a tag's, an artist's, a
credit's), then keep the live ones and sort them. Both are read from
indexes, not from the rows: on SQLite an interview's row holds the long
texts before those columns, and sorting a topic of 3,000 pieces by reading
their rows took a fifth of its page at 100,000 interviews; reading the
tag's rows for the interviews they name, a sixth of what was left."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.choices import InterviewStatus
from interviews.feeds import FEED_LENGTH
from interviews.models import Credit, Interview, TaggedInterview, live_condition

from .factories import make_artist, make_contributor, make_interview

LIVENESS_INDEX = "interview_liveness_order"


def columns_of(condition):
    """The interview columns a Q object compares."""
    names = set()
    for child in condition.children:
        if hasattr(child, "children"):
            names |= columns_of(child)
        else:
            names.add(child[0].split("__")[0])
    return names


def test_the_liveness_index_holds_what_liveness_and_the_order_read():
    index = next(i for i in Interview._meta.indexes if i.name == LIVENESS_INDEX)
    # Looked up by the interview's key, as the rows that point to it give it.
    assert index.fields[0] == "id"
    read = columns_of(live_condition()) | {
        field.lstrip("-") for field in Interview._meta.ordering
    }
    assert read <= set(index.fields), read - set(index.fields)


@pytest.mark.parametrize(
    "model, name, columns",
    [
        (Interview, LIVENESS_INDEX, ["id", "status", "publish_at", "created_at"]),
        (
            TaggedInterview,
            "tagged_interview_newest_pieces",
            ["tag_id", "id", "content_object_id"],
        ),
        (
            Credit,
            "credit_contributor_pieces",
            ["contributor_id", "role", "interview_id"],
        ),
    ],
)
def test_the_database_has_the_indexes_pages_read_from(db, model, name, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    assert constraints[name]["columns"] == columns


@pytest.mark.django_db
def test_a_feed_reads_whole_rows_for_its_items_alone(client):
    """A feed carries the full text of its twenty newest pieces: it finds
    them by key first, and reads the long texts of those twenty only. Sorted
    as whole rows, a contributor's 14,000 pieces took 220 ms to keep twenty
    at 100,000 interviews."""
    writer = make_contributor("Busy Writer")
    artist = make_artist("Busy Artist", is_public=True)
    for n in range(FEED_LENGTH + 5):
        piece = make_interview(
            f"Piece {n}",
            status=InterviewStatus.PUBLISHED,
            publish_at=timezone.now() - timedelta(days=n),
            artist=artist,
            contributor=writer,
        )
        piece.tags.add("busy")
    feeds = [
        reverse("feeds:site-rss"),
        reverse("feeds:language-atom", args=["en"]),
        reverse("feeds:artist-rss", args=[artist.slug]),
        reverse("feeds:tag-atom", args=["busy"]),
        reverse("feeds:contributor-rss", args=[writer.slug]),
    ]
    for address in feeds:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        assert response.content.count(b"Piece ") >= FEED_LENGTH, address
        (whole_rows,) = [q["sql"] for q in queries if '"body_html"' in q["sql"]]
        # Twenty keys in a subquery; no limit on the rows read for them.
        assert f"LIMIT {FEED_LENGTH})" in whole_rows, address
        assert "LIMIT" not in whole_rows.rsplit(")", 1)[1], address


@pytest.mark.django_db
def test_a_contributors_pieces_are_found_from_unsorted_credits():
    """Credits sort by their position by default; found as the keys of a
    contributor's pieces they need no order, and sorting the busiest
    contributor's 14,000 was a sixth of finding them on PostgreSQL."""
    writer = make_contributor("Busy Writer")
    make_interview("Piece", status=InterviewStatus.PUBLISHED, contributor=writer)
    pieces = Interview.objects.live().credited_to(writer)
    sql = str(pieces.query)
    assert '"interviews_credit"' in sql
    assert '"position"' not in sql
    assert [piece.title for piece in pieces] == ["Piece"]


@pytest.mark.django_db
def test_a_contributors_newest_credits_by_role_are_read_from_the_index(client):
    """The contributor page's newest pieces in each role, and each role's
    count, read nothing of a credit but what the credits index holds:
    counted by their ids and sorted by their position, the credits' rows
    were read too, an agency's 14,000 on PostgreSQL only to be left out."""
    writer = make_contributor("Busy Writer")
    make_interview("Piece", status=InterviewStatus.PUBLISHED, contributor=writer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(writer.get_absolute_url())
    assert page.status_code == 200 and b"Piece" in page.content
    (by_role,) = [q["sql"] for q in queries if "PARTITION BY" in q["sql"]]
    read = set(re.findall(r'"interviews_credit"\."(\w+)"', by_role))
    assert read <= {"contributor_id", "role", "interview_id"}, read
