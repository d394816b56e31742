"""Search that understands the magazine's names, and survives any input."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews import search as search_module
from interviews.choices import InterviewStatus
from interviews.models import Interview
from interviews.search import (
    FTS_TABLE,
    POSTGRES_INDEX,
    SQLITE_TABLE,
    install_search_index,
    postgres_candidates,
    refresh_search_vectors,
)

from .factories import make_interview
from .planner import (
    postgres_index_definition,
    sqlite_plan,
    sqlite_statistics_as_if,
)

SEJEONG_PIECES = {
    "kim-se-jeong-reveals-goals-for-im-album",
    "kim-sejeong-talks-first-full-length-album-door",
}


def search(client, query, **params):
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def results(response):
    artists = {artist.slug for artist in response.context.get("artists", [])}
    interviews = [i.slug for i in response.context.get("interviews", [])]
    return artists, interviews


@pytest.mark.parametrize("query", ["Kim Se Jeong", "kim sejeong", "Sejeong", "김세정"])
def test_every_spelling_finds_kim_sejeong_and_her_interviews(archive, client, query):
    artists, interviews = results(search(client, query))
    assert artists == {"kim-sejeong"}
    assert set(interviews) == SEJEONG_PIECES


def test_a_former_name_finds_soseo(archive, client):
    artists, interviews = results(search(client, "SHUUU"))
    assert artists == {"soseo"}
    assert interviews == ["kcrush-interview-with-soseo"]


def test_words_of_the_text_and_of_the_answers_are_found(archive, client):
    assert results(search(client, "Produce 101"))[1] == [
        "kim-sejeong-talks-first-full-length-album-door"
    ]
    # "pizza" is only in one of Soseo's answers.
    assert results(search(client, "pizza"))[1] == ["kcrush-interview-with-soseo"]
    # Prefixes match as readers type.
    assert results(search(client, "izakay"))[1] == ["kcrush-interview-with-soseo"]


def test_a_title_match_ranks_before_a_body_match(db, client):
    make_interview(
        "Ordinary chat", status=InterviewStatus.PUBLISHED, body="Mentions Whale once."
    )
    make_interview(
        "Whale, the song", status=InterviewStatus.PUBLISHED, body="About a song."
    )
    assert results(search(client, "whale"))[1] == ["whale-the-song", "ordinary-chat"]


def test_a_title_match_of_every_word_ranks_before_a_newer_body_match(db, client):
    """Ranked, not merely dated: the title match is the older piece. On
    PostgreSQL the words are stored as written beside their stems
    ("performances" beside "perform"); ranked with the stems, they put the
    body match first (0.74 against 0.28), so no stem's query reads them."""
    now = timezone.now()
    make_interview(
        "The year in performances",
        status=InterviewStatus.PUBLISHED,
        publish_at=now - timedelta(days=1),
        body="Looking back.",
    )
    make_interview(
        "Notes",
        status=InterviewStatus.PUBLISHED,
        publish_at=now,
        body="Performances of the year. The year of performances. "
        "Performances this year.",
    )
    found = results(search(client, "performances year"))[1]
    assert found == ["the-year-in-performances", "notes"]


def test_results_come_a_page_at_a_time(db, client):
    for index in range(23):
        make_interview(f"Paged piece {index}", status=InterviewStatus.PUBLISHED)
    first = search(client, "paged")
    assert len(first.context["interviews"]) == 10
    assert first.context["paginator"].count == 23
    last = search(client, "paged", page=3)
    assert len(last.context["interviews"]) == 3
    for odd in ["0", "-4", "abc", "99999999999999999999"]:
        assert search(client, "paged", page=odd).context["interviews"]


@pytest.mark.parametrize(
    "query",
    [
        "x" * 201,
        '"',
        "'\"",
        "%",
        "%%_",
        "&|!:*()",
        "ㄱ",
        "ㅏㅓㅗ",
        "NEAR(a b)",
        "title:kim",
        "a AND OR NOT",
        "]]></script>",
    ],
)
def test_odd_queries_get_a_normal_page(archive, client, query):
    response = search(client, query)
    assert "<h1>Search</h1>" in response.content.decode()


def test_a_query_over_200_characters_is_refused_politely(archive, client):
    response = search(client, "k" * 201)
    assert "at most 200 characters" in response.content.decode()
    assert "interviews" not in response.context


