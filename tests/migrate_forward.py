"""Run as a script against an empty database (DATABASE_URL): build the
schema as it was before contributors moved to the people app, fill it as the
old code would have (content, credits, photos, comments, permissions), then
`migrate` to today and print what survived, as JSON, for
tests/test_migrate.py to compare."""

import json

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.utils import timezone  # noqa: E402

# The last migrations before the move.
BEFORE = {
    "artists": "0003_public_profiles",
    "interviews": "0009_tag_slugs",
    "photos": "0002_change_public_photo",
    "comments": "0001_initial",
}
# Apps that came after the move.
NEW_APPS = {"people", "releases"}


def migrate_to_before():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    targets = [
        (app, BEFORE.get(app, name)) for app, name in leaves if app not in NEW_APPS
    ]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def fill(apps):
    """What a site had: the rows the old code made, and what Django made
    after its migrate (content types, permissions, a writer's group)."""
    get = apps.get_model
    ContentType, Permission = (
        get("contenttypes", "ContentType"),
        get("auth", "Permission"),
    )
    contributor_type = ContentType.objects.create(
        app_label="interviews", model="contributor"
    )
    add = Permission.objects.create(
        content_type=contributor_type, codename="add_contributor", name="Can add"
    )
    writer = get("auth", "Group").objects.create(name="Writer")
    writer.permissions.add(add)
    user = get("auth", "User").objects.create(
        username="old-editor", password=make_password(None), is_staff=True
    )
    get("admin", "LogEntry").objects.create(
        user=user,
        content_type=contributor_type,
        object_id="1",
        object_repr="Jiyoung Lee",
        action_flag=2,
        change_message="Changed bio.",
        action_time=timezone.now(),
    )

    artist = get("artists", "Artist").objects.create(
        name="Soseo", slug="soseo", kind="soloist", name_key="soseo"
    )
    get("artists", "Alias").objects.create(
        artist=artist, name="SHUUU", kind="former_name", key="shuuu"
    )
    person = get("interviews", "Contributor").objects.create(
        name="Jiyoung Lee", slug="jiyoung-lee", name_key="jiyounglee", bio="Writer."
    )
    agency = get("interviews", "Contributor").objects.create(
        name="Starlight", slug="starlight", name_key="starlight", kind="organisation"
    )
    photo = get("photos", "Photo").objects.create(
        original="photos/a/b.jpg",
        width=800,
        height=500,
        rendition_widths=[400, 800],
        alt_text="Soseo on stage",
        credit=agency,
    )
    interview = get("interviews", "Interview").objects.create(
        title="Soseo speaks",
        slug="soseo-speaks",
        body="Words.",
        status="published",
        publish_at=timezone.now(),
        lead_photo=photo,
    )
    interview.featured_artists.add(artist)
    get("interviews", "Credit").objects.create(
        interview=interview, contributor=person, role="interviewer"
    )
    get("interviews", "QAItem").objects.create(
        interview=interview, position=1, question="Why?", answer="Because."
    )
    tag = get("taggit", "Tag").objects.create(name="kindie", slug="kindie")
    get("interviews", "TaggedInterview").objects.create(
        content_object=interview, tag=tag
    )
    get("comments", "Comment").objects.create(
        interview=interview,
        name="Mina",
        email="mina@example.com",
        text="Lovely.",
        status="approved",
    )


def survivors():
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag

    from artists.models import Artist
    from comments.models import Comment
    from interviews.models import Credit, Interview
    from people.models import Contributor
    from photos.models import Photo

    interview = Interview.objects.get(slug="soseo-speaks")
    entry = LogEntry.objects.get()
    return {
        "contributors": sorted(Contributor.objects.values_list("slug", flat=True)),
        "credit": [
            [credit.contributor.slug, credit.role]
            for credit in Credit.objects.select_related("contributor")
        ],
        "photo_credit": Photo.objects.get().credit.slug,
        "lead_photo_credit": interview.lead_photo.credit.name,
        "artists": list(interview.featured_artists.values_list("slug", flat=True)),
        "aliases": list(
            interview.featured_artists.get().aliases.values_list("name", flat=True)
        ),
        "qa_items": interview.qa_items.count(),
        "tags": list(Tag.objects.values_list("name", flat=True)),
        "comments": list(Comment.objects.values_list("name", "interview__slug")),
        "live": list(Interview.objects.live().values_list("slug", flat=True)),
        "public": sorted(
            [artist.slug for artist in Artist.objects.public()]
            + [contributor.slug for contributor in Contributor.objects.public()]
        ),
        "old_content_types": ContentType.objects.filter(
            app_label="interviews", model="contributor"
        ).count(),
        "history_points_to": [
            entry.content_type.app_label,
            entry.content_type.model,
            entry.object_repr,
        ],
        "writer_may": sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name="Writer").permissions.all()
            if p.content_type.model == "contributor"
        ),
    }


fill(migrate_to_before())
call_command("migrate", verbosity=0)
print(json.dumps(survivors()))
