"""Full-text search over interviews, on PostgreSQL and on SQLite, at a cost
that does not grow with the archive or the query.

The searchable text of an interview is its title, its standfirst and its
`search_document` (body, Q&A items and closing lines, kept current by the
signal handlers in `interviews.signals`). Each database keeps an index of
it, and neither reads the bodies to answer:

- PostgreSQL: a stored, weighted `search_vector` (title A, standfirst B,
  text C) with a GIN index (migration 0012), refreshed whenever the text
  changes.
- SQLite: an FTS5 table with the interview table as its external content,
  kept in step by triggers.

A word most interviews contain ("comeback") matches nearly the whole
archive; ranking every match would cost as much as the archive is big. So
only the newest matches are candidates (`CANDIDATES`, in id order, which
both indexes walk from the top and stop), they are ranked (bm25 on SQLite,
ts_rank on PostgreSQL), and the count beyond them is estimated from how
densely the newest ids matched: "about 9,800 interviews", as the best
search pages say. A query of any size or content, and any page of it,
costs at most one capped candidate query.

Names are not left to the text index: artists are found by their folded
name keys (see `Artist.objects.matching`) and their interviews ranked first.

`Interview.objects.live().search(text)` is the way in (see
`InterviewQuerySet.search`); this module holds what each database needs and
imports no model.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Exists, F, OuterRef, Q

SEARCH_CONFIG = "english"
SEARCH_VECTOR = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
    + SearchVector("search_document", weight="C", config=SEARCH_CONFIG)
)
# The index of the stored vector, and the expression index it replaced.
POSTGRES_INDEX = GinIndex(fields=["search_vector"], name="interview_search_vector")
OLD_POSTGRES_INDEX = "interview_search_gin"
FTS_TABLE = "interviews_search"
TOKEN = re.compile(r"\w+")
# How many of the newest matches are ranked; the rest is counted roughly.
CANDIDATES = 1000
# Words shorter than this match whole: a prefix of one or two letters would
# match nearly every word of the archive and mean nothing.
PREFIX_FROM = 3


def search_terms(text):
    """The words of a query, with every operator and quote left out."""
    return TOKEN.findall(text.casefold())[:20]


@dataclass
class TextMatches:
    """The ranked candidates of a text query, and how many match in all."""

    ranks: dict  # interview id -> rank, higher is better
    total: int
    estimated: bool


def text_matches(model, terms, *, using="default"):
    if not terms:
        return TextMatches(ranks={}, total=0, estimated=False)
    connection = connections[using]
    if connection.vendor == "postgresql":
        rows = _postgres_candidates(connection, model, terms)
    else:
        rows = _sqlite_candidates(connection, model, terms)
    ranks = dict(rows)
    if len(rows) < CANDIDATES:
        return TextMatches(ranks=ranks, total=len(rows), estimated=False)
    return TextMatches(
        ranks=ranks, total=_estimate(model, rows, using=using), estimated=True
    )


def _estimate(model, rows, *, using):
    """How many interviews match in all, judged by how densely the newest
    ids matched: CANDIDATES matches among the ids from the oldest
    candidate's up."""
    oldest = min(pk for pk, _ in rows)
    manager = model._default_manager.using(using)
    spread = manager.filter(pk__gte=oldest).count()
    return round(manager.count() * len(rows) / max(spread, 1))


def postgres_query(terms):
    # Each word (of PREFIX_FROM letters or more) is a prefix, so "sejeon"
    # finds "Sejeong"; all must match.
    return SearchQuery(
        " & ".join(f"{term}:*" if len(term) >= PREFIX_FROM else term for term in terms),
        search_type="raw",
        config=SEARCH_CONFIG,
    )


def postgres_text_matches(model, terms):
    """The interviews whose stored vector matches, answered from its GIN
    index."""
    return model._default_manager.filter(search_vector=postgres_query(terms))


def _postgres_candidates(connection, model, terms):
    query = postgres_query(terms)
    # A rare word is answered from the GIN index; for one that nearly every
    # interview has, the planner walks the ids from the newest and stops.
    candidates = (
        postgres_text_matches(model, terms)
        .using(connection.alias)
        .annotate(text_rank=SearchRank(F("search_vector"), query))
        .order_by("-pk")
        .values_list("pk", "text_rank")
    )
    return list(candidates[:CANDIDATES])


