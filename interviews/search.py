"""Full-text search over interviews, on PostgreSQL and on SQLite, at a cost
that does not grow with the archive or the query.

The searchable text of an interview is its title, its standfirst and its
`search_document` (body, Q&A items and closing lines, kept current by the
signal handlers in `interviews.signals`). Each database keeps an index of
it, and neither reads the bodies to answer:

- PostgreSQL: a stored, weighted `search_vector` (title A, standfirst B,
  text C, as English stems; then every word as written, marked) with a GIN
  index (migrations 0012 and 0031), refreshed whenever the text changes.
- SQLite: an FTS5 table with the interview table as its external content,
  kept in step by triggers.

A word most interviews contain ("comeback") matches nearly the whole
archive; ranking every match would cost as much as the archive is big. So
only the newest matches are candidates (`CANDIDATES`, in id order, which
both indexes walk from the top and stop), they are ranked (bm25 on SQLite,
ts_rank on PostgreSQL), and the count beyond them is estimated from how
densely the newest ids matched: "about 9,800 interviews", as the best
search pages say. A query of any size or content, and any page of it,
costs at most one capped candidate query (on PostgreSQL, for several
words, the planner's reckoning of each word, then a read of the GIN index
for a rare one, or else a walk of the newest RECENT pieces and, should
they hold too few, a read of the index for older ones).

Names are not left to the text index: artists are found by their folded
name keys (see `Artist.objects.matching`) and their interviews ranked first.

`Interview.objects.live().search(text)` is the way in (see
`InterviewQuerySet.search`); this module holds what each database needs and
imports no model.
"""

import re
import unicodedata
from contextlib import contextmanager
from datetime import UTC

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections, transaction
from django.db.models import Exists, F, Func, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime

SEARCH_CONFIG = "english"
# English stems alone miss a word cut short past its stem: "performances"
# is stored as "perform", which "performan" does not begin, and "dancin"
# does not begin "danc". So the vector also holds every word as written,
# marked so that no stem, nor a stem's prefix, is ever one of them
# (`WORD_MARK`): searches of stems read and rank what they did before the
# words were stored, and only the query's last word, the one a reader may
# not have finished, is also looked for as written (`LastWordQuery`).
WORD_MARK = "~"


class WordsAsWritten(SearchVector):
    """The words of `expressions` as written (PostgreSQL's "simple"
    configuration: lower-cased, nothing left out), each marked with
    WORD_MARK, without positions."""

    def as_sql(self, compiler, connection, function=None, template=None):
        text, params = compiler.compile(
            Func(*self.source_expressions, template="concat_ws(' ', %(expressions)s)")
        )
        return (
            f"array_to_tsvector(ARRAY(SELECT '{WORD_MARK}' || lexeme FROM "
            f"unnest(to_tsvector('simple', {text}))))",
            params,
        )


