import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from magazine.roles import EDITOR, setup_roles


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editor group with a generated password, "
        "and print the login. An existing account keeps its password unless "
        "--reset-password is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give an existing account a new generated password.",
        )

    @transaction.atomic
    def handle(self, *args, username, email, reset_password, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email, "is_staff": True}
        )
        if not created and not reset_password:
            self.stdout.write(
                f"The account “{username}” already exists; its password is "
                "unchanged. For a new one: "
                f"python manage.py create_editor --username {username} "
                "--reset-password"
            )
            return
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(setup_roles()[EDITOR])
        self.stdout.write(
            self.style.SUCCESS("Editor login for http://127.0.0.1:8000/admin/")
        )
        self.stdout.write(f"  username: {username}")
        self.stdout.write(f"  password: {password}")
