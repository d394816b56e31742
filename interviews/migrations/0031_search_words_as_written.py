"""PostgreSQL's search vector also holds every word as written, so that a
prefix running past a word's English stem ("performan" of "performances",
stored as "perform") still finds it: the vectors are made again. SQLite's
FTS table indexes words as written already (the column stays empty
there)."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations


def index_words(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from interviews.search import refresh_search_vectors

    Interview = apps.get_model("interviews", "Interview")
    refresh_search_vectors(Interview.objects.using(schema_editor.connection.alias))


def index_stems_only(apps, schema_editor):
    """The vector as migration 0012 made it, for the code before this."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Interview = apps.get_model("interviews", "Interview")
    Interview.objects.using(schema_editor.connection.alias).update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector("standfirst", weight="B", config="english")
        + SearchVector("search_document", weight="C", config="english")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("interviews", "0030_credit_contributor_pieces"),
    ]

    operations = [migrations.RunPython(index_words, index_stems_only)]
