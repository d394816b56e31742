from django.core.management.base import BaseCommand, CommandError

from comments.services import close_comments_older_than


class Command(BaseCommand):
    help = (
        "Close comments on every interview published more than DAYS days ago "
        "(the same as the admin's “Close comments on older interviews”)."
    )

    def add_arguments(self, parser):
        parser.add_argument("days", type=int, help="Age in days, at least 1.")

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("DAYS must be at least 1; nothing was closed.")
        closed = close_comments_older_than(days=days)
        noun = "interview" if closed == 1 else "interviews"
        self.stdout.write(
            f"Closed comments on {closed} {noun} published more than {days} days ago."
        )
