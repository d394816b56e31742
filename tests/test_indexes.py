"""Pages that list some of the archive's interviews (a topic, an artist, a
contributor) find them through other rows (a tag's, an artist's, a
credit's), then keep the live ones and sort them. Both are read from
indexes, not from the rows: on SQLite an interview's row holds the long
texts before those columns, and sorting a topic of 3,000 pieces by reading
their rows took a fifth of its page at 100,000 interviews; reading the
tag's rows for the interviews they name, a sixth of what was left."""

import pytest
from django.db import connection

from interviews.models import Interview, TaggedInterview, live_condition

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
    ],
)
def test_the_database_has_the_indexes_pages_read_from(db, model, name, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    assert constraints[name]["columns"] == columns
