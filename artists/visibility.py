"""What artist pages show to readers: a public artist's portrait is a public
photo (see core.visibility). Connected in ArtistsConfig.ready()."""

from core.visibility import shown_through
from photos.models import Photo

from .models import Artist


def connect():
    shown_through(Artist, "portrait", Photo, public_flag="is_public")
