from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MagazineConfig(AppConfig):
    """Site-wide pieces: staff roles, setup commands, templates and static."""

    name = "magazine"
    verbose_name = "Magazine"

    def ready(self):
        from . import pagecache
        from .roles import setup_roles_after_migrate

        # Every `migrate` leaves the Writer and Editor groups as the code says.
        post_migrate.connect(setup_roles_after_migrate, sender=self)
        # Any change to content makes the stored pages stale.
        pagecache.connect()
