import django.db.models.deletion
from django.db import migrations, models

# The name Django gave the field's index (0001_initial).
FIELD_INDEX = "interviews_interview_version_of_id_edf3c8b7"


class Migration(migrations.Migration):
    """An original's versions are found from an index of the few interviews
    that are versions, rather than from one of every interview, most of
    whose keys are empty: SQLite judged that one useless, and asked before
    an interview was deleted whether it had versions by walking the whole
    table (0.5 to 9 s at 100,000 interviews).

    The field's own index is dropped by name rather than by altering the
    field, which SQLite does by copying the whole table."""

    dependencies = [
        ("interviews", "0027_credit_contributor_role"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{FIELD_INDEX}"',
                    f'CREATE INDEX "{FIELD_INDEX}" '
                    'ON "interviews_interview" ("version_of_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="interview",
                    name="version_of",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text=(
                            "The original this interview is a version of, in another "
                            "language (an English translation of a Korean original, "
                            "say). Leave empty on the original itself."
                        ),
                        null=True,
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="language_versions",
                        to="interviews.interview",
                        verbose_name="version of",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="interview",
            index=models.Index(
                condition=models.Q(("version_of__isnull", False)),
                fields=["version_of"],
                name="interview_versions",
            ),
        ),
    ]
