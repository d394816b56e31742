"""Serving uploaded media from Django, for development and small sites.

Uploads are checked and re-encoded before they are stored, and these headers
are the second lock: a browser must never sniff a stored file into a page
(nosniff) or let it run anything (a sandboxing Content-Security-Policy).

A photo is served to readers only once public content shows it
(`Photo.objects.public()`), like every other surface of an embargo: the
files of a photo waiting for its interview answer 404 to anyone who has
guessed or kept their address, and only staff see them. Stored names are
generated per upload and never reused, so a public photo may be cached for
good; one that is not yet public is never stored by a cache.
"""

import re

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

from photos.models import Photo

MEDIA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}
PUBLIC_CACHING = "public, max-age=31536000, immutable"
STAFF_CACHING = "private, no-store"
# photos/<the photo's key>/<a random stem>[-<rendition>] (photos/services.py)
PHOTO_FILE = re.compile(r"photos/(?P<key>[0-9a-f-]{36})/[^/]+")


def is_public(path):
    match = PHOTO_FILE.fullmatch(path)
    return (
        match is not None and Photo.objects.public().filter(key=match["key"]).exists()
    )


def serve_media(request, path):
    public = is_public(path)
    if not public and not request.user.is_staff:
        raise Http404("No such file.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    for header, value in MEDIA_HEADERS.items():
        response[header] = value
    response["Cache-Control"] = PUBLIC_CACHING if public else STAFF_CACHING
    return response


def media_urls():
    if not settings.SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.strip("/")
    return [re_path(rf"^{prefix}/(?P<path>.+)$", serve_media, name="media")]
