"""Photo credits point to contributors in their new app, people. The
column and its foreign key stay as they are: only the state moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0001_initial'),
        ('photos', '0002_change_public_photo'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='photo',
                    name='credit',
                    field=models.ForeignKey(blank=True, help_text='The photographer, agency or broadcaster credited, as a contributor.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='photos', to='people.contributor', verbose_name='credit'),
                ),
            ],
            database_operations=[],
        ),
    ]
