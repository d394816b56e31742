"""Finding the artists a text names, by any name the database holds.

Used by the raw importer (which features the artists a page's title names
and records the others as mentioned) and by the interview form (which
suggests, as mentions, the artists its text names but does not feature)."""

import re

from .models import Alias, Artist


class ArtistNames:
    """Every name, Hangul name and alias of the artists in the database, as
    one pattern: built once (per import run, per form), then matched
    against each text."""

    def __init__(self, artists=None):
        artists = Artist.objects.all() if artists is None else artists
        names = list(artists.values_list("pk", "name"))
        names += artists.exclude(hangul_name="").values_list("pk", "hangul_name")
        names += Alias.objects.filter(artist__in=artists).values_list(
            "artist_id", "name"
        )
        self.artist_of = {name.casefold(): pk for pk, name in names if name}
        # Longest first, so "Kim Se Jeong" wins over a shorter "Se Jeong".
        alternatives = sorted(self.artist_of, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def find(self, text):
        """(artist id, name as written) for each name in `text`, in order."""
        if self.pattern is None:
            return []
        return [
            (self.artist_of[match.group().casefold()], match.group())
            for match in self.pattern.finditer(text)
        ]

    def artists_in(self, text):
        """The ids of the artists `text` names, each once, in order."""
        return list(dict.fromkeys(pk for pk, _ in self.find(text)))
