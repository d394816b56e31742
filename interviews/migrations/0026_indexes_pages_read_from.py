from django.db import migrations, models


class Migration(migrations.Migration):
    """The indexes a topic, an artist or a contributor page reads its pieces
    from hold all it reads: the liveness index the site's order, so live
    pieces are sorted without reading their rows; a tag's index the
    interview each row names, so a topic's pieces are found and counted
    without reading the tag's rows. Each new index is made before the one
    it replaces goes."""

    dependencies = [
        ("interviews", "0025_language_versions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="interview",
            index=models.Index(
                fields=["id", "status", "publish_at", "created_at"],
                name="interview_liveness_order",
            ),
        ),
        migrations.RemoveIndex(model_name="interview", name="interview_liveness"),
        migrations.AddIndex(
            model_name="taggedinterview",
            index=models.Index(
                fields=["tag", "-id", "content_object"],
                name="tagged_interview_newest_pieces",
            ),
        ),
        migrations.RemoveIndex(
            model_name="taggedinterview", name="tagged_interview_newest"
        ),
    ]
