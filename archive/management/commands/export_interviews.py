import datetime
import json
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from taggit.models import Tag

from archive.formats import markdown
from artists.models import Agency, Alias, Artist, ArtistLink, Membership
from interviews.models import Contributor, Credit, Interview, QAItem, TaggedInterview

PEOPLE_FILE = "people.json"
ARCHIVE_FILE = "archive.json"


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (its own drops
    them to milliseconds, and an export must give back what it took)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def serialize(querysets):
    objects = [obj for queryset in querysets for obj in queryset]
    data = serializers.serialize(
        "python",
        objects,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    return json.dumps(data, cls=LosslessEncoder, indent=2, ensure_ascii=False)


class Command(BaseCommand):
    help = (
        "Write the live archive (or --all interviews) to DIR: as Markdown, one "
        "file per interview plus people.json with the artists and contributors; "
        "or as one JSON fixture. import_interviews reads either back."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument("--format", choices=["markdown", "json"], required=True)
        parser.add_argument(
            "--all", action="store_true", help="every interview, not only live ones"
        )

    def handle(self, *args, directory, format, all, **options):
        target = Path(directory)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target}: not a folder")
        target.mkdir(parents=True, exist_ok=True)
        interviews = Interview.objects.all() if all else Interview.objects.live()
        interviews = interviews.order_by("slug")
        people = [
            Agency.objects.all(),
            Artist.objects.all(),
            Alias.objects.all(),
            ArtistLink.objects.all(),
            Membership.objects.all(),
            Contributor.objects.all(),
        ]
        if format == "json":
            content = [
                Tag.objects.all(),
                interviews,
                Credit.objects.filter(interview__in=interviews),
                QAItem.objects.filter(interview__in=interviews),
                TaggedInterview.objects.filter(content_object__in=interviews),
            ]
            (target / ARCHIVE_FILE).write_text(serialize(people + content))
            count = interviews.count()
        else:
            (target / PEOPLE_FILE).write_text(serialize(people))
            count = 0
            for interview in interviews.prefetch_related(
                "featured_artists",
                Prefetch("credits", Credit.objects.select_related("contributor")),
                "qa_items",
                "tags",
            ):
                path = target / f"{interview.slug}.md"
                path.write_text(markdown.write(interview))
                count += 1
        self.stdout.write(f"Exported {count} interviews to {target}.")
