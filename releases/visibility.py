"""What release pages show to readers: a public release's cover is a public
photo (see core.visibility). Connected in ReleasesConfig.ready()."""

from core.visibility import shown_through
from photos.models import Photo

from .models import Release


def connect():
    shown_through(Release, "cover", Photo, public_flag="is_public")
