from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Bringing interviews in (import_interviews) and taking them out
    (export_interviews), in Markdown, raw archive text and JSON fixtures."""

    name = "archive"
    verbose_name = _("Archive")
