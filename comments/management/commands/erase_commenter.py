from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.services import erase_commenter


class Command(BaseCommand):
    help = (
        "Erase every comment posted with an email address (matched whatever "
        "its capitalisation), the replies to those comments, and the admin "
        "history about them. For a reader who asks to be forgotten."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The commenter's email address.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be erased, and erase nothing.",
        )

    def handle(self, *args, email, dry_run, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(
                f"“{email}” is not a valid email address; nothing was erased."
            ) from error
        erased = erase_commenter(email=email, dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} {plural(erased.own, 'comment')} by {email} and "
            f"{plural(erased.replies, 'reply', 'replies')} to them."
        )


def plural(count, one, many=None):
    return f"{count} {one if count == 1 else many or one + 's'}"
