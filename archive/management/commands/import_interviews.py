import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from archive import files
from archive.formats import fixtures, markdown, raw
from archive.records import ImportProblem
from archive.services import RecordWriter, Summary, in_saving_order
from artists.mentions import ArtistNames
from core.db import refresh_planner_statistics
from interviews.models import Interview

# Runs longer than this show a progress bar.
PROGRESS_FROM = 5


class Command(BaseCommand):
    help = (
        "Import interviews from Markdown files (.md), raw archive text (.txt) "
        "and Django JSON fixtures (.json), given as files or folders. The run "
        "is one transaction: any problem rolls it all back and is reported as "
        "file:line. Importing the same files again updates in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--format",
            choices=["markdown", "raw", "json"],
            help="read every file in this format, whatever its extension",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would be created, updated and linked; write nothing",
        )

    def handle(self, *args, paths, format, dry_run, verbosity, **options):
        summary = Summary()
        try:
            with transaction.atomic():
                self.run(files.collect(paths, format=format), summary, verbosity)
                if dry_run:
                    transaction.set_rollback(True)
        except ImportProblem as problem:
            raise CommandError(f"{problem}\nNothing was imported.") from None
        if not dry_run and self.grew_by_a_tenth(summary):
            # A back catalogue imported into a running site would otherwise
            # be planned for by the statistics of the archive before it.
            refresh_planner_statistics()
        for event in summary.events if verbosity > 1 else ():
            self.stdout.write(f"  {event}")
        heading = "Dry run: nothing written. It would do:" if dry_run else "Done:"
        self.stdout.write(self.style.SUCCESS(heading))
        for line in summary.table():
            self.stdout.write(f"  {line}")

    def grew_by_a_tenth(self, summary):
        """Whether the interviews the run created are a tenth of them all or
        more: where PostgreSQL's autovacuum would analyze the table again."""
        created = summary.counts["interview", "created"]
        return created > 0 and created * 10 >= Interview.objects.count()

    def run(self, found, summary, verbosity):
        # Fixtures first, in name order: they bring the artists and
        # contributors that later fixtures, Markdown and raw files name.
        found = sorted(found, key=lambda item: (item[1] != "json", item[0].name))
        fixture_files, texts = [], []
        for path, kind in found:
            text = files.read_text(path)
            if kind == "json":
                fixture_files.append((path, fixtures.parse(path, text)))
            else:
                texts.append((path, kind, text))
        published = []
        for path, objects in fixture_files:
            published += fixtures.save(path, objects, summary)
        fixtures.check_publishable(published)
        # Raw pages are matched against the artists the fixtures brought.
        names = ArtistNames() if any(k == "raw" for _, k, _ in texts) else None
        records = in_saving_order(
            raw.parse(path, text, names)
            if kind == "raw"
            else markdown.parse(path, text)
            for path, kind, text in texts
        )
        writer = RecordWriter(summary)
        writer.check_slugs(records)
        progress = tqdm(
            records,
            unit="interview",
            disable=len(records) <= PROGRESS_FROM or verbosity == 0,
            file=sys.stderr,
        )
        for record in progress:
            writer.save(record)
            if verbosity and (record.unplaced or verbosity > 1):
                self.report(record)

    def report(self, record):
        """What a raw file gave, and what it could not place."""
        self.stdout.write(f"{record.path}:")
        for note in record.found:
            self.stdout.write(f"  found {note}")
        for note in record.unplaced:
            self.stdout.write(self.style.WARNING(f"  could not place: {note}"))
