from django.db import migrations, models


class Migration(migrations.Migration):
    """The liveness index carries the site's order too, so a topic, an
    artist or a contributor sorts its live interviews without reading their
    rows. The new index is made before the old one goes."""

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
        migrations.RemoveIndex(
            model_name="interview",
            name="interview_liveness",
        ),
    ]
