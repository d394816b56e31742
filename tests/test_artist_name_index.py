"""The artists' name keys are matched from an index on PostgreSQL (a
trigram index, artists migration 0011), which the magazine does without
where pg_trgm cannot be installed."""

import importlib
import logging
from types import SimpleNamespace

from django.db import DatabaseError, connection

from artists.models import Artist

from .factories import make_artist
from .planner import postgres_index_definition

TRIGRAM_INDEX = importlib.import_module(
    "artists.migrations.0011_search_keys_trigram_index"
)


def test_a_name_is_matched_by_any_part_and_from_the_index(db):
    """Any part of a name of three letters or more finds the artist; on
    PostgreSQL the trigram index can answer that, where SQLite reads its
    artists (a few thousand rows)."""
    sejeong = make_artist("Kim Sejeong", hangul_name="김세정", is_public=True)
    make_artist("Soseo", is_public=True)
    for part in ["sejeong", "mseje", "세정"]:
        assert list(Artist.objects.matching(part)) == [sejeong], part
    if connection.vendor != "postgresql":
        return
    definition = postgres_index_definition(TRIGRAM_INDEX.INDEX)
    assert "gin_trgm_ops" in definition and "fastupdate=off" in definition
    with connection.cursor() as cursor:
        # Reading two artists would do as well: forbidden to, the planner
        # must show the index can answer.
        cursor.execute("SET enable_seqscan = off")
        sql, params = Artist.objects.matching("sejeong").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert TRIGRAM_INDEX.INDEX in plan, plan


def test_without_pg_trgm_the_migration_goes_on_without_the_index(db, caplog):
    """A database where the extension cannot be installed (a role that may
    not, a server without the contrib modules) is migrated all the same,
    without the index, and the migration says why."""
    executed = []

    class SchemaEditor:
        connection = SimpleNamespace(vendor="postgresql", alias=connection.alias)

        def execute(self, sql):
            if "EXTENSION" in sql:
                raise DatabaseError('permission denied to create extension "pg_trgm"')
            executed.append(sql)

    with caplog.at_level(logging.WARNING):
        TRIGRAM_INDEX.add_index(None, SchemaEditor())
    assert executed == []
    assert "permission denied" in caplog.text
    assert "matched without an index" in caplog.text
