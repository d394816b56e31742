"""Every key an artist is found by, in one column of its own row, so that a
search reads the artists table alone rather than every alias and spelling
too: filled here for the artists there are, then kept by the app (as
interviews' 0012 fills its search vectors, with the app's own function)."""

from django.db import migrations, models


def gather_keys(apps, schema_editor):
    from artists.models import refresh_search_keys

    Artist = apps.get_model("artists", "Artist")
    db = schema_editor.connection.alias
    refresh_search_keys(Artist.objects.using(db).values_list("pk", flat=True))


class Migration(migrations.Migration):

    dependencies = [
        ('artists', '0009_agency_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='artist',
            name='search_keys',
            field=models.TextField(default='', editable=False),
        ),
        migrations.RunPython(gather_keys, migrations.RunPython.noop),
    ]
