"""Full-text search over live interviews, on PostgreSQL and on SQLite.

The searchable text of an interview is its title, its standfirst and its
`search_document` (body, Q&A items and closing lines, kept current by the
signal handlers in `interviews.signals`). Each database indexes it its own
way, and neither scans the bodies:

- PostgreSQL: a GIN index on the weighted tsvector of the three columns
  (made by migration 0011), queried with the very same expression so the
  planner uses it.
- SQLite: an FTS5 table with the interview table as its external content,
  kept in step by triggers.

`Interview.objects.live().search(text)` is the way in (see
`InterviewQuerySet.search`); this module holds what each database needs.

Names are not left to the text index: artists are found by their folded
name keys (see `Artist.objects.matching`) and their interviews added to the
results, ranked first.
"""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL

SEARCH_CONFIG = "english"
SEARCH_VECTOR = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
    + SearchVector("search_document", weight="C", config=SEARCH_CONFIG)
)
POSTGRES_INDEX = GinIndex(SEARCH_VECTOR, name="interview_search_gin")
FTS_TABLE = "interviews_search"
TOKEN = re.compile(r"\w+")


def search_terms(text):
    """The words of a query, with every operator and quote left out."""
    return TOKEN.findall(text.casefold())[:20]


def matching(interviews, text, *, artist_ids=()):
    """The `interviews` matching `text`, best first; those featuring one of
    `artist_ids` (artists found by name) come before the rest."""
    terms = search_terms(text)
    if not terms and not artist_ids:
        return interviews.none()
    model = interviews.model
    if connections[interviews.db].vendor == "postgresql":
        matched, rank = _postgres_match(model, terms)
    else:
        matched, rank = _sqlite_match(model, terms)
    features_artist = model.featured_artists.through.objects.filter(
        interview=OuterRef("pk"), artist__in=artist_ids
    )
    return (
        interviews.filter(matched | Q(pk__in=features_artist.values("interview")))
        .annotate(rank=rank, about_artist=Exists(features_artist))
        .order_by(
            F("about_artist").desc(),
            F("rank").desc(nulls_last=True),
            "-publish_at",
        )
    )


def postgres_query(terms):
    # Each word is a prefix ("sejeon" finds "Sejeong"); all must match.
    return SearchQuery(
        " & ".join(f"{term}:*" for term in terms),
        search_type="raw",
        config=SEARCH_CONFIG,
    )


def postgres_text_matches(model, terms):
    """Ids of the interviews whose text matches: answered from the GIN index,
    since the filter is the indexed expression itself."""
    return (
        model._default_manager.annotate(document=SEARCH_VECTOR)
        .filter(document=postgres_query(terms))
        .order_by()
        .values("pk")
    )


def _postgres_match(model, terms):
    if not terms:
        return Q(pk__in=[]), RawSQL("NULL::real", [])
    rank = SearchRank(SEARCH_VECTOR, postgres_query(terms))
    return Q(pk__in=postgres_text_matches(model, terms)), rank


def _sqlite_match(model, terms):
    if not terms:
        return Q(pk__in=[]), RawSQL("NULL", [])
    # Quoted, each word is a literal prefix; FTS5 syntax cannot leak in.
    match = " ".join(f'"{term}"*' for term in terms)
    matched = RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]
    )
    # bm25 is lower for better matches; title counts most, then standfirst.
    rank = RawSQL(
        f"(SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = {model._meta.db_table}.id)",
        [match],
    )
    return Q(pk__in=matched), rank


SQLITE_SCHEMA = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        title, standfirst, search_document,
        content='interviews_interview', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert
        AFTER INSERT ON interviews_interview BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, standfirst, search_document)
        VALUES (new.id, new.title, new.standfirst, new.search_document);
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete
        AFTER DELETE ON interviews_interview BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, standfirst,
            search_document)
        VALUES ('delete', old.id, old.title, old.standfirst, old.search_document);
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update
        AFTER UPDATE ON interviews_interview BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, standfirst,
            search_document)
        VALUES ('delete', old.id, old.title, old.standfirst, old.search_document);
        INSERT INTO {FTS_TABLE}(rowid, title, standfirst, search_document)
        VALUES (new.id, new.title, new.standfirst, new.search_document);
        END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]


def add_postgres_index(model, schema_editor):
    """Create the GIN index unless it is there (databases made before it
    came in a migration had it made after `migrate`)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        existing = connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    if POSTGRES_INDEX.name not in existing:
        schema_editor.add_index(model, POSTGRES_INDEX)


def install_search_index(using="default"):
    """On SQLite, create the FTS table and its triggers if they are missing;
    idempotent.

    It runs after every `migrate`: Django alters an SQLite table by
    rebuilding it, which drops the table's triggers, so they are re-made
    (and the FTS table rebuilt) every time rather than in one migration.
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in SQLITE_SCHEMA:
                cursor.execute(statement)
