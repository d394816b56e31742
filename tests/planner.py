"""What the planners read. SQLite's told a table's size, whatever the table
holds: it plans by the statistics of the last ANALYZE, which may have been
taken when the archive was far smaller or far larger than the test's.
PostgreSQL's indexes, as the database defines them."""

from django.db import connection


def sqlite_statistics_as_if(model, rows):
    """The statistics of `model`'s table as ANALYZE would find them if its
    rows were `rows` of the same kind, read again by the planner."""
    table = model._meta.db_table
    held = model._base_manager.count()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        for index, stat in cursor.fetchall():
            # The row count, and each index's rows per key where every row
            # has the same key (as every `version_of` is empty).
            told = [str(rows) if int(n) == held else n for n in stat.split()]
            cursor.execute(
                "UPDATE sqlite_stat1 SET stat = %s WHERE tbl = %s AND idx = %s",
                [" ".join(told), table, index],
            )
        cursor.execute("ANALYZE sqlite_schema")


def postgres_index_definition(name):
    """PostgreSQL's CREATE INDEX statement for the index called `name`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        (definition,) = cursor.fetchone()
    return definition


def sqlite_plan(sql):
    """The steps of SQLite's plan for `sql`, in order (EXPLAIN QUERY PLAN)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [str(row[-1]) for row in cursor.fetchall()]
