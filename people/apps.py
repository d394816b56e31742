from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Contributors: everyone the magazine credits."""

    name = "people"
    verbose_name = _("People")
