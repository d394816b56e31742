"""An artist as schema.org knows one, for the pages that name them."""

from .models import GROUP_KINDS


def artist_entity(artist, request):
    entity = {
        "@type": "MusicGroup" if artist.kind in GROUP_KINDS else "Person",
        "name": artist.name,
        "url": request.build_absolute_uri(artist.get_absolute_url()),
    }
    if artist.hangul_name:
        entity["alternateName"] = artist.hangul_name
    return entity
