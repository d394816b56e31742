import warnings

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = _("Photos")

    def ready(self):
        # Pillow warns about an image over its pixel limit and refuses one over
        # twice it; a small file declaring a huge image is an attack, so the
        # warning is an error too, at the magazine's own ceiling.
        Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)

        from . import signals, visibility

        signals.connect(self)
        visibility.connect()
