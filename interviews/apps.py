from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviews")

    def ready(self):
        from django.urls import register_converter

        from . import readiness, signals, visibility
        from .tags import TagSlugConverter

        signals.connect(self)
        visibility.connect()
        readiness.connect()
        # `<tag:slug>` in the URLs of tag pages and feeds.
        register_converter(TagSlugConverter, "tag")
