"""Contributors now live in the people app (see people/migrations/0001):
credits point there, and this app forgets the model but not its table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0009_tag_slugs'),
        ('people', '0001_initial'),
        ('photos', '0003_alter_photo_credit'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='credit',
                    name='contributor',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='credits', to='people.contributor', verbose_name='contributor'),
                ),
                migrations.DeleteModel(
                    name='Contributor',
                ),
            ],
            database_operations=[],
        ),
    ]
