"""Contributors move here from the interviews app, table and rows included.

Only Django's idea of the model moves: the table `interviews_contributor`,
made by the interviews migrations, stays as it is (`db_table`), so a
database made before the move keeps every contributor, credit and photo
credit. The content type (and with it the permissions and the admin's
history of contributors) is renamed to this app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(
        app_label="people", model="contributor"
    ).exists():
        ContentType.objects.using(db).filter(
            app_label="interviews", model="contributor"
        ).update(app_label="people")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(
        app_label="people", model="contributor"
    ).update(app_label="interviews")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        # The table this model takes over, as the interviews app left it.
        ("interviews", "0009_tag_slugs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Contributor",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("slug", models.SlugField(max_length=200, unique=True, verbose_name="slug")),
                        ("kind", models.CharField(choices=[("person", "Person"), ("organisation", "Organisation")], default="person", max_length=20, verbose_name="kind")),
                        ("bio", models.TextField(blank=True, verbose_name="bio")),
                        ("is_public", models.BooleanField(default=False, help_text="Show the contributor's page before anything credits them. A contributor credited on live content is public anyway.", verbose_name="page public")),
                        ("name_key", models.CharField(editable=False, max_length=200, unique=True)),
                        ("user", models.OneToOneField(blank=True, help_text="The staff account of a contributor who works in this admin.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="contributor", to=settings.AUTH_USER_MODEL, verbose_name="staff user")),
                    ],
                    options={
                        "verbose_name": "contributor",
                        "verbose_name_plural": "contributors",
                        "db_table": "interviews_contributor",
                        "ordering": ["name"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
