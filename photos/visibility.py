"""What photos show to readers: the contributor credited under a public
photo is public (see core.visibility). Connected in PhotosConfig.ready()."""

from core.visibility import shown_through
from people.models import Contributor

from .models import Photo


def connect():
    shown_through(Photo, "credit", Contributor)
