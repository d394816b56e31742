"""Serving uploaded media from Django, for development and small sites.

Uploads are checked and re-encoded before they are stored, and these headers
are the second lock: a browser must never sniff a stored file into a page
(nosniff) or let it run anything (a sandboxing Content-Security-Policy).
Stored names are generated per upload and never reused, so media may be
cached for good. In production the web server serves MEDIA_ROOT with the
same headers (README, "Photos in production").
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

MEDIA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "public, max-age=31536000, immutable",
}


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    for header, value in MEDIA_HEADERS.items():
        response[header] = value
    return response


def media_urls():
    if not settings.SERVE_MEDIA:
        return []
    prefix = settings.MEDIA_URL.strip("/")
    return [re_path(rf"^{prefix}/(?P<path>.+)$", serve_media, name="media")]