SEARCH_VECTOR = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
    + SearchVector("search_document", weight="C", config=SEARCH_CONFIG)
    + WordsAsWritten("title", "standfirst", "search_document")
)
# The index of the stored vector, and the expression index it replaced.
POSTGRES_INDEX = GinIndex(fields=["search_vector"], name="interview_search_vector")
OLD_POSTGRES_INDEX = "interview_search_gin"
FTS_TABLE = "interviews_search"
TOKEN = re.compile(r"\w+")
# How many of the newest matches are ranked (20 pages of results); the rest
# is counted roughly.
CANDIDATES = 200
# How many of the newest interviews PostgreSQL reads one by one, at most,
# for a query of several words, before it asks its index for older matches
# (see `_newest_matching`).
RECENT = 1000
# A word the planner reckons in at most this many pieces is rare enough to
# be looked up alone in the GIN index, for a query of several words (see
# `_newest_matching`). A word its statistics do not hold, as a typo or a
# name, it reckons in 0.5% of the pieces, and the query's last word (looked
# for as a stem and as written) in 1%: 1,006 at 100,000, which a bound of
# 1,000 took for common, and the typo was looked for with every other word.
RARE = 2000
# Words shorter than this match whole: a prefix of one or two letters would
# match nearly every word of the archive and mean nothing.
PREFIX_FROM = 3
# Korean writes its particles onto the word: 세정이, 세정은, 세정의 are all
# "Sejeong", 노래를 and 노래가 "song". Readers type the stem (세정, 노래), so
# a Hangul word is a prefix from two syllables on; a syllable says about as
# much as two or three Latin letters, and one alone (이, 가) is a particle.
HANGUL_PREFIX_FROM = 2
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A query is matched on this many of its words. bm25 weighs each word by
# how many pieces hold it, which SQLite counts by reading the word's whole
# list: 2.6 ms at 100,000 interviews for a word most pieces hold, so twenty
# such words took 53 ms before a page was drawn, eight take 21. Every word
# must match, so the words left out only widen the results.
MAX_TERMS = 8
# A query word is cut to this many characters. No word of any language is
# near it, and PostgreSQL refuses a word of more than 2,047 bytes in a
# query: a string of 2,000 letters in the editors' search was a 500. Cut,
# it still matches what it did, nothing.
LONGEST_TERM = 100


def search_terms(text):
    """The first MAX_TERMS words of a query, each of LONGEST_TERM
    characters at most, with every operator and quote left out. Hangul
    typed as separate jamo (as some keyboards send it) is composed first."""
    words = TOKEN.findall(unicodedata.normalize("NFC", text).casefold())
    return [word[:LONGEST_TERM] for word in words[:MAX_TERMS]]


def is_prefix(term):
    """Whether a query word matches the words it begins, not only itself."""
    if HANGUL.search(term):
        return len(term) >= HANGUL_PREFIX_FROM
    return len(term) >= PREFIX_FROM


def stemmed_query(terms):
    """The query as English stems, which PostgreSQL ranks by. Each word (of
    PREFIX_FROM letters or more, HANGUL_PREFIX_FROM syllables) is a prefix,
    so "sejeon" finds "Sejeong" and 세정 finds 세정이; all must match."""
    return SearchQuery(
        " & ".join(f"{term}:*" if is_prefix(term) else term for term in terms),
        search_type="raw",
        config=SEARCH_CONFIG,
    )


class LastWordQuery(SearchQuery):
    """The query's last word as the beginning of an English stem or of a
    word as written: "performan" finds "performances" (stored as
    "perform"), and "the", a stop word that English stems leave out,
    matches where it is written, as on SQLite. The last word alone: each
    word looked for as written too had the GIN index gather twice the
    lists (eight common words and a typo took 66 ms, against 43)."""

    def __init__(self, term):
        super().__init__(f"{term}:*", search_type="raw")
        self.term = term

    def as_sql(self, compiler, connection, function=None, template=None):
        # A term is letters, digits and underscores (`TOKEN`): nothing in
        # it can end the quoted lexeme.
        return (
            f"(to_tsquery('{SEARCH_CONFIG}', %s) || %s::tsquery)",
            [f"{self.term}:*", f"'{WORD_MARK}{self.term}':*"],
        )


def postgres_query(terms):
    """What a search matches: every word as `stemmed_query` takes it, and
    the last, when a prefix (`is_prefix`), as `LastWordQuery` does."""
    *before, last = terms
    if not is_prefix(last):
        return stemmed_query(terms)
    query = LastWordQuery(last)
    return stemmed_query(before) & query if before else query


def postgres_candidates(interviews, terms, about_artist):
    """The newest of `interviews` whose stored vector matches, with their
    rank: for a rare word answered from the GIN index, for one that nearly
    every interview has by walking the ids from the newest."""
    return (
        interviews.filter(search_vector=postgres_query(terms))
        .annotate(
            about_artist=about_artist,
            text_rank=SearchRank(F("search_vector"), stemmed_query(terms)),
        )
        .order_by("-pk")
        .values_list("pk", "publish_at", "about_artist", "text_rank")[:CANDIDATES]
    )


