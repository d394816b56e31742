from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MagazineConfig(AppConfig):
    """Site-wide pieces: staff roles, setup commands, templates and static."""

    name = "magazine"
    verbose_name = _("Magazine")

    def ready(self):
        from . import checks, pagecache  # noqa: F401 - checks register themselves
        from .admin_language import remember_admin_language
        from .roles import setup_roles_after_migrate

        # Every `migrate` leaves the Writer and Editor groups as the code says.
        post_migrate.connect(setup_roles_after_migrate, sender=self)
        # Any change to content makes the stored pages stale.
        pagecache.connect()
        post_migrate.connect(refresh_visibility, sender=self)
        post_migrate.connect(analyze_sqlite, sender=self)
        # A member of staff's admin opens in the language they chose.
        user_logged_in.connect(remember_admin_language)


def refresh_visibility(sender, **kwargs):
    """Work out afresh what public content shows (core.visibility): fills
    the stored times of a database migrated from before they were kept, and
    mends any that a change outside the site's own code left behind."""
    from core.visibility import refresh_all

    refresh_all()


def analyze_sqlite(sender, using="default", **kwargs):
    """Fresh statistics for SQLite's query planner after every `migrate`
    (`make run` and `make serve` migrate at each start). PostgreSQL keeps
    its own."""
    from django.db import connections

    from core.db import refresh_planner_statistics

    if connections[using].vendor == "sqlite":
        refresh_planner_statistics(using)