def test_the_search_box_keeps_the_query_and_says_why_one_is_refused(db, client):
    html = search(client, "seventeen").content.decode()
    assert 'class="search-form"' in html
    assert 'value="seventeen"' in html
    assert "aria-invalid" not in html

    html = search(client, "k" * 201).content.decode()
    assert 'aria-invalid="true" aria-describedby="search-error"' in html
    assert 'id="search-error">Ensure this value has at most 200 characters' in html


def test_the_text_index_is_the_databases_own(archive):
    """PostgreSQL answers from its GIN index, SQLite from its FTS5 table:
    neither reads every body."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            assert "USING gin" in postgres_index_definition(POSTGRES_INDEX.name)
            # Reading the table, or walking it by id, would do as well for
            # three interviews: forbidden both, the planner must show the
            # GIN index can answer.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_indexscan = off")
            matches = postgres_candidates(
                Interview.objects.all(), ["sejeong"], Value(False)
            )
            sql, params = matches.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert POSTGRES_INDEX.name in plan, plan
        else:
            # Whatever SQLite's statistics say: going by those of an archive
            # of three, it walked every interview and looked each up in the
            # text index (over a minute at 100,000).
            sqlite_statistics_as_if(Interview, 3)
            with CaptureQueriesContext(connection) as queries:
                found = Interview.objects.live().search("pizza")
            soseo = Interview.objects.get(slug="kcrush-interview-with-soseo")
            assert found.ids == [soseo.pk]
            (matching,) = [q["sql"] for q in queries if " MATCH " in q["sql"]]
            first_step = sqlite_plan(matching)[0]
            assert first_step.startswith(f"SCAN {FTS_TABLE} VIRTUAL TABLE")


def seldom_together(monkeypatch):
    """Pieces holding "alpha" and "beta": the newest of them among the two
    newest pieces (RECENT, made 2), the three others and a draft older
    than those; the pieces between hold "alpha" alone."""
    monkeypatch.setattr(search_module, "RECENT", 2)
    now = timezone.now()
    for days, body, status in [
        (6, "Alpha and beta.", InterviewStatus.PUBLISHED),
        (5, "Alpha and beta.", InterviewStatus.PUBLISHED),
        (4, "Alpha and beta.", InterviewStatus.PUBLISHED),
        (4, "Alpha and beta, a draft.", InterviewStatus.DRAFT),
        (3, "Alpha alone.", InterviewStatus.PUBLISHED),
        (2, "Alpha and beta.", InterviewStatus.PUBLISHED),
        (1, "Alpha alone.", InterviewStatus.PUBLISHED),
    ]:
        make_interview(
            f"Piece {days} {status}",
            status=status,
            publish_at=now - timedelta(days=days),
            body=body,
        )


# The published pieces of `seldom_together` that hold both words, newest first.
BOTH_WORDS = [
    "piece-2-published",
    "piece-4-published",
    "piece-5-published",
    "piece-6-published",
]


def test_words_seldom_together_are_found_in_older_pieces(db, client, monkeypatch):
    """PostgreSQL reads the newest pieces first for a query of several
    words, then asks its index for older ones: those and the newest are
    all found, once each, in order."""
    seldom_together(monkeypatch)
    response = search(client, "alpha beta")
    assert results(response)[1] == BOTH_WORDS
    assert response.context["paginator"].count == 4


@pytest.mark.parametrize("rare", [1000, 1])
def test_older_matches_are_found_whichever_word_the_index_is_asked_for(
    db, client, monkeypatch, rare
):
    """The GIN index is asked for the word the planner reckons rarest, if
    rare: a stop word ("and"), which PostgreSQL's query leaves out, is
    never it (alone it would match nothing), and for a word more common
    than reckoned (RARE, made 1) the index is asked for every word after
    all."""
    seldom_together(monkeypatch)
    monkeypatch.setattr(search_module, "RARE", rare)
    for query in ["alpha and beta", "and alpha beta", "alpha beta"]:
        assert results(search(client, query))[1] == BOTH_WORDS, query


def test_a_word_reckoned_rare_that_is_not_still_finds_every_match(
    db, client, monkeypatch
):
    """Should the planner reckon a word rare that is common (the beginning
    of many names, say), the newest pieces holding it (RARE + 1) are
    checked for the other words, and the older matches looked for below
    them: all found, once each, in order, and the draft left out."""
    seldom_together(monkeypatch)
    monkeypatch.setattr(search_module, "RARE", 2)
    monkeypatch.setattr(
        search_module,
        "_reckoned_rarest",
        lambda model, using, terms: search_module.stemmed_query(["alpha"]),
    )
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "alpha beta")
    assert results(response)[1] == BOTH_WORDS
    if connection.vendor == "postgresql":
        # Not the newest pieces walked: the walk begins by asking where
        # the newest RECENT pieces begin.
        assert not [q for q in queries if "OFFSET" in q["sql"]]


def test_older_matches_readers_may_not_see_take_no_place(db, monkeypatch):
    """Of the older matches the index finds, those readers may see take the
    places left: a draft among them takes none."""
    seldom_together(monkeypatch)
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    found = Interview.objects.live().search("alpha beta")
    ranked = Interview.objects.in_bulk(found.ids)
    assert [ranked[pk].slug for pk in found.ids] == [
        "piece-2-published",
        "piece-4-published",
        "piece-5-published",
    ]


# Words every piece holds: the planner reckons how many pieces a prefix
# matches only from a hundred common words on (PostgreSQL's ts_selfuncs.c).
VOCABULARY = " ".join(f"word{number}" for number in range(100))


@pytest.fixture
def stage_and_song(db):
    """3,000 pieces, "on stage" all but a tenth, which sing (노래를) in
    Korean, as the planner's statistics have them."""
    now = timezone.now()
    Interview.objects.bulk_create(
        Interview(
            title=f"Piece {number}",
            slug=f"piece-{number}",
            status=InterviewStatus.PUBLISHED,
            publish_at=now - timedelta(hours=number),
            body=(
                text := ("노래를 불렀다. " if number % 10 == 0 else "On stage. ")
                + VOCABULARY
            ),
            search_document=text,
        )
        for number in range(3000)
    )
    refresh_search_vectors(Interview.objects.all())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE interviews_interview")


