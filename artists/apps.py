from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArtistsConfig(AppConfig):
    name = "artists"
    verbose_name = _("Artists")

    def ready(self):
        from . import signals, visibility

        visibility.connect()
        signals.connect()