def sqlite_match(terms):
    # Quoted, each word is a literal (prefix); FTS5 syntax cannot leak in.
    return " ".join(f'"{term}"*' if is_prefix(term) else f'"{term}"' for term in terms)


def text_condition(interviews, terms, *, newest):
    """A condition on interviews: they are among the `newest` of
    `interviews` whose title, standfirst or text hold every one of `terms`
    (beginnings of words, as the readers' search takes them). Answered
    from the full-text index and not ranked: for the lists that order and
    page their matches themselves (the editors'), where a LIKE over every
    body would read the whole archive. (SQLite's is not capped: FTS5 finds
    the newest of any words at once, and they are capped with the rest.)"""
    if connections[interviews.db].vendor == "postgresql":
        return Q(pk__in=postgres_newest_matches(interviews, terms, newest))
    return Q(
        pk__in=RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [sqlite_match(terms)],
        )
    )


# A candidate: (interview id, publish_at, whether it features an artist the
# search found, its text rank or None).


def _postgres_matches(interviews, terms, about_artist, artists):
    """The newest text matches that `interviews` holds, as candidates, in
    id order from the newest, each ranked as it is found."""

    def ranked(chosen, limit):
        return list(postgres_candidates(chosen, terms, about_artist)[:limit])

    return _newest_matching(interviews, terms, CANDIDATES, ranked)


def postgres_newest_matches(interviews, terms, limit):
    """The ids of the newest `limit` of `interviews` whose text holds every
    one of `terms`, newest first."""
    query = postgres_query(terms)

    def ids(chosen, limit):
        matching = chosen.filter(search_vector=query).order_by("-pk")
        return list(matching.values_list("pk", flat=True)[:limit])

    return _newest_matching(interviews, terms, limit, ids)


# The walk of the newest pieces goes by the primary key, the only way to
# them without a sort; and without JIT, since were the planner left no way
# but one it was told not to take, the plan would be reckoned to cost so
# much that it would be compiled first, for tens of milliseconds.
WALK = ("enable_bitmapscan", "enable_seqscan", "enable_sort", "jit")


def _newest_matching(interviews, terms, limit, rows):
    """`rows(queryset, limit)` of the newest `limit` of `interviews` whose
    text holds every one of `terms`, newest first; `rows` asks the text of
    the pieces it is given, newest first.

    The planner knows how many pieces hold a word, and chooses well between
    walking the interviews from the newest and asking the GIN index. For
    several words it multiplies their shares, as if they were independent,
    and they are not: 노래 is in a tenth of the pieces, "stage" in nine
    tenths, and it walked every interview to find none holding both (490 ms
    at 100,000). So for several words it is only asked how many pieces hold
    each (`_reckoned_rarest`), and told which way each step goes
    (`_planned_without`):

    - A word it reckons rare (an artist's name, a typo) is looked up alone
      in the GIN index, and the pieces holding it are checked for the
      others. Walking first, a name or a typo beside common words read the
      newest RECENT pieces to find next to nothing: at 10,000, 31 to 38 ms
      against 13 to 20.
    - Otherwise the newest RECENT interviews are walked, and most searches
      end there. Fewer than `limit` matches among them means the words are
      seldom together, and the older ones are asked of the GIN index.
      Reckoning eight common prefixes rare together, the planner read the
      GIN index for the newest interviews too (23 ms, then as much again
      for the older ones), where walking them costs 5 ms at most; with the
      statistics of a smaller archive it read the whole table for them, or
      the whole index of live pieces."""
    if len(terms) == 1:
        return rows(interviews, limit)
    model, using = interviews.model, interviews.db
    with _planned_without(using, *INDEX_ALONE):
        rarest = _reckoned_rarest(model, using, terms)
        if rarest is not None:
            holding = _ids_matching(model, using, rarest, limit=RARE + 1)
    if rarest is not None:
        found = _held(interviews, holding, limit, rows)
        if len(holding) <= RARE:
            return found  # every piece holding the word was checked
        # Reckoned wrong (the beginning of many names, say): the newest
        # RARE + 1 pieces holding it were checked, and the older ones are
        # looked for below the oldest of them (ids are whole numbers).
        boundary = holding[-1] - 1
    else:
        newest_first = (
            model._base_manager.using(using)
            .order_by("-pk")
            .values_list("pk", flat=True)
        )
        boundary = next(iter(newest_first[RECENT : RECENT + 1]), None)
        if boundary is None:
            return rows(interviews, limit)
        with _planned_without(using, *WALK):
            found = rows(interviews.filter(pk__gt=boundary), limit)
    if len(found) < limit:
        # Asking for every word has the index gather each word's whole list
        # first; the newest pieces hardly hold them together, so the older
        # ones will be few.
        with _planned_without(using, *INDEX_ALONE):
            older = _ids_matching(model, using, postgres_query(terms), boundary)
        found += _held(interviews, older, limit - len(found), rows)
    return found