def test_words_seldom_together_are_not_looked_for_piece_by_piece(stage_and_song):
    """The planner multiplies the shares of a query's words as if they were
    independent. At 3,000 pieces, a tenth in Korean, it reckoned 노래 and
    "stage" together in a tenth of them and read every piece to find none;
    at 100,000 it walked them all, for 490 ms. PostgreSQL walks the newest
    RECENT pieces alone and asks its GIN index for the older ones, for the
    readers' search and the editors' list; SQLite's text index answers in
    one query."""
    if connection.vendor == "sqlite":
        with CaptureQueriesContext(connection) as queries:
            assert Interview.objects.live().search("노래 stage").ids == []
        assert len([q for q in queries if " MATCH " in q["sql"]]) == 1
        return
    for find in (
        lambda: Interview.objects.live().search("노래 stage").ids,
        lambda: list(Interview.objects.matching("노래 stage", newest=200)),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert find() == []
        plans = postgres_plans_of(queries, "@@")
        assert plans
        for plan in plans:
            # The newest pieces from the newest id down to a bound, or
            # pieces the GIN index named, or the GIN index: never every
            # piece, by id or by the table.
            assert "Seq Scan" not in plan, plan
            walk = "Index Scan Backward using interviews_interview_pkey"
            if walk in plan:
                assert re.search(r"Index Cond: \(id (>|= ANY) ", plan), plan
            else:
                assert f"Bitmap Index Scan on {POSTGRES_INDEX.name}" in plan


@pytest.fixture(params=["as set", "made to plan for workers"])
def planner(request, db):
    """PostgreSQL's planner as set, and made to plan for parallel workers
    wherever it may, as it chooses to for a large archive: the steps of a
    search are planned without them all the same."""
    if request.param == "as set" or connection.vendor != "postgresql":
        yield
        return
    # Named so from PostgreSQL 16 on.
    setting = (
        "debug_parallel_query"
        if connection.pg_version >= 160000
        else "force_parallel_mode"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SET {setting} = on")
        yield
        cursor.execute(f"RESET {setting}")


def test_a_word_in_no_piece_is_looked_up_alone(stage_and_song, planner):
    """Asked for all the words of a query, the GIN index gathers each
    word's whole list first: a typo beside seven common words took 26 to
    29 ms at 100,000 to find nothing. And walking the newest pieces first,
    a typo or a name beside common words read RECENT of them to find next
    to nothing. The planner reckons the typo rare, and the pieces are
    asked for it alone, without a walk."""
    for query in ["stage xqzvtypo", "xqzvtypo stage", "stage xqzvtypo stage"]:
        with CaptureQueriesContext(connection) as queries:
            assert Interview.objects.live().search(query).ids == []
        if connection.vendor == "sqlite":
            continue
        sqls = [q["sql"] for q in queries if not q["sql"].startswith("EXPLAIN")]
        # The GIN index's own steps ask of nothing but the text.
        indexed = [sql for sql in sqls if "@@" in sql and '"status"' not in sql]
        assert len(indexed) == 1, indexed
        assert "xqzvtypo" in indexed[0] and "stage" not in indexed[0]
        # The walk begins by asking where the newest RECENT pieces begin.
        assert not [sql for sql in sqls if "OFFSET" in sql], sqls


def postgres_plans_of(queries, holding):
    """PostgreSQL's plans of the captured `queries` whose SQL holds
    `holding` (EXPLAINs of their own aside), each made with the planner's
    settings (SET LOCAL) that stood when it ran."""
    plans, told = [], []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if sql.startswith("SET LOCAL"):
                told.append(sql)
            elif sql.startswith("RESET"):
                told = []
            elif holding in sql and not sql.startswith("EXPLAIN"):
                for setting in told:
                    cursor.execute(setting)
                cursor.execute(f"EXPLAIN {sql}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
                cursor.execute("RESET ALL")
    return plans


def test_the_index_follows_edits_to_answers(db, client):
    interview = make_interview(
        "Q and A piece", status=InterviewStatus.PUBLISHED, body=""
    )
    item = interview.qa_items.create(position=1, question="Q?", answer="Marzipan")
    assert results(search(client, "marzipan"))[1] == ["q-and-a-piece"]
    item.answer = "Nougat"
    item.save()
    assert results(search(client, "marzipan"))[1] == []
    assert results(search(client, "nougat"))[1] == ["q-and-a-piece"]
    item.delete()
    assert results(search(client, "nougat"))[1] == []


@pytest.mark.parametrize("length", range(3, 14))
def test_a_word_finds_the_longer_words_it_begins(db, client, length):
    """Each length of prefix a query word can be (SQLite keeps an index of
    each up to PREFIX_TO letters, and merges beyond it) finds the piece,
    on PostgreSQL too where the prefix runs past the word's English stem:
    "performances" is stored as "perform", which "performan" does not
    begin."""
    make_interview(
        "Stage talk",
        status=InterviewStatus.PUBLISHED,
        body="Their choreographers rehearsed the performances, dancing.",
    )
    for word in ("choreographers", "rehearsed", "performances", "dancing"):
        assert results(search(client, word[:length]))[1] == ["stage-talk"], word


def test_a_query_is_matched_on_its_first_eight_words(db, client):
    """Every word must match, up to eight of them: ranking costs SQLite a
    read of each word's whole list, so the words after are left out, and a
    long query finds what its first eight do."""
    words = [f"word{chr(ord('a') + n)}" for n in range(15)]
    make_interview(
        "Many words", status=InterviewStatus.PUBLISHED, body=" ".join(words[:8])
    )
    assert results(search(client, " ".join(words)))[1] == ["many-words"]
    assert results(search(client, " ".join(["absent", *words[:7]])))[1] == []


def test_a_search_table_of_an_older_definition_is_made_again(db, client):
    """SQLite's text index is remade, with the interviews' text, at the
    `migrate` after its definition changes (as when prefix indexes were
    added). PostgreSQL's is the GIN index of a column: no table is made."""
    make_interview(
        "Whale, the song", status=InterviewStatus.PUBLISHED, body="About a song."
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            install_search_index()
            tables = connection.introspection.table_names(cursor)
            assert FTS_TABLE not in tables
            return
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(re.sub(r"prefix='[\d ]+'", "prefix='3 4'", SQLITE_TABLE))
        install_search_index()
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        assert cursor.fetchone()[0] == SQLITE_TABLE
    assert results(search(client, "whal"))[1] == ["whale-the-song"]
