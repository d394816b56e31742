"""The PostgreSQL full-text index, declared here rather than made after every
`migrate`. Databases that already have it keep it; SQLite's FTS table is
made after `migrate` (see interviews.search.install_search_index)."""

from django.db import migrations


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from interviews.search import add_postgres_index

    add_postgres_index(apps.get_model("interviews", "Interview"), schema_editor)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from interviews.search import POSTGRES_INDEX

    schema_editor.remove_index(apps.get_model("interviews", "Interview"), POSTGRES_INDEX)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0010_alter_credit_contributor_delete_contributor")]

    operations = [migrations.RunPython(add_index, remove_index)]
