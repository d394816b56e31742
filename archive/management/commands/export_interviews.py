import datetime
import json
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Prefetch, Q
from taggit.models import Tag

from archive.formats import markdown
from archive.formats.fixtures import DERIVED_FIELDS, SITE_FIELDS
from artists.models import (
    Agency,
    AgencyPeriod,
    Alias,
    Artist,
    ArtistLink,
    Membership,
)
from interviews.models import Correction, Credit, Interview, QAItem, TaggedInterview
from people.models import Contributor
from releases.models import Release, ReleaseArtist, Track

PEOPLE_FILE = "01-people.json"
CHUNK = 500


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (its own drops
    them to milliseconds, and an export must give back what it took)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def serialize(querysets, *, held=None):
    """`held`: when the export is not of everything, the slugs it holds of
    each kind ({"artists": ..., "releases": ...}); a reference to any other
    (a mention, a sub-unit's parent group, a release an interview is about)
    is left out, so that the export never names what it does not hold."""
    objects = [obj for queryset in querysets for obj in queryset]
    data = serializers.serialize(
        "python",
        objects,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    for obj in data:
        fields = obj["fields"]
        fields.pop(SITE_FIELDS.get(obj["model"]), None)
        for name in DERIVED_FIELDS.get(obj["model"], ()):
            fields.pop(name, None)
        if held is None:
            continue
        for name, kind in (("mentioned_artists", "artists"), ("releases", "releases")):
            if name in fields:
                fields[name] = [key for key in fields[name] if key[0] in held[kind]]
        parent = fields.get("parent") if obj["model"] == "artists.artist" else None
        if parent and parent[0] not in held["artists"]:
            fields["parent"] = None
        original = fields.get("version_of")
        if original and original[0] not in held.get("interviews", ()):
            fields["version_of"] = None
    return json.dumps(data, cls=LosslessEncoder, indent=2, ensure_ascii=False)


def people(*, everyone):
    """The agencies, artists (with their names, links and memberships),
    releases and contributors to export: all of them, or only the public ones, so that
    the live archive names no artist that readers cannot see yet."""
    if everyone:
        artists, contributors = Artist.objects.all(), Contributor.objects.all()
        memberships, agencies = Membership.objects.all(), Agency.objects.all()
        releases = Release.objects.all()
    else:
        releases = Release.objects.public()
        artists, contributors = Artist.objects.public(), Contributor.objects.public()
        memberships = Membership.objects.public()
        histories = AgencyPeriod.objects.filter(artist__in=artists)
        agencies = Agency.objects.filter(
            Q(artists__in=artists)
            | Q(pk__in=histories.values("agency"))
            | Q(pk__in=releases.values("label"))
        ).distinct()
    return [
        agencies,
        # Groups before their sub-units: an import reads a parent group before
        # the sub-unit that names it.
        artists.order_by(F("parent").asc(nulls_first=True), "name"),
        Alias.objects.filter(artist__in=artists),
        ArtistLink.objects.filter(artist__in=artists),
        memberships,
        AgencyPeriod.objects.filter(artist__in=artists),
        releases,
        ReleaseArtist.objects.filter(release__in=releases, artist__in=artists),
        Track.objects.filter(release__in=releases),
        contributors,
    ]


class Command(BaseCommand):
    help = (
        "Write the live archive (or --all interviews) to DIR: the public (or "
        "--all) artists and contributors as 01-people.json, then the "
        "interviews as one Markdown file each or as JSON fixtures of up to "
        "500 interviews each. "
        "import_interviews reads the folder back."
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
        # Originals before their language versions, which name them.
        interviews = interviews.order_by(F("version_of").asc(nulls_first=True), "slug")
        # Files are imported in name order: the people come first.
        exported = Artist.objects.all() if all else Artist.objects.public()
        releases = Release.objects.all() if all else Release.objects.public()
        held = None
        if not all:
            held = {
                "artists": set(exported.values_list("slug", flat=True)),
                "releases": set(releases.values_list("slug", flat=True)),
                "interviews": set(interviews.values_list("slug", flat=True)),
            }
        (target / PEOPLE_FILE).write_text(serialize(people(everyone=all), held=held))
        if format == "json":
            count = self.write_fixtures(target, interviews, held)
        else:
            count = 0
            for interview in interviews.select_related("version_of").prefetch_related(
                "featured_artists",
                # A mention names only what the people file holds.
                Prefetch("mentioned_artists", exported),
                Prefetch("releases", releases),
                Prefetch("credits", Credit.objects.select_related("contributor")),
                "qa_items",
                "tags",
                "corrections",
            ):
                path = target / f"{interview.slug}.md"
                path.write_text(
                    markdown.write(interview, held=held and held["interviews"])
                )
                count += 1
        self.stdout.write(f"Exported {count} interviews to {target}.")

    def write_fixtures(self, target, interviews, held):
        """Fixtures of CHUNK interviews each, so that every file stays well
        under the importer's size limit."""
        slugs = list(interviews.values_list("slug", flat=True))
        for number, start in enumerate(range(0, len(slugs), CHUNK), start=1):
            chunk = Interview.objects.filter(slug__in=slugs[start : start + CHUNK])
            content = [
                Tag.objects.filter(
                    interviews_taggedinterview_items__content_object__in=chunk
                ).distinct(),
                chunk.order_by(F("version_of").asc(nulls_first=True), "slug"),
                Credit.objects.filter(interview__in=chunk),
                QAItem.objects.filter(interview__in=chunk),
                TaggedInterview.objects.filter(content_object__in=chunk),
                Correction.objects.filter(interview__in=chunk),
            ]
            (target / f"02-interviews-{number:04}.json").write_text(
                serialize(content, held=held)
            )
        return len(slugs)
