"""schema.org JSON-LD for a release page: a MusicAlbum and its tracks."""

from django.utils import timezone

from artists.structured_data import artist_entity
from core.structured_data import json_ld

from .models import ArtistRole, DatePrecision, ReleaseKind

ALBUM_TYPES = {
    ReleaseKind.SINGLE: "SingleRelease",
    ReleaseKind.DIGITAL_SINGLE: "SingleRelease",
    ReleaseKind.MINI_ALBUM: "EPRelease",
    ReleaseKind.STUDIO_ALBUM: "AlbumRelease",
    ReleaseKind.REPACKAGE: "AlbumRelease",
    ReleaseKind.OST: "SoundtrackAlbum",
}


def release_date(release):
    """As much of the release time as is known, in Korean time, as ISO 8601."""
    when = timezone.localtime(release.released_at)
    if release.precision == DatePrecision.MONTH:
        return when.strftime("%Y-%m")
    if release.precision == DatePrecision.DAY:
        return when.date().isoformat()
    return when.isoformat()


def album_data(release, request):
    """The release as a `MusicAlbum`; uses the credits and tracks prefetched
    (`public_credits`: only artists readers may see)."""
    tracks = release.tracks.all()
    main = [c.artist for c in release.public_credits if c.role == ArtistRole.MAIN]
    data = {
        "@context": "https://schema.org",
        "@type": "MusicAlbum",
        "name": release.title,
        "url": request.build_absolute_uri(release.get_absolute_url()),
        "albumReleaseType": f"https://schema.org/{ALBUM_TYPES[release.kind]}",
        "datePublished": release_date(release),
        "byArtist": [artist_entity(artist, request) for artist in main],
        "numTracks": len(tracks),
        "track": {
            "@type": "ItemList",
            "numberOfItems": len(tracks),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": track.position,
                    "item": {"@type": "MusicRecording", "name": track.title},
                }
                for track in tracks
            ],
        },
    }
    if release.hangul_title:
        data["alternateName"] = release.hangul_title
    if release.label:
        data["recordLabel"] = {"@type": "Organization", "name": release.label.name}
    if release.cover:
        data["image"] = request.build_absolute_uri(release.cover.largest_url)
    return json_ld(data)
