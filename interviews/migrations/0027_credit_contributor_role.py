from django.db import migrations, models


class Migration(migrations.Migration):
    """A contributor's credits by role, so the admin's list of contributors
    counts each role from the index alone rather than reading every credit
    (266,000 at 100,000 interviews)."""

    dependencies = [
        ("interviews", "0026_indexes_pages_read_from"),
        ("people", "0003_edit_version"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="credit",
            index=models.Index(
                fields=["contributor", "role"], name="credit_contributor_role"
            ),
        ),
    ]