# The GIN index alone (`_ids_matching`), and the planner's reckoning of it
# without JIT: reckoned in most pieces, the words would be worth compiling,
# which EXPLAIN too begins, for 1 to 2 ms.
INDEX_ALONE = ("enable_indexscan", "enable_seqscan", "jit")


def _held(interviews, ids, limit, rows):
    """`rows` of the newest `limit` of `ids` that `interviews` holds (live
    ones, say). In pages as large as a rare word's ids, so that those are
    asked once: in pages of 200, a name in no text but an artist's alias
    took three queries and 21 ms at 10,000, all at once 8 to 11."""
    found = []
    for start in range(0, len(ids), RARE + 1):
        page = interviews.filter(pk__in=ids[start : start + RARE + 1])
        found += rows(page, limit - len(found))
        if len(found) == limit:
            break
    return found


def _ids_matching(model, using, query, boundary=None, limit=None):
    """The ids of the interviews of any kind (up to `boundary`, if given)
    whose text matches `query`, newest first, from the GIN index alone (the
    planner told to neither walk an index nor read the table: INDEX_ALONE).

    Asked of nothing else, since the planner, so told, would still read
    another index whole if it reckoned that cheaper: for "live" (most
    pieces) with the GIN index's estimate of a third of them, it is a close
    call at 100,000, and at 3,000 it read every live piece. The bound is on
    an expression of the id for the same reason: the index of ids would
    do."""
    matches = model._base_manager.using(using).filter(search_vector=query)
    if boundary is not None:
        matches = matches.alias(key=F("pk") + 0).filter(key__lte=boundary)
    return list(matches.order_by("-pk").values_list("pk", flat=True)[:limit])


def _reckoned_rarest(model, using, terms):
    """The query of the word of `terms` that the planner reckons in fewest
    pieces, if it reckons it in RARE or fewer, else None.

    Its reckoning, one EXPLAIN for all the words: from the statistics
    ANALYZE keeps of the vectors' commonest words, a word not among them
    is rare. A word the query leaves out (an English stop word before the
    last, as "the" is) would match nothing alone, so it is reckoned in
    every piece: its part also holds where its query has no words
    (`numnode`), which the planner works out, and finds true, as it
    plans."""
    *before, last = terms
    queries = [stemmed_query([term]) for term in before] + [postgres_query([last])]
    # Written out, not as a union of querysets: Django took 4 to 6 ms to
    # build and compile that, several times the planner's own reckoning.
    words = model._base_manager.using(using).query
    compiler = words.get_compiler(using)
    table = compiler.quote_name_unless_alias(model._meta.db_table)
    parts, params = [], []
    for query in queries:
        sql, query_params = compiler.compile(query.resolve_expression(words))
        parts.append(
            f"(SELECT 1 FROM {table} WHERE search_vector @@ {sql} "
            f"OR numnode({sql}) = 0)"
        )
        params += [*query_params, *query_params]
    with connections[using].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {' UNION ALL '.join(parts)}", params)
        # A json column, which the driver hands over as Python lists.
        ((plan,),) = cursor.fetchone()
    reckoned = [part["Plan Rows"] for part in plan["Plan"].get("Plans", [])]
    if len(reckoned) != len(queries):
        return None  # a plan of another shape than one part a word
    rows, query = min(zip(reckoned, queries, strict=True), key=lambda pair: pair[0])
    # Reckoned alike, the words were not told apart: with no statistics
    # (an archive never analysed, or a vocabulary under the hundred words
    # the planner needs to reckon a prefix), every prefix is given the same
    # share, and the word taken would be no likelier rare than any other.
    return query if rows <= RARE and rows < max(reckoned) else None


