from django.core.management import call_command
from django.core.management.base import BaseCommand

from interviews.models import Interview
from magazine.archive_fixture import ARCHIVE_FIXTURE, archive_slugs


class Command(BaseCommand):
    help = (
        "Load the magazine's archive (fixtures/archive.json) into a database "
        "that does not have it yet. A database that holds any of its "
        "interviews is left alone, so what editors changed (or deleted) in "
        "the archive pieces is never undone by a restart."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reload",
            action="store_true",
            help=(
                "load it again even so, overwriting every change editors made "
                "to the archive pieces"
            ),
        )

    def handle(self, *args, reload, verbosity, **options):
        present = Interview.objects.filter(slug__in=archive_slugs()).count()
        if present and not reload:
            if verbosity:
                self.stdout.write(
                    f"The archive is loaded already ({present} of its interviews "
                    "are here): nothing changed. load_archive --reload loads it "
                    "again, overwriting editors' changes to it."
                )
            return
        call_command("loaddata", ARCHIVE_FIXTURE, verbosity=verbosity)