def _sqlite_candidates(connection, model, terms):
    # Quoted, each word is a literal (prefix); FTS5 syntax cannot leak in.
    match = " ".join(
        f'"{term}"*' if len(term) >= PREFIX_FROM else f'"{term}"' for term in terms
    )
    with connection.cursor() as cursor:
        # FTS5 walks its doclists from the newest rowid and stops at the
        # limit; bm25 (lower is better; title counts most, then the
        # standfirst) is computed for those rows only.
        cursor.execute(
            f"SELECT rowid, -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s",
            [match, CANDIDATES],
        )
        return cursor.fetchall()


class SearchResults:
    """The interviews of a search, best first, as a sequence that Django's
    paginator pages: the candidates are sorted by id and rank, and only the
    page shown is fetched, with whatever `interviews` selects and prefetches.

    Interviews featuring one of `artist_ids` (artists the search found by
    name) come first, then the text's best matches, newest first among
    equals. `total` is how many interviews match in all, `estimated` when it
    is counted roughly beyond the ranked candidates.
    """

    def __init__(self, interviews, text, *, artist_ids=()):
        self.interviews = interviews
        terms = search_terms(text)
        matches = text_matches(interviews.model, terms, using=interviews.db)
        about_artist = interviews.model.featured_artists.through.objects.filter(
            interview=OuterRef("pk"), artist__in=artist_ids
        )
        # The newest interviews of the artists found, capped like the text's.
        featuring = (
            interviews.filter(featured_artists__in=artist_ids)
            .order_by("-pk")
            .values("pk")[:CANDIDATES]
        )
        rows = (
            interviews.filter(Q(pk__in=list(matches.ranks)) | Q(pk__in=featuring))
            .annotate(about_artist=Exists(about_artist))
            .order_by()
            .values_list("pk", "publish_at", "about_artist")
        )
        ranked = sorted(
            rows if (terms or artist_ids) else [],
            key=lambda row: (
                row[2],
                matches.ranks.get(row[0], float("-inf")),
                row[1].timestamp() if row[1] else 0,
            ),
            reverse=True,
        )
        self.ids = [row[0] for row in ranked]
        self.estimated = matches.estimated
        self.total = (
            max(len(self.ids), matches.total) if self.estimated else len(self.ids)
        )

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = {
            interview.pk: interview for interview in self.interviews.filter(pk__in=ids)
        }
        return [found[pk] for pk in ids if pk in found]


def refresh_search_vectors(interviews):
    """Store the vector of each of `interviews` (a queryset) from its text, in
    one UPDATE. SQLite's FTS table follows by its triggers."""
    if connections[interviews.db].vendor == "postgresql":
        interviews.update(search_vector=SEARCH_VECTOR)


def add_postgres_index(model, schema_editor):
    """Create the GIN index of the stored vector unless it is there, and
    drop the expression index it replaces."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        existing = connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    if OLD_POSTGRES_INDEX in existing:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{OLD_POSTGRES_INDEX}"')
    if POSTGRES_INDEX.name not in existing:
        schema_editor.add_index(model, POSTGRES_INDEX)


SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""CREATE TRIGGER {FTS_TABLE}_insert
        AFTER INSERT ON interviews_interview BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, standfirst, search_document)
        VALUES (new.id, new.title, new.standfirst, new.search_document);
        END""",
    f"{FTS_TABLE}_delete": f"""CREATE TRIGGER {FTS_TABLE}_delete
        AFTER DELETE ON interviews_interview BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, standfirst,
            search_document)
        VALUES ('delete', old.id, old.title, old.standfirst, old.search_document);
        END""",
    # Only a change of the indexed text re-indexes a row: publishing, a new
    # date or a count does not.
    f"{FTS_TABLE}_update": f"""CREATE TRIGGER {FTS_TABLE}_update
        AFTER UPDATE OF title, standfirst, search_document
        ON interviews_interview BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, standfirst,
            search_document)
        VALUES ('delete', old.id, old.title, old.standfirst, old.search_document);
        INSERT INTO {FTS_TABLE}(rowid, title, standfirst, search_document)
        VALUES (new.id, new.title, new.standfirst, new.search_document);
        END""",
}
SQLITE_TABLE = f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    title, standfirst, search_document,
    content='interviews_interview', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2')"""


def install_search_index(using="default"):
    """On SQLite, create the FTS table and its triggers if they are missing;
    idempotent, and cheap when all is there.

    It runs after every `migrate`: Django alters an SQLite table by
    rebuilding it, which drops the table's triggers. When one was missing
    (or is of an older definition), the triggers are made again and the FTS
    table rebuilt from the interviews, since it may have missed changes.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_TABLE)
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'interviews_interview'"
        )
        present = dict(cursor.fetchall())
        if all(present.get(name) == sql for name, sql in SQLITE_TRIGGERS.items()):
            return
        for name, sql in SQLITE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