@contextmanager
def _planned_without(using, *methods):
    """PostgreSQL's planner told not to use `methods` (enable_indexscan,
    jit...) for the queries within, nor parallel workers, in a transaction
    of their own.

    Without workers: at 100,000 the planner would have them read the parts
    of `_reckoned_rarest`'s plan, gathered under one node, each part's rows
    a worker's share; and starting them costs more than they would save on
    the few pieces each step reads."""
    connection = connections[using]
    nested = connection.in_atomic_block
    settings = dict.fromkeys(methods, "off") | {"max_parallel_workers_per_gather": 0}
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(
            "; ".join(f"SET LOCAL {name} = {value}" for name, value in settings.items())
        )
        yield
        # Within a transaction already (a test's, say), SET LOCAL would
        # last until its end; in a transaction of its own, until the
        # commit, a round trip sooner.
        if nested:
            cursor.execute("; ".join(f"RESET {name}" for name in settings))


def _sqlite_matches(interviews, terms, about_artist, artists):
    """The newest text matches that `interviews` holds, as candidates, in
    id order from the newest: one query of the FTS table joined to them,
    with bm25."""
    connection = connections[interviews.db]
    compiler = interviews.query.get_compiler(connection=connection)
    # What `interviews` asks of a row (live, say), as its own SQL: it
    # names no other table (cards add joins, not conditions).
    where, params = compiler.compile(interviews.query.where)
    table = interviews.model._meta.db_table
    with connection.cursor() as cursor:
        # FTS5 walks its doclists from the newest rowid and stops at the
        # limit; bm25 (lower is better; title counts most, then the
        # standfirst) is computed for those rows only. CROSS JOIN keeps
        # the index first whatever SQLite's statistics say: taken while
        # the archive had three interviews, they made it walk all
        # 100,000 and look each up in the index, for over a minute.
        cursor.execute(
            f"SELECT {table}.id, -bm25({FTS_TABLE}, 10.0, 4.0, 1.0), "
            f"{table}.publish_at FROM {FTS_TABLE} "
            f"CROSS JOIN {table} ON {table}.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND ({where or '1'}) "
            f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s",
            [sqlite_match(terms), *params, CANDIDATES],
        )
        return [
            (pk, _utc(when), pk in artists, rank)
            for pk, rank, when in cursor.fetchall()
        ]


