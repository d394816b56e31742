from django.core.management import call_command
from django.core.management.base import BaseCommand

ARCHIVE_FIXTURE = "archive"


class Command(BaseCommand):
    help = (
        "Load the magazine's archive (fixtures/archive.json). Safe to run again: "
        "natural keys update what is there and create nothing twice."
    )

    def handle(self, *args, **options):
        call_command("loaddata", ARCHIVE_FIXTURE, verbosity=options["verbosity"])
