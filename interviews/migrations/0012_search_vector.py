"""PostgreSQL keeps each interview's search vector stored and indexed, so a
search ranks stored vectors instead of computing one over every matching
body: the vectors are filled here and the GIN index moves from the
expression to the column. SQLite keeps its FTS table (the column stays
empty there)."""

import django.contrib.postgres.search
from django.db import migrations


def index_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from interviews.search import add_postgres_index, refresh_search_vectors

    Interview = apps.get_model("interviews", "Interview")
    refresh_search_vectors(Interview.objects.using(schema_editor.connection.alias))
    add_postgres_index(Interview, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0011_rendered_html'),
    ]

    operations = [
        migrations.AddField(
            model_name='interview',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_vectors, migrations.RunPython.noop),
    ]