def _utc(value):
    """A time as SQLite hands it to a raw query: UTC, naive or as text."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def estimated_total(matched, oldest, newest):
    """How many interviews match in all, judged by how densely the newest
    ids matched: `matched` candidates among the ids from the oldest
    candidate's (`oldest`) up to the newest id, spread over all ids from the
    first (gaps count as interviews: this is an "about")."""
    return round(newest * matched / max(newest - oldest + 1, 1))


class SearchResults:
    """The interviews of a search, best first, as a sequence that Django's
    paginator pages: the candidates are sorted by their ids, ranks and
    dates, and only the page shown is fetched, with whatever `interviews`
    selects and prefetches.

    Interviews featuring one of `artist_ids` (artists the search found by
    name) come first, then the text's best matches, newest first among
    equals. `total` is how many interviews match in all, `estimated` when it
    is counted roughly beyond the ranked candidates.
    """

    def __init__(self, interviews, text, *, artist_ids=()):
        self.interviews = interviews
        terms = search_terms(text)
        self.ids, self.total, self.estimated = [], 0, False
        if not terms and not artist_ids:
            return
        about_artist = Exists(
            interviews.model.featured_artists.through.objects.filter(
                interview=OuterRef("pk"), artist__in=artist_ids
            )
        )
        # The newest interviews of the artists found, capped like the text's,
        # found from the artists' rows (an artist has few).
        features = interviews.model.featured_artists.through.objects.filter(
            artist__in=artist_ids
        )
        featuring = interviews.filter(pk__in=features.values("interview")).order_by(
            "-pk"
        )[:CANDIDATES]
        artists = dict(featuring.values_list("pk", "publish_at"))
        found = []
        if terms:
            if connections[interviews.db].vendor == "postgresql":
                text_matches = _postgres_matches
            else:
                text_matches = _sqlite_matches
            found = text_matches(interviews, terms, about_artist, artists)
        text_ids = [row[0] for row in found]
        matched = set(text_ids)
        found += [
            (pk, when, True, None) for pk, when in artists.items() if pk not in matched
        ]
        found.sort(
            key=lambda row: (
                row[2],
                row[3] if row[3] is not None else float("-inf"),
                row[1].timestamp() if row[1] else 0,
            ),
            reverse=True,
        )
        self.ids = [row[0] for row in found]
        self.total = len(self.ids)
        if len(text_ids) >= CANDIDATES:
            self.estimated = True
            newest = (
                interviews.model._default_manager.using(interviews.db)
                .order_by("-pk")
                .values_list("pk", flat=True)
                .first()
            )
            estimate = estimated_total(len(text_ids), min(text_ids), newest)
            self.total = max(self.total, estimate)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        # By key, in no order (the ids give it): an ORDER BY could lead the
        # database to walk a whole index to find a handful of rows.
        page = self.interviews.filter(pk__in=ids).order_by()
        found = {interview.pk: interview for interview in page}
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
# A prefix index of each length a query word may have, in characters, up
# to PREFIX_TO. Without one, FTS5 answers a prefix by merging, whole, the
# list of every word it begins before it can stop at the newest matches:
# "dance"* took 54 ms at 100,000 interviews where most hold both "dance"
# and "danced", and 노래* (노래, 노래를, 노래가...) 12 more than 노래를; from
# its index, a prefix costs what a word does. Longer words seldom begin
# several common ones. (The index of two characters serves Hangul alone: a
# Latin word of two letters matches whole.) The index grows by three
# quarters (to 790 MB at 100,000 interviews, a tenth of them in Korean).
PREFIX_TO = 12
PREFIX_LENGTHS = range(min(PREFIX_FROM, HANGUL_PREFIX_FROM), PREFIX_TO + 1)
SQLITE_TABLE = f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
    title, standfirst, search_document,
    content='interviews_interview', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='{" ".join(str(n) for n in PREFIX_LENGTHS)}')"""


def install_search_index(using="default"):
    """On SQLite, create the FTS table and its triggers if they are missing;
    idempotent, and cheap when all is there.

    It runs after every `migrate`: Django alters an SQLite table by
    rebuilding it, which drops the table's triggers. When one was missing
    (or the table or a trigger is of an older definition), they are made
    again and the FTS table rebuilt from the interviews, since it may have
    missed changes.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE name = %s "
            "OR (type = 'trigger' AND tbl_name = 'interviews_interview')",
            [FTS_TABLE],
        )
        present = dict(cursor.fetchall())
        wanted = {FTS_TABLE: SQLITE_TABLE, **SQLITE_TRIGGERS}
        if all(present.get(name) == sql for name, sql in wanted.items()):
            return
        if present.get(FTS_TABLE) != SQLITE_TABLE:
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
            cursor.execute(SQLITE_TABLE)
        for name, sql in SQLITE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(sql)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
