from django.db import migrations, models


class Migration(migrations.Migration):
    """A tag's index of its rows holds the interview each names, so a
    topic's pieces are found, counted and sorted without reading the tag's
    rows. The new index is made before the old one goes."""

    dependencies = [
        ("interviews", "0026_liveness_index_orders"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="taggedinterview",
            index=models.Index(
                fields=["tag", "-id", "content_object"],
                name="tagged_interview_newest_pieces",
            ),
        ),
        migrations.RemoveIndex(
            model_name="taggedinterview",
            name="tagged_interview_newest",
        ),
    ]
