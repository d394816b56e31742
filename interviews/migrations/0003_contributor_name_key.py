from django.db import migrations, models


def fold_names(apps, schema_editor):
    from core.names import name_key

    Contributor = apps.get_model("interviews", "Contributor")
    for contributor in Contributor.objects.all():
        contributor.name_key = name_key(contributor.name) or f"#{contributor.pk}"
        contributor.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0002_search_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="contributor",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(fold_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contributor",
            name="name_key",
            field=models.CharField(editable=False, max_length=200, unique=True),
        ),
    ]
