"""Give every existing tag a usable slug: a tag made of emoji or punctuation
was saved with an empty one, which has no URL."""

from django.db import migrations


def give_slugs(apps, schema_editor):
    from interviews.tags import free_slug, tag_slug

    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = free_slug(Tag, tag_slug(tag.name) or "tag", exclude_pk=tag.pk)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0008_public_contributors"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_slugs, migrations.RunPython.noop)]
