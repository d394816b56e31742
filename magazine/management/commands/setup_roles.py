from django.core.management.base import BaseCommand

from magazine.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the Writer and Editor groups and their permissions."

    def handle(self, *args, **options):
        for name, group in setup_roles().items():
            count = group.permissions.count()
            self.stdout.write(f"{name}: {count} permissions")
